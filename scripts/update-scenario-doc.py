#!/usr/bin/env python3
"""Regenerate the figures of docs/scenarios.md by running the commands the page names.

Each figure block is a fenced code block right after a marker line
    <!-- omnisim: ARGS [| REGEX] -->
where ARGS are the arguments of `omnisim` (e.g. `run scenarios/tiny-mmn.json -r 5`) and the
optional REGEX keeps only the output lines that match it (Python re.search). The command runs
with -q and its own temporary -o (and --no-plots for run), from the source directory; its
stdout replaces the block. A non-zero exit is an error, except for `schedule` and `check`,
whose exit code is part of what the page reports: "exit N" in the line before the marker is
rewritten with the code the command returned.
Usage: scripts/update-scenario-doc.py [BUILD/omnisim] [DOC]
"""
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

here = Path(__file__).resolve().parent.parent
omnisim = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "build" / "omnisim"
doc = Path(sys.argv[2]) if len(sys.argv) > 2 else here / "docs" / "scenarios.md"
marker = re.compile(r"^<!-- omnisim: (.*?)(?: \| (.*))? -->$")


def run(args, keep):
    with tempfile.TemporaryDirectory() as out:
        argv = [str(omnisim)] + shlex.split(args) + ["-q", "-o", out]
        if argv[1] == "run":
            argv.append("--no-plots")
        p = subprocess.run(argv, cwd=here, capture_output=True, text=True)
    if p.returncode != 0 and argv[1] not in ("schedule", "check"):
        sys.exit(f"update-scenario-doc: `omnisim {args}` exited {p.returncode}:\n{p.stderr}")
    lines = p.stdout.rstrip("\n").split("\n")
    if keep:
        lines = [l for l in lines if re.search(keep, l)]
    return lines, p.returncode


text = doc.read_text().split("\n")
out, i, n = [], 0, 0
while i < len(text):
    line = text[i]
    out.append(line)
    m = marker.match(line)
    i += 1
    if not m:
        continue
    if i >= len(text) or text[i] != "```":
        sys.exit(f"update-scenario-doc: line {i}: a marker must be followed by a ``` block")
    j = text.index("```", i + 1)  # end of the old block
    lines, rc = run(m.group(1), m.group(2))
    for k in (len(out) - 2, len(out) - 3):  # the prose line before the marker (blank between)
        if k >= 0 and re.search(r"exit \d+", out[k]):
            out[k] = re.sub(r"exit \d+", f"exit {rc}", out[k])
            break
    out += ["```"] + lines + ["```"]
    i = j + 1
    n += 1
    print(f"update-scenario-doc: omnisim {m.group(1)} (exit {rc}, {len(lines)} lines)", file=sys.stderr)
doc.write_text("\n".join(out))
print(f"update-scenario-doc: {n} blocks regenerated in {doc}", file=sys.stderr)
