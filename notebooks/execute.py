"""Executes a notebook headless (no Jupyter server), as a test does: python notebooks/execute.py NOTEBOOK.

The notebook reads its parameters from the environment (PFM_RESULTS, PFM_FIGURES), given relative to the
directory this is started from; the kernel runs in the notebook's directory, as in Jupyter. A failing cell
fails the run with its traceback. Exit status 0 when every cell ran.
"""
import os
import sys
from pathlib import Path

import nbclient
import nbformat


def main(path):
    for name in ("PFM_RESULTS", "PFM_FIGURES"):
        if os.environ.get(name):
            os.environ[name] = os.path.abspath(os.environ[name])
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(Path(path).parent)}})
    client.execute()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("name") == "stdout":
                print(output["text"], end="")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python notebooks/execute.py NOTEBOOK.ipynb")
    main(sys.argv[1])
