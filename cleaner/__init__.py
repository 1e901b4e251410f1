"""cleaner: find the editorial text of a page and say what else is there, and why."""

from cleaner.api import Cleaner, clean
from cleaner.core.config import CleanerConfig
from cleaner.core.errors import CleanerError, InputError, ModelError, ModelIntegrityError, ModelVersionError
from cleaner.core.types import LABELS, Block, Label, Result, Segment

__version__ = "0.1.0"

__all__ = [
    "LABELS",
    "Block",
    "Cleaner",
    "CleanerConfig",
    "CleanerError",
    "InputError",
    "Label",
    "ModelError",
    "ModelIntegrityError",
    "ModelVersionError",
    "Result",
    "Segment",
    "clean",
    "__version__",
]


def __getattr__(name: str) -> object:
    if name == "hf_map":  # the ``datasets`` integration loads only when asked for
        from cleaner.integrations.hf import hf_map

        return hf_map
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
