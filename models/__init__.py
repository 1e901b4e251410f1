"""The shipped models (installed as the package ``cleaner._models``)."""
