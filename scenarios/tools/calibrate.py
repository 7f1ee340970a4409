#!/usr/bin/env python3
"""calibrate.py -- measure the REPEAT factors that make_scenarios.py uses to size groups.

For a shipped scenario: offered contacts per channel while the channel is open (first plus
repeat contacts, from `omnisim run SCENARIO -r 5`, intervals.csv), divided by the expected
first contacts while open (make_scenarios.first_contacts); and the contacts offered per week
while the channel is closed (deferred channels: worked from the next opening). Usage, from the repository root:
    python3 scenarios/tools/calibrate.py OMNISIM_BINARY online-retailer-2017.json [REPS]
"""
import csv
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_scenarios as ms  # noqa: E402


def main():
    binary, fname = sys.argv[1], sys.argv[2]
    reps = sys.argv[3] if len(sys.argv) > 3 else "5"
    doc = ms.BUILDERS[fname]()
    rate, factor, masks = ms.first_contacts(doc)
    out = tempfile.mkdtemp(prefix="omnisim-cal-")
    path = os.path.join(ms.OUT, fname)
    subprocess.run([binary, "run", path, "-r", reps, "-q", "-o", out], check=True,
                   stdout=subprocess.DEVNULL)
    offered = {n: 0.0 for n in rate}
    closed = {n: 0.0 for n in rate}
    with open(os.path.join(out, "intervals.csv")) as f:
        for row in csv.DictReader(f):
            w = (int(row["day"]) % 7) * ms.IPD + int(row["interval"]) % ms.IPD
            n = row["channel"]
            if masks[n][w]:
                offered[n] += float(row["offered"] or 0)
            else:
                closed[n] += float(row["offered"] or 0)
    days = doc.get("horizon_days", 7)
    print("%-12s %10s %10s %7s %10s" % ("channel", "first/wk", "offered/wk", "repeat",
                                         "closed/wk"))
    for n in rate:
        first = sum(r for w, r in enumerate(rate[n]) if masks[n][w])
        off = offered[n] * 7.0 / days
        print("%-12s %10.0f %10.0f %7.2f %10.0f" % (n, first, off, off / first if first else 0,
                                                   closed[n] * 7.0 / days))


if __name__ == "__main__":
    main()
