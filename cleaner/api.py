"""The public entry points: ``Cleaner`` (a model loaded once, a config) and ``clean``.

Binds the pure core pipeline to a model from ``cleaner.model`` and to the streaming runner.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from sklearn.base import BaseEstimator

from cleaner.core import pipeline
from cleaner.core.config import CleanerConfig
from cleaner.core.types import Result
from cleaner.model.store import LoadedModel, load_model
from cleaner.runners import stream


class Cleaner:
    """A reusable cleaner: loads its model once, picklable, safe to share across calls."""

    def __init__(self, model: str | Path | None = None, *, config: CleanerConfig | None = None) -> None:
        self.model_path = None if model is None else str(model)
        self.config = config or CleanerConfig()
        self._loaded: LoadedModel | None = None

    @classmethod
    def from_fitted(cls, loaded: LoadedModel, *, config: CleanerConfig | None = None) -> Cleaner:
        """A cleaner around a model in memory (training evaluates one before it is written)."""
        cleaner = cls(config=config)
        cleaner._loaded = loaded
        return cleaner

    def __getstate__(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["model_path"], config=state["config"])  # type: ignore[misc]

    @property
    def loaded(self) -> LoadedModel:
        if self._loaded is None:
            self._loaded = load_model(self.model_path)
        return self._loaded

    @property
    def model(self) -> BaseEstimator:
        """The fitted scikit-learn estimator (loaded on first use)."""
        return self.loaded.estimator

    @property
    def manifest(self) -> dict[str, Any]:
        return self.loaded.manifest

    @property
    def model_version(self) -> str:
        return str(self.manifest.get("version", "unknown"))

    def clean(
        self, source: str | bytes, *, url: str | None = None, kind: str | None = None, cues: bool | None = None
    ) -> Result:
        """Clean one document (HTML or plain text). ``cues``: name each flagged block's evidence (default:
        ``config.cues``); compact records do not carry cues, so they are cleaned without."""
        config = self.config if kind is None else replace(self.config, kind=kind)
        want_cues = config.cues if cues is None else cues
        loaded = self.loaded
        explainers = loaded.explainers if want_cues else None
        return pipeline.run(source, loaded.estimator, config, model_version=self.model_version, explainers=explainers)

    def clean_many(
        self,
        docs: Iterable[Any],
        *,
        workers: int = 1,
        chunk_size: int = stream.DEFAULT_CHUNK_SIZE,
        field: str | None = None,
        kind: str | None = None,
        output: stream.Output = "result",
        on_error: stream.OnError = "raise",
        time_limit: float | None = None,
    ) -> Iterator[Any]:
        """Clean a stream of documents lazily; one output per input, in input order.

        ``docs``: any iterable, even an endless one, of str/bytes documents or of mappings holding one in
        ``field`` (default ``html``, else ``text``; those two names also set the kind). ``workers`` > 1 cleans in
        that many processes, each loading the model once; ``chunk_size`` documents travel per round trip, and at
        most two chunks per worker are in flight, so memory stays flat however long the stream.
        ``output="result"`` yields ``Result``s, ``"record"`` the compact ``Result.to_record()`` dicts.
        ``on_error="return"`` yields a failure in its place (the exception, or a record with an ``"error"``
        field) instead of raising it. ``time_limit``: seconds per document, then ``TimeLimitError``.
        """
        return stream.clean_stream(
            self,
            docs,
            workers=workers,
            chunk_size=chunk_size,
            field=field,
            kind=kind,
            output=output,
            on_error=on_error,
            time_limit=time_limit,
        )


_DEFAULT: Cleaner | None = None


def clean(
    source: str | bytes, *, url: str | None = None, kind: str | None = None, model: str | Path | None = None
) -> Result:
    """Clean one document with the default model (or ``model``, a model directory)."""
    global _DEFAULT
    if model is not None:
        return Cleaner(model).clean(source, url=url, kind=kind)
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(source, url=url, kind=kind)
