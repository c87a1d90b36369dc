"""The Python API as the README shows it: `from kg import …` gives the
functions, the README's Python snippets run (as a notebook would run them),
and `kg --version` and `-h` answer."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version

from .conftest import ROOT


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=60)


def test_from_kg_import_gives_functions_even_after_every_module_is_loaded():
    # A submodule named like a function (kg/query.py once was) replaces that function on the package when imported.
    code = ("import inspect, kg.sparql, kg.results, kg.cli, kg.store, kg.api, kg.pipeline\n"
            "from kg import build, evaluate_folder, query\n"
            "print([inspect.isfunction(f) for f in (build, evaluate_folder, query)], query.__module__)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "[True, True, True] kg.sparql\n"


def test_the_readme_python_snippets_run(tmp_path):
    blocks = re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S | re.M)
    assert blocks
    # The working folder of a fresh checkout: seeds, the ontology and the seed gold file.
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "ontology").symlink_to(ROOT / "ontology")
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "seeds_gold.jsonl", tmp_path / "tests")
    run = subprocess.run([sys.executable, "-c", "\n".join(blocks)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "kg.nt").exists() and run.stdout.strip()


def test_version_and_short_help():
    assert _kg("--version").stdout == f"kg {version('wuzhen-kg')}\n"
    for args in (["-h"], ["query", "-h"], ["serve", "-h"]):
        run = _kg(*args)
        assert run.returncode == 0 and "Usage: " in run.stdout and "--help" in run.stdout, args
    assert "--bom" in _kg("query", "-h").stdout
