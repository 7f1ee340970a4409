#!/usr/bin/env bash
# Write docs/cli.md from the command's own help texts, so the reference never drifts from
# the program (tests/cli/clidoc.sh fails when they differ).
# Usage: scripts/gen-cli-doc.sh [OMNISIM] > docs/cli.md
set -euo pipefail
omnisim=${1:-$(cd "$(dirname "$0")/.." && pwd)/build/omnisim}
cat <<'MD'
# Command reference

Generated from `omnisim --help` and `omnisim <command> --help` by `scripts/gen-cli-doc.sh`;
`tests/cli/clidoc.sh` fails when this file and the program disagree.

Conventions for every command: results go to stdout (a table, or JSON with `--json`);
progress and errors go to stderr; files are written atomically into the output directory
(`-o`, default `./omnisim-out`). Exit codes:

| code | meaning |
|---:|---|
| 0 | success (`check`: within tolerance; `validate`: every file valid) |
| 1 | bad input or a bad result: an invalid scenario (every error listed with file, line, column and JSON path), drift in `check`, a failed accounting check, a refused resource limit |
| 2 | usage error: unknown option, missing or malformed argument |
| 3 | runtime failure: I/O, out of memory, numerical failure |
| 130 | interrupted by Ctrl-C (the message says which files are complete) |

## omnisim

```
MD
"$omnisim" --help
echo '```'
for cmd in $("$omnisim" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && NF {print $1}'); do
  echo
  echo "## omnisim $cmd"
  echo
  echo '```'
  "$omnisim" "$cmd" --help
  echo '```'
done
