"""The shipped models: ``CURRENT`` names the default one (package data)."""
