// libFuzzer target: any bytes as a `book --busy` calendar, read by libical through the busy
// loader for a two-room clinic with a practitioner; whatever loads is booked against two
// patients, and their plans, agenda and capacity report rendered. Under ASan and UBSan every
// crash, leak or overflow is a finding.
#include <scarplan/app/pipeline.hpp>
#include <scarplan/book/book.hpp>
#include <scarplan/load/builtin_data.hpp>
#include <scarplan/load/busy_calendar.hpp>
#include <scarplan/load/patient_file.hpp>
#include <scarplan/load/settings_files.hpp>
#include <scarplan/render/render.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

const date::sys_days k_today = date::sys_days{date::year{2026} / 11 / 22};

const scarplan::Settings&
settings()
{
  static const scarplan::Settings k_settings = [] {
    scarplan::Diagnostics errors("settings");
    auto clinic = scarplan::load_clinic(
        std::string(scarplan::builtin_file("clinic.toml")) +
            "\n[capacity]\nslot_minutes = 15\nbuffer_minutes = 10\n[[rooms]]\nname = \"Room "
            "1\"\n[[rooms]]\nname = \"Room 2\"\n[[practitioners]]\nid = \"dr-a\"\nhours = { tue "
            "= \"10:00-20:00\", wed = \"12:00-18:00\" }\n",
        errors);
    auto protocol = scarplan::load_protocol(scarplan::builtin_file("protocol.toml"), errors);
    if (!clinic || !protocol) {
      std::abort();
    }
    return scarplan::Settings{std::move(*clinic), std::move(*protocol)};
  }();
  return k_settings;
}

scarplan::Patient
patient(const char* id)
{
  scarplan::Diagnostics diagnostics("patient");
  auto loaded = scarplan::load_patient(std::string("[patient]\nid = \"") + id +
                                           "\"\nbirth_date = 1990-01-01\nphototype = "
                                           "3\n[[scars]]\narea = \"cheek\"\ncount = 12\nwidth_mm = "
                                           "5\ndepth_mm = 0.3\nedges = \"sloped\"\n[preferences]"
                                           "\nstart = 2027-01-11\ntime = \"17:30\"\n",
                                       k_today,
                                       diagnostics);
  if (!loaded) {
    std::abort();
  }
  return std::move(*loaded);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const scarplan::Settings& clinic = settings();
  scarplan::Diagnostics diagnostics("busy.ics");
  const auto busy =
      scarplan::load_busy_calendar(std::string_view(reinterpret_cast<const char*>(data), size),
                                   clinic.clinic,
                                   k_today,
                                   k_today + date::days{3 * 366},
                                   diagnostics);
  for (const auto& item : diagnostics.items()) {
    (void)scarplan::format_diagnostic(item);
  }
  if (!busy) {
    return 0;
  }
  const scarplan::PlanOptions alone{k_today, k_today, std::nullopt};
  std::vector<scarplan::Patient> patients = {patient("F-1"), patient("F-2")};
  scarplan::Booker booker(clinic.clinic, *busy, scarplan::BookingMethod::nearest_target);
  std::vector<scarplan::AgendaEntry> agenda;
  for (const auto& one : patients) {
    scarplan::Plan plan = scarplan::make_plan(one, clinic, alone);
    scarplan::PatientToBook to_book;
    for (const auto& session : plan.sessions) {
      to_book.targets.push_back({session.date, session.arrive, session.start, session.end});
    }
    const auto booked = booker.book(to_book, [&](const scarplan::Availability& availability) {
      scarplan::PlanOptions options = alone;
      options.availability = &availability;
      return scarplan::make_plan(one, clinic, options).sessions;
    });
    scarplan::PlanOptions fixed = alone;
    fixed.booked = &booked;
    const scarplan::Plan final = scarplan::make_plan(one, clinic, fixed);
    (void)scarplan::render_json(final, {});
    const auto entries = scarplan::agenda_entries(final, std::nullopt, std::nullopt);
    agenda.insert(agenda.end(), entries.begin(), entries.end());
  }
  (void)scarplan::render_agenda_text(agenda, clinic.clinic, {});
  (void)scarplan::render_capacity_json(booker.report(), clinic.clinic, {});
  return 0;
}
