#!/usr/bin/python3
"""Writes N varied, valid patient files (deterministic for a seed) into DIR, for the benchmark.
Usage: generate_patients.py N DIR [SEED] [YEARS]   YEARS spreads the preferred starts over that many
years from 2027 (default 1), so a booked clinic's load per room can stay the same as N grows."""
import os
import random
import sys

count, folder = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
years = int(sys.argv[4]) if len(sys.argv) > 4 else 1
os.makedirs(folder, exist_ok=True)
areas = ["forehead", "temple", "cheek", "nose", "perioral", "chin", "jawline", "neck", "chest", "back", "shoulder"]
flags = ["active_acne", "herpes_simplex", "pregnant", "keloid_history", "anticoagulants", "diabetes", "anesthetic_allergy"]
medications = ["apixaban", "ibuprofen", "tretinoin", "metformin", "Accutane", "warfarin", "vitamin D"]
weekdays = ["mon", "tue", "wed", "thu", "fri"]
adjuncts = ["prp", "subcision", "tca_cross", "punch", "vitamin_c"]

for i in range(count):
    lines = ["format = 1", "", "[patient]", 'id = "B-%06d"' % i, 'name = "Patient %d Ünal-Souza"' % i,
             "birth_date = %04d-%02d-%02d" % (rng.randint(1950, 2008), rng.randint(1, 12), rng.randint(1, 28)),
             "phototype = %d" % rng.randint(1, 6), ""]
    if rng.random() < 0.3:
        lines += ["[assessment]", "goodman_grade = %d" % rng.randint(2, 4), ""]
    lines.append("[history]")
    for flag in flags:
        if rng.random() < 0.04:
            lines.append("%s = true" % flag)
    if rng.random() < 0.05:
        lines.append("isotretinoin_last_dose = 2026-%02d-15" % rng.randint(1, 10))
    lines.append("medications = [%s]" % ", ".join('"%s"' % m for m in rng.sample(medications, rng.randint(0, 2))))
    lines.append("")
    for _ in range(rng.randint(1, 4)):
        lines += ["[[scars]]", 'area = "%s"' % rng.choice(areas), 'side = "%s"' % rng.choice(["left", "right", "both"]),
                  "count = %d" % rng.randint(1, 30)]
        kind = rng.random()
        if kind < 0.08:
            lines += ["width_mm = %.1f" % rng.uniform(3, 10), "raised_mm = %.1f" % rng.uniform(0.5, 3),
                      "beyond_margin = %s" % rng.choice(["true", "false"])]
        else:
            lines += ["width_mm = %.1f" % rng.uniform(0.5, 8), "depth_mm = %.2f" % rng.uniform(0, 1.5),
                      'edges = "%s"' % rng.choice(["sharp", "sloped"])]
        lines.append("")
    lines += ["[preferences]", "start = %04d-%02d-%02d" % (2027 + rng.randrange(years), rng.randint(1, 12), rng.randint(1, 28)),
              'time = "%02d:%s"' % (rng.randint(10, 17), rng.choice(["00", "30"])),
              "weekdays = [%s]" % ", ".join('"%s"' % d for d in sorted(rng.sample(weekdays, rng.randint(1, 3)))),
              "adjuncts = [%s]" % ", ".join('"%s"' % a for a in rng.sample(adjuncts, rng.randint(0, 2))),
              "package = %s" % rng.choice(["true", "false"]), ""]
    if rng.random() < 0.2:
        lines += ["[[sessions_done]]", "date = 2026-%02d-%02d" % (rng.randint(8, 10), rng.randint(1, 28)), "depth_mm = 1.5", ""]
    with open(os.path.join(folder, "p%06d.toml" % i), "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
