"""Where the project's data folders are."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    """The ontology folder: $KG_ONTOLOGY, else the one beside the package."""
    return Path(os.environ.get("KG_ONTOLOGY", PROJECT_ROOT / "ontology"))
