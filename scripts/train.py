#!/usr/bin/env python3
"""Retrain the model from training_data/ (same code as `cleaner train`).

python scripts/train.py                 # writes a new folder under models/
python scripts/train.py --install       # and makes it the shipped default
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.runners.cli import app  # noqa: E402

if __name__ == "__main__":
    app(["train", *sys.argv[1:]], prog_name="scripts/train.py")
