#!/usr/bin/env python3
"""Execute Jupyter notebooks headless with nbclient; exit 1 on a cell error or a notebook
that shows no chart.

Usage: run_notebook.py [--images DIR] NOTEBOOK...
The notebooks read their inputs from environment variables (see each notebook's first cell).
Each must display at least one image (a PNG output of a cell, what `%matplotlib inline` makes
of a figure): a notebook meant to show charts that shows none is a failure, the way a chart
file that is not written would be. With --images, every image is saved as
DIR/<notebook>-<cell id>-<n>.png so that a person can look at them. Never writes the notebooks
back: the repository keeps them without outputs. Used by tests/cli/notebooks.sh.
"""
import argparse
import base64
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def images(nb):
    """(cell id, PNG bytes) of every image the executed notebook displays, in order."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            if png:
                yield cell.get("id", "cell"), base64.b64decode(png)


def run(path, image_dir):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3")
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"{path}: a cell failed:\n{e}", file=sys.stderr)
        return False
    shown = list(images(nb))
    stem = os.path.splitext(os.path.basename(path))[0]
    if image_dir:
        os.makedirs(image_dir, exist_ok=True)
        count = {}
        for cell_id, png in shown:
            count[cell_id] = count.get(cell_id, 0) + 1
            name = os.path.join(image_dir, f"{stem}-{cell_id}-{count[cell_id]}.png")
            with open(name, "wb") as f:
                f.write(png)
    print(f"{path}: {len(nb.cells)} cells executed, {len(shown)} images shown")
    if not shown:
        print(f"{path}: no cell displayed an image (is `%matplotlib inline` missing?)",
              file=sys.stderr)
        return False
    return True


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", metavar="DIR", help="save every displayed image here")
    ap.add_argument("notebooks", nargs="+")
    args = ap.parse_args(argv)
    ok = True
    for path in args.notebooks:
        ok = run(path, args.images) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
