#!/usr/bin/env bash
# docs/cli.md is generated from the program's help texts: it must match them exactly.
# Regenerate with: scripts/gen-cli-doc.sh build/omnisim > docs/cli.md
# Usage: clidoc.sh OMNISIM SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
bash "$2/scripts/gen-cli-doc.sh" "$1" > "$tmp/cli.md" || { echo "FAIL generating the reference"; exit 1; }
if ! diff -u "$2/docs/cli.md" "$tmp/cli.md"; then
  echo "FAIL docs/cli.md differs from the help texts: run scripts/gen-cli-doc.sh build/omnisim > docs/cli.md"
  exit 1
fi
echo "ok   docs/cli.md matches every command's --help"
