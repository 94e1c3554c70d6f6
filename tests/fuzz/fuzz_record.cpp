// libFuzzer target: any bytes as a patient file, then `done` or `assess` on it (the first byte
// chooses which, the date and the note). The result either loads as a valid patient file that
// keeps every byte of the original before the entry, or is refused with problems; never a
// crash. The file-system half of the edit (lock, unnamed file, rename) is tests/cli/records.sh.
#include <scarplan/load/patient_file.hpp>
#include <scarplan/record/record.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size == 0) {
    return 0;
  }
  const std::uint8_t choice = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const date::sys_days today = date::sys_days{date::year{2026} / 11 / 22};
  const date::year_month_day day{today - date::days{choice % 64}};
  const std::string note = (choice & 0x40) ? "a note with \"quotes\", \\ and é" : "";
  scarplan::Recorded recorded;
  if (choice & 0x80) {
    scarplan::AssessmentEntry entry{day, std::nullopt, std::nullopt, 5.0, note, {}};
    if (choice & 0x01) {
      entry.goodman_score = 12;
    } else {
      entry.scars.push_back({{"area", "cheek"}, {"count", "3"}, {"width_mm", "2"}});
    }
    recorded = scarplan::record_assessment(text, "fuzz.toml", entry, today);
  } else {
    recorded = scarplan::record_session_done(
        text,
        "fuzz.toml",
        {day, (choice & 0x01) ? std::optional<double>(1.0) : std::nullopt, note},
        today);
  }
  if (!recorded.text) {
    if (recorded.problems.empty()) {
      std::abort(); // a refusal says why
    }
    return 0;
  }
  // Every byte before the entry is kept, and the result is a valid patient file.
  if (recorded.text->compare(0, text.size(), text) != 0) {
    std::abort();
  }
  scarplan::Diagnostics diagnostics("fuzz.toml");
  if (!scarplan::load_patient(*recorded.text, today, diagnostics)) {
    std::abort();
  }
  return 0;
}
