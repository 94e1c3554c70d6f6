#include <scarplan/recommend/recommend.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>

namespace scarplan {

namespace {

void
choose_interval(Recommendation& out, const Patient& patient, const Protocol& protocol)
{
  const IntervalRule* chosen = &protocol.interval;
  double deepest = 0.0;
  for (const auto& depth : out.depths) {
    deepest = std::max(deepest, depth.depth_mm);
  }
  for (const auto& rule : protocol.longer_intervals) {
    const bool deep = rule.min_needle_depth_mm && deepest >= *rule.min_needle_depth_mm;
    const bool phototype = rule.phototype_at_least && patient.phototype >= *rule.phototype_at_least;
    if ((deep || phototype) && rule.target_days > chosen->target_days) {
      chosen = &rule;
    }
  }
  out.interval_days = chosen->target_days;
  out.interval_min_days = chosen->min_days;
  out.interval_max_days = chosen->max_days;
  out.reasons.push_back({"interval",
                         "every " + std::to_string(chosen->target_days) + " days, within " +
                             std::to_string(chosen->min_days) + "-" +
                             std::to_string(chosen->max_days) + " days",
                         chosen->source});
}

std::string
where(const ScarGroup& scar)
{
  return std::to_string(scar.count) + " on the " + std::string(name_of(scar.area)) +
         (scar.side == Side::unspecified ? "" : " (" + std::string(name_of(scar.side)) + ")");
}

// Focal first: every treatable group is of a focal class (icepick, deep boxcar) and there are
// few of them, so the plan leads with their focal treatment and needling becomes optional.
bool
focal_first(const Patient& patient,
            const std::vector<ScarAssessment>& scars,
            const StagingRule& rule,
            int& lesions)
{
  lesions = 0;
  bool any = false;
  for (std::size_t i = 0; i < scars.size(); ++i) {
    if (scars[i].response == Response::not_indicated) {
      continue;
    }
    if (std::find(rule.classes.begin(), rule.classes.end(), scars[i].scar_class) ==
        rule.classes.end()) {
      return false;
    }
    if (scars[i].scar_class == ScarClass::boxcar_deep && !patient.scars[i].depth_mm) {
      return false; // "deep" only assumed (a typed boxcar with no depth): no focal lead on that
    }
    any = true;
    lesions += patient.scars[i].count;
  }
  return any && lesions <= rule.max_lesions;
}

} // namespace

std::vector<Zone>
Recommendation::zones() const
{
  std::vector<Zone> out;
  for (const auto& depth : depths) {
    const Zone zone = zone_of(depth.area);
    if (std::find(out.begin(), out.end(), zone) == out.end()) {
      out.push_back(zone);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Recommendation
recommend(const Patient& patient,
          const std::vector<ScarAssessment>& scars,
          const Severity& severity,
          const Eligibility& eligibility,
          const Protocol& protocol)
{
  Recommendation out;
  if (eligibility.status == Status::not_eligible || eligibility.status == Status::not_indicated) {
    return out;
  }

  int treatable_lesions = 0;
  bool weak_response = false;
  for (std::size_t i = 0; i < scars.size(); ++i) {
    const ScarAssessment& scar = scars[i];
    if (scar.response == Response::not_indicated) {
      continue;
    }
    treatable_lesions += patient.scars[i].count;
    const auto& upper = protocol.sessions.upper_when_response;
    weak_response =
        weak_response || std::find(upper.begin(), upper.end(), scar.response) != upper.end();
    // Each area keeps its own depth, the deepest its groups allow (each within the area's limit).
    const Area area = patient.scars[i].area;
    auto depth = std::find_if(
        out.depths.begin(), out.depths.end(), [&](const AreaDepth& d) { return d.area == area; });
    if (depth == out.depths.end()) {
      out.depths.push_back({area, scar.needle_depth_mm});
    } else {
      depth->depth_mm = std::max(depth->depth_mm, scar.needle_depth_mm);
    }
    for (const Adjunct adjunct : scar.adjuncts) {
      const auto known = std::find_if(out.suggested.begin(),
                                      out.suggested.end(),
                                      [&](const AdjunctAdvice& a) { return a.adjunct == adjunct; });
      const std::string why =
          std::string(human_name(scar.scar_class)) + " scars, " + where(patient.scars[i]);
      if (known == out.suggested.end()) {
        out.suggested.push_back(
            {adjunct,
             "for the " + why,
             protocol.classes[static_cast<std::size_t>(scar.scar_class)].source});
      } else {
        known->why += "; " + why;
      }
    }
  }
  std::sort(out.depths.begin(), out.depths.end(), [](const AreaDepth& a, const AreaDepth& b) {
    return a.area < b.area;
  });
  out.requested = patient.preferences.adjuncts;
  const DepthRules& depth_rules = protocol.depth;
  out.notices.push_back({"depth_adjust", depth_rules.adjust_text, depth_rules.adjust_source});
  std::vector<std::string_view> off_label;
  for (const auto& depth : out.depths) {
    const auto& areas = depth_rules.off_label_areas;
    if (std::find(areas.begin(), areas.end(), depth.area) != areas.end()) {
      off_label.push_back(name_of(depth.area));
    }
  }
  if (!off_label.empty()) {
    out.notices.push_back({"off_label_body_site",
                           join(off_label, ", ") + ": " + depth_rules.off_label_text,
                           depth_rules.off_label_source});
  }
  int focal_lesions = 0;
  if (focal_first(patient, scars, protocol.focal_first, focal_lesions)) {
    out.approach = Approach::focal_first;
    out.notices.push_back(
        {"focal_first",
         std::to_string(focal_lesions) + " focal scar" + (focal_lesions == 1 ? "" : "s") + ": " +
             protocol.focal_first.visit_text + "; a needling course after its review is optional",
         protocol.focal_first.source});
  }

  // A grade below 2 with treatable scars (a practitioner's grade 1) is planned as grade 2.
  const int grade = std::clamp(severity.grade.value_or(2), 2, 4);
  const auto rule = std::find_if(protocol.sessions.by_grade.begin(),
                                 protocol.sessions.by_grade.end(),
                                 [&](const SessionRule& r) { return r.grade == grade; });
  out.sessions = rule->min;
  std::string why = "grade " + std::to_string(grade) + ": " + std::to_string(rule->min) +
                    (rule->max > rule->min ? "-" + std::to_string(rule->max) : "") + " sessions";
  if (rule->max > rule->min) {
    if (weak_response) {
      out.sessions = rule->max;
      why += "; the upper end, as a scar group responds only moderately or poorly";
    } else if (treatable_lesions > protocol.sessions.upper_when_lesions_over) {
      out.sessions = rule->max;
      why += "; the upper end, for more than " +
             std::to_string(protocol.sessions.upper_when_lesions_over) + " treatable lesions";
    } else {
      why += "; the lower end";
    }
  }
  if (severity.grade && *severity.grade < 2) {
    why += " (grade " + std::to_string(*severity.grade) +
           " in the file, but treatable scars are present)";
  }
  out.reasons.push_back({"sessions", why, rule->source + "; " + protocol.sessions.source});

  out.done = static_cast<int>(patient.sessions_done.size());
  out.remaining = std::max(0, out.sessions - out.done);
  if (out.done > 0) {
    out.reasons.push_back({"sessions_done",
                           std::to_string(out.done) + " already given, " +
                               std::to_string(out.remaining) + " to schedule",
                           "patient file"});
  }
  choose_interval(out, patient, protocol);
  return out;
}

} // namespace scarplan
