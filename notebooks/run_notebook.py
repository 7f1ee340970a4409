#!/usr/bin/env python3
"""Execute Jupyter notebooks headless with nbclient; exit 1 on the first cell error.

Usage: run_notebook.py NOTEBOOK... (the notebooks read their inputs from environment
variables, see each notebook's first cell). Used by tests/cli/notebooks.sh. Never writes the
notebooks back: the repository keeps them without outputs.
"""
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(paths):
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=300, kernel_name="python3")
        try:
            client.execute()
        except CellExecutionError as e:
            print(f"{path}: a cell failed:\n{e}", file=sys.stderr)
            return 1
        print(f"{path}: {len(nb.cells)} cells executed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
