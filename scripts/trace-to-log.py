#!/usr/bin/env python3
"""Turn an omnisim trace (omnisim run --trace FILE, docs/outputs.md) into a contact log in
omnisim calibrate's default layout (docs/data.md): one row per contact that was answered or
abandoned, the need id as the customer id, times as dates from 2024-01-01 (a Monday, the
scenario's default start weekday). Only replication 0 is used. Rows are written in arrival
order. Usage: trace-to-log.py TRACE.csv LOG.csv"""
import csv
import datetime
import sys

ORIGIN = datetime.datetime(2024, 1, 1)


def stamp(t):
    return (ORIGIN + datetime.timedelta(seconds=t)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def main(src, dst):
    contacts = {}
    with open(src, newline="") as f:
        for row in csv.DictReader(f):
            if row["replication"] != "0" or row["contact"] == "0":
                continue
            c = contacts.setdefault(row["contact"], {"need": row["need"], "channel": row["channel"]})
            t = float(row["time_s"])
            ev = row["event"]
            if ev == "enter":
                c["arrival"] = t
            elif ev == "answer":
                c["answer"] = t
                c["end"] = t + float(row["duration_s"])
            elif ev == "abandon":
                c["abandon"] = t
    rows = [c for c in contacts.values() if "arrival" in c and ("answer" in c or "abandon" in c)]
    rows.sort(key=lambda c: c["arrival"])
    with open(dst, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["contact_id", "customer_id", "channel", "arrival", "answer", "abandon", "end"])
        for i, c in enumerate(rows, 1):
            w.writerow([i, "n" + c["need"], c["channel"], stamp(c["arrival"]),
                        stamp(c["answer"]) if "answer" in c else "",
                        stamp(c["abandon"]) if "abandon" in c else "",
                        stamp(c["end"]) if "end" in c else ""])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: trace-to-log.py TRACE.csv LOG.csv")
    main(sys.argv[1], sys.argv[2])
