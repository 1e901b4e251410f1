"""Exceptions raised by cleaner. The CLI turns them into one-line messages."""


def describe(error: BaseException) -> str:
    """``"<Type>: message"``: how a failure is written into an output record."""
    return f"{type(error).__name__}: {error}"


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


class InputError(CleanerError):
    """The input cannot be read as a document (wrong type, too large...)."""


class ModelError(CleanerError):
    """A model directory is missing, changed, or does not fit this code."""


class ModelIntegrityError(ModelError):
    """The model file's sha256 does not match its manifest."""


class ModelVersionError(ModelError):
    """The model's feature schema or label set does not match this code."""


class DataError(CleanerError):
    """Training data is malformed."""


class TimeLimitError(CleanerError):
    """One document took longer than the batch's per-document time limit."""


class WorkerCrashError(CleanerError):
    """The worker process cleaning one document died (killed by the OS, e.g. out of memory, or a native crash)."""
