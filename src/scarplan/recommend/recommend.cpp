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

} // namespace

std::vector<Zone>
Recommendation::zones() const
{
  std::vector<Zone> out;
  for (const auto& depth : depths) {
    out.push_back(depth.zone);
  }
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
    const Zone zone = zone_of(patient.scars[i].area);
    auto depth = std::find_if(
        out.depths.begin(), out.depths.end(), [&](const ZoneDepth& d) { return d.zone == zone; });
    if (depth == out.depths.end()) {
      out.depths.push_back({zone, scar.needle_depth_mm});
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
  std::sort(out.depths.begin(), out.depths.end(), [](const ZoneDepth& a, const ZoneDepth& b) {
    return a.zone < b.zone;
  });
  out.requested = patient.preferences.adjuncts;

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
