#include <scarplan/classify/classify.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>
#include <cmath>

namespace scarplan {

namespace {

constexpr double k_epsilon = 1e-9; // measurements are decimals read as doubles

bool
is_raised(ScarClass scar_class)
{
  return scar_class == ScarClass::hypertrophic || scar_class == ScarClass::keloid;
}

bool
within(double value, double threshold, double margin)
{
  return std::fabs(value - threshold) <= margin + k_epsilon;
}

std::string
mm(double value)
{
  return format_number(value) + " mm";
}

class Classifier
{
public:
  Classifier(const ScarGroup& scar, const Protocol& protocol)
      : m_scar(scar), m_rules(protocol.classification)
  {
  }

  // Once per Classifier: the call is moved out.
  std::optional<ScarAssessment> run() &&;

private:
  void because(std::string code, std::string text)
  {
    m_call.reasons.push_back({std::move(code), std::move(text), m_rules.source});
  }
  void borderline(ScarClass alternative, std::string test)
  {
    if (!m_call.borderline) { // the first doubt found is the one reported
      m_call.borderline = true;
      m_call.alternative = alternative;
      m_call.settle_test = std::move(test);
    }
  }
  ScarClass boxcar_by_depth(double depth);
  ScarClass boxcar_of(double depth) const
  {
    return depth <= m_rules.shallow_max_depth_mm + k_epsilon ? ScarClass::boxcar_shallow
                                                             : ScarClass::boxcar_deep;
  }
  std::optional<ScarClass> atrophic();

  const ScarGroup& m_scar;
  const ClassificationRules& m_rules;
  ScarAssessment m_call;
};

ScarClass
Classifier::boxcar_by_depth(double depth)
{
  const bool shallow = depth <= m_rules.shallow_max_depth_mm + k_epsilon;
  because(shallow ? "boxcar_shallow" : "boxcar_deep",
          "depth " + mm(depth) + (shallow ? " <= " : " > ") + mm(m_rules.shallow_max_depth_mm) +
              ": " + (shallow ? "shallow" : "deep") + " boxcar");
  if (within(depth, m_rules.shallow_max_depth_mm, m_rules.depth_margin_mm)) {
    borderline(shallow ? ScarClass::boxcar_deep : ScarClass::boxcar_shallow,
               "stretch test (a shallow boxcar flattens when stretched, a deep one does not) or a "
               "depth gauge");
  }
  return shallow ? ScarClass::boxcar_shallow : ScarClass::boxcar_deep;
}

std::optional<ScarClass>
Classifier::atrophic()
{
  if (!m_scar.width_mm || !m_scar.depth_mm) {
    return std::nullopt;
  }
  const double width = *m_scar.width_mm;
  const double depth = *m_scar.depth_mm;
  if (depth <= m_rules.macular_max_depth_mm + k_epsilon) {
    because("flat",
            "depth " + mm(depth) + " <= " + mm(m_rules.macular_max_depth_mm) +
                ": flat, a colour mark");
    return ScarClass::macular;
  }
  if (depth <= m_rules.macular_max_depth_mm + m_rules.depth_margin_mm + k_epsilon) {
    borderline(ScarClass::macular, "side lighting: is there any depression at all?");
  }
  const std::string icepick_test = "look at the walls and gauge the depth: a V-shaped tract "
                                   "narrowing to a point is icepick, vertical walls with a flat "
                                   "base boxcar";
  const bool narrow = width < m_rules.icepick_max_width_mm - k_epsilon;
  const bool near_icepick_width =
      within(width, m_rules.icepick_max_width_mm, m_rules.width_margin_mm);
  const bool deep = depth > m_rules.icepick_min_depth_mm + k_epsilon;
  // Icepick is narrow and deep (Jacob 2001; Fabbrocini 2010), tested before tethering.
  if (narrow && deep) {
    because("narrow_deep",
            "width " + mm(width) + " < " + mm(m_rules.icepick_max_width_mm) + " and depth " +
                mm(depth) + " > " + mm(m_rules.icepick_min_depth_mm) + ": icepick");
    if (near_icepick_width) {
      borderline(ScarClass::boxcar_deep, icepick_test);
    }
    if (within(depth, m_rules.icepick_min_depth_mm, m_rules.depth_margin_mm)) {
      borderline(ScarClass::boxcar_shallow, icepick_test);
    }
    return ScarClass::icepick;
  }
  const std::string rolling_test =
      "stretch test and pinch test: a rolling scar flattens when stretched and is tethered";
  const bool under_rolling_width = width < m_rules.rolling_min_width_mm - k_epsilon;
  const auto rolling = [&](std::string code, std::string why) {
    because(std::move(code), std::move(why));
    if (under_rolling_width) { // rolling scars are wide (Jacob 2001: > 4-5 mm)
      borderline(boxcar_of(depth),
                 rolling_test + "; rolling scars are usually wider than " +
                     mm(m_rules.rolling_min_width_mm));
    }
    return ScarClass::rolling;
  };
  if (m_scar.tethered.value_or(false)) {
    return rolling("tethered", "tethered to deeper tissue: rolling");
  }
  if (narrow) {
    because("narrow_shallow",
            "width " + mm(width) + " < " + mm(m_rules.icepick_max_width_mm) + " but depth " +
                mm(depth) + " <= " + mm(m_rules.icepick_min_depth_mm) +
                ": too shallow for an icepick, a narrow shallow boxcar");
    borderline(ScarClass::icepick, icepick_test);
    return boxcar_by_depth(depth);
  }
  ScarClass call = ScarClass::rolling;
  if (m_scar.edges == Edges::sloped) {
    call = rolling("sloped",
                   "width " + mm(width) + " >= " + mm(m_rules.icepick_max_width_mm) +
                       " with sloped edges: rolling");
  } else if (m_scar.edges == Edges::sharp) {
    because("sharp",
            "width " + mm(width) + " >= " + mm(m_rules.icepick_max_width_mm) +
                " with sharp edges: boxcar");
    call = boxcar_by_depth(depth);
  } else if (width > m_rules.rolling_min_width_mm + k_epsilon &&
             m_scar.distensible.value_or(true)) {
    because("wide",
            "width " + mm(width) + " > " + mm(m_rules.rolling_min_width_mm) +
                ", edges not recorded: rolling");
    if (within(width, m_rules.rolling_min_width_mm, m_rules.width_margin_mm)) {
      borderline(boxcar_of(depth), rolling_test);
    }
  } else {
    because("medium",
            "width " + mm(width) +
                (width > m_rules.rolling_min_width_mm ? " (not distensible)"
                                                      : " <= " + mm(m_rules.rolling_min_width_mm)) +
                ", edges not recorded: boxcar");
    if (within(width, m_rules.rolling_min_width_mm, m_rules.width_margin_mm)) {
      borderline(ScarClass::rolling, rolling_test);
    }
    call = boxcar_by_depth(depth);
  }
  if (near_icepick_width && depth > m_rules.shallow_max_depth_mm - m_rules.depth_margin_mm) {
    borderline(ScarClass::icepick, icepick_test);
  }
  return call;
}

std::optional<ScarAssessment>
Classifier::run() &&
{
  const double height = m_scar.raised_mm;
  const bool raised = height > m_rules.raised_min_mm + k_epsilon;
  if (raised) {
    because("raised", "raised " + mm(height) + " above the surface");
    m_call.scar_class = m_scar.beyond_margin ? ScarClass::keloid : ScarClass::hypertrophic;
    because(m_scar.beyond_margin ? "beyond_margin" : "within_margin",
            m_scar.beyond_margin ? "spreads past the original margin: keloid"
                                 : "stays within the original margin: hypertrophic");
    if (height <= m_rules.raised_min_mm + m_rules.depth_margin_mm + k_epsilon) {
      const std::size_t kept = m_call.reasons.size();
      const auto flat_call = atrophic(); // what it is if it is not raised after all
      m_call.reasons.resize(kept);
      m_call.borderline = true;
      m_call.alternative = flat_call.value_or(ScarClass::macular);
      m_call.settle_test = "palpation with side lighting: is it raised at all?";
    }
    return std::move(m_call);
  }
  const auto call = atrophic();
  if (m_scar.beyond_margin) {
    // Spreading past the margin is the mark of a keloid, whatever the depth says: never needled.
    m_call.reasons.clear();
    because("beyond_margin",
            "spreads past the original margin: keloid, though no height is recorded");
    m_call.scar_class = ScarClass::keloid;
    m_call.borderline = true;
    m_call.alternative = call;
    m_call.settle_test = "palpation with side lighting: is it raised, and does it spread past the "
                         "original lesion?";
    return std::move(m_call);
  }
  if (call) {
    m_call.scar_class = *call;
    return std::move(m_call);
  }
  return std::nullopt;
}

} // namespace

std::optional<ScarAssessment>
classify_by_measurements(const ScarGroup& scar, const Protocol& protocol)
{
  return Classifier(scar, protocol).run();
}

ScarAssessment
classify_scar(const ScarGroup& scar, const Protocol& protocol)
{
  auto measured = classify_by_measurements(scar, protocol);
  ScarAssessment assessment;
  if (scar.type) {
    assessment.scar_class = *scar.type;
    assessment.from_file = true;
    std::string why = "the practitioner's type";
    if (*scar.type == ScarClass::boxcar_deep) {
      // The file's "boxcar" carries no subtype: the depth decides, deep when not measured.
      const bool shallow =
          scar.depth_mm &&
          *scar.depth_mm <= protocol.classification.shallow_max_depth_mm + k_epsilon;
      assessment.scar_class = shallow ? ScarClass::boxcar_shallow : ScarClass::boxcar_deep;
      why += scar.depth_mm ? ", subtype from the depth " + mm(*scar.depth_mm)
                           : ", depth not recorded: assumed deep (the conservative call)";
    }
    assessment.reasons.push_back({"type_from_file", why, "patient file"});
    if (measured) {
      assessment.measured = measured->scar_class;
      if (measured->scar_class != assessment.scar_class) {
        assessment.reasons.push_back(
            {"measurements_disagree",
             "the measurements alone give " + std::string(human_name(measured->scar_class)),
             protocol.classification.source});
      }
      // A type can never turn a scar measured raised (or spreading) into a needled one.
      // Nor a keloid (spreading past its margin) into a hypertrophic scar: a keloid is never
      // treated, and its precaution must not be lost.
      if ((is_raised(measured->scar_class) && !is_raised(assessment.scar_class)) ||
          (measured->scar_class == ScarClass::keloid &&
           assessment.scar_class != ScarClass::keloid)) {
        assessment.reasons.push_back(
            {"type_contradicts_raised",
             "the type says " + std::string(human_name(assessment.scar_class)) +
                 " but the measurements say " + std::string(human_name(measured->scar_class)) +
                 ": planned as " + std::string(human_name(measured->scar_class)) +
                 " and not needled until the practitioner settles it",
             protocol.classification.source});
        assessment.alternative = assessment.scar_class;
        assessment.scar_class = measured->scar_class;
        assessment.borderline = true;
        assessment.settle_test = "re-examine: is the scar raised, and does it spread past the "
                                 "original lesion? Correct the measurements or the type";
      }
    }
  } else if (measured) {
    assessment = std::move(*measured);
    assessment.measured = assessment.scar_class;
  }
  const ClassRule& rule = protocol.classes[static_cast<std::size_t>(assessment.scar_class)];
  assessment.response = rule.response;
  assessment.adjuncts = rule.adjuncts;
  if (scar.tethered != false) { // an untethered group has no tether to release
    assessment.adjuncts.insert(
        assessment.adjuncts.end(), rule.tether_adjuncts.begin(), rule.tether_adjuncts.end());
  }
  assessment.adjunct_note = rule.adjunct_note;
  assessment.reasons.push_back(
      {"response", "expected response " + std::string(name_of(rule.response)), rule.source});
  if (rule.response != Response::not_indicated) {
    const double area_max = protocol.depth.area_max_mm[static_cast<std::size_t>(scar.area)];
    assessment.needle_depth_mm = std::min({area_max, rule.needle_max_mm, protocol.depth.cap_mm});
    assessment.reasons.push_back(
        {"needle_depth",
         "needle depth " + mm(assessment.needle_depth_mm) + ": the least of " +
             std::string(name_of(scar.area)) + " " + mm(area_max) + ", " +
             std::string(human_name(assessment.scar_class)) + " " + mm(rule.needle_max_mm) +
             " and the cap " + mm(protocol.depth.cap_mm),
         protocol.depth.source});
  }
  return assessment;
}

} // namespace scarplan
