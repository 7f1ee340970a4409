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
(`-o`, default `./omnisim-out`). Every command that writes one creates it and writes and removes
a probe file there right after loading the scenario, before it simulates or computes anything:
a directory that cannot be created or written stops the command at once with exit 3 ("error:
-o: cannot write into the output directory 'DIR': Permission denied; nothing was run").
Exit codes, the same in every command:

| code | meaning |
|---:|---|
| 0 | success (`check`: within tolerance; `validate`: every file valid) |
| 1 | bad input or a bad result: an invalid or unreadable scenario (every error listed with file, line, column and JSON path), a bad `check` baseline, drift in `check`, a failed accounting check, a refused resource limit (also a channel whose estimated backlog exceeds `--max-in-system`) |
| 2 | usage error: unknown option, missing value, a value of the wrong type or out of its range, options that do not go together, a missing or extra argument |
| 3 | runtime failure: I/O (an output directory that cannot be written, found before the run), out of memory, a replication stopped by `--max-in-system`, numerical failure |
| 130, 143, 129 | interrupted by SIGINT (Ctrl-C), SIGTERM (`timeout`, CI cancellation), SIGHUP: 128 + the signal, as a shell reports it. A run stops within a fraction of a second, also inside one long replication; the message names the signal and which files are complete; no temporary file is left, and one left by a run killed with SIGKILL is removed by the next run writing that file |

Options are parsed the same way everywhere (cli/cli_opt.c): options and arguments in any
order, `--name VALUE` or `--name=VALUE`, `-r 5` or `-r5`, short flags clustered (`-qv`), long
names abbreviated to any unambiguous prefix, `--` ends the options. The options several
commands share (`-r`, `-s`, `-j`, `--max-in-system`, `-o`, `-q`, `--policy`, `--set`, `--include-root`,
`--no-includes`, `--json`, `--no-plots`, `-h`) have the same type and range in each. Every
command that loads a scenario takes `--include-root DIR` (includes must resolve inside DIR)
and `--no-includes`: includes are trusted input unless confined so
(docs/scenario-reference.md, Includes). An option that the chosen mode would not use
(`erlang --agents` with `--shrinkage`, `check --no-sim` with `-r`) is a usage error, not
ignored. A usage error is one line on stderr, followed by `Try 'omnisim CMD --help'.`:

```
omnisim run: unknown option '--replicatons'
omnisim check: option '--rep' is ambiguous (--replications, --repeats)
omnisim cost: option '--sla-sweep' needs a value
omnisim run: option '--json' takes no value
omnisim run: option '-r': expected an integer in [1, 100000], got '-5'
omnisim erlang: option '--rate': expected a number > 0, got '-1'
omnisim run: unexpected argument 'b.json' (at most 1 SCENARIO)
omnisim plot: missing DIR
```

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
