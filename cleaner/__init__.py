"""cleaner: find the editorial text of a page and say what else is there, and why."""

from .config import CleanerConfig
from .errors import CleanerError, InputError, ModelError, ModelIntegrityError, ModelVersionError
from .integrations.hf import hf_map
from .pipeline import Cleaner, clean
from .types import LABELS, Block, Label, Result, Segment

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
    "hf_map",
    "__version__",
]
