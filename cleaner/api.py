"""The public entry points: ``Cleaner`` (a model loaded once, a config) and ``clean``.

Binds the pure core pipeline to a model from ``cleaner.model`` and to the streaming runner.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from sklearn.base import BaseEstimator

from cleaner.core import pipeline, rules, trees
from cleaner.core.config import CleanerConfig
from cleaner.core.errors import InputError
from cleaner.core.types import Result
from cleaner.model.store import LoadedModel, load_model
from cleaner.runners import stream

Rules = rules.RuleSet | str | Path | Iterable[Any] | dict[str, Any]


def load_rules(source: Rules | None) -> rules.RuleSet | None:
    """A validated ``RuleSet`` from a rules file (TOML: ``[[rule]]`` tables), parsed TOML, a list of rule mappings or
    a ``RuleSet``; ``RuleError`` (one line) when a rule is malformed, ``InputError`` when the file is unreadable."""
    if source is None:
        return None
    if isinstance(source, (str, Path)):
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        try:
            data = tomllib.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"rules file {str(source)!r}: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise rules.RuleError(f"rules file {str(source)!r} is not TOML: {exc}") from None
        try:
            return rules.parse_rules(data)
        except rules.RuleError as exc:
            raise rules.RuleError(f"{source}: {exc}") from None
    if not isinstance(source, (rules.RuleSet, dict, list, tuple)):
        source = list(source)
    return rules.parse_rules(source)


class Cleaner:
    """A reusable cleaner: loads its model once, picklable, safe to share across calls.

    ``rules``: site-specific fixes applied after the model (a rules file, a list of rule mappings or a
    ``RuleSet``; see ``cleaner.core.rules``), validated here. ``trust_model``: load a model directory that did not
    ship with the package (its pickle runs code its author chose; ``cleaner.model.store.load_model``).
    """

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        config: CleanerConfig | None = None,
        rules: Rules | None = None,
        trust_model: bool = False,
    ) -> None:
        self.model_path = None if model is None else str(model)
        self.trust_model = trust_model
        self.config = config or CleanerConfig()
        self.rules = load_rules(rules)
        self._loaded: LoadedModel | None = None

    @classmethod
    def from_fitted(cls, loaded: LoadedModel, *, config: CleanerConfig | None = None) -> Cleaner:
        """A cleaner around a model in memory (training evaluates one before it is written)."""
        cleaner = cls(config=config)
        cleaner._loaded = loaded
        return cleaner

    def __getstate__(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "config": self.config, "rules": self.rules, "trust": self.trust_model}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["model_path"], config=state["config"], rules=state.get("rules"), trust_model=state.get("trust", False)
        )

    @property
    def loaded(self) -> LoadedModel:
        if self._loaded is None:
            self._loaded = load_model(self.model_path, trust=self.trust_model)
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
        self, source: str | bytes | Any, *, url: str | None = None, kind: str | None = None, cues: bool | None = None
    ) -> Result:
        """Clean one document: HTML or plain text (str or bytes), or a parsed page -- a BeautifulSoup soup or tag, an
        lxml element or tree, cleaned as the HTML it serialises to (``cleaner.core.trees``). ``cues``: name each
        flagged block's evidence (default: ``config.cues``); compact records do not carry cues, so they are cleaned
        without."""
        loaded = self.loaded  # a model that does not load fails before any document does
        source, config = self._input(source, kind)
        return pipeline.run(
            source,
            loaded.estimator,
            config,
            model_version=self.model_version,
            explainers=self._explainers(cues),
            ruleset=self.rules,
        )

    def prepare(self, source: str | bytes | Any, *, kind: str | None = None) -> pipeline.Prepared:
        """``clean``'s steps before the model: one document parsed, segmented and its features computed."""
        _ = self.loaded
        return pipeline.prepare(*self._input(source, kind))

    def finish(self, prepared: pipeline.Prepared, probs: Any, *, cues: bool | None = None) -> Result:
        """``clean``'s steps after the model, from the document's block probabilities (``pipeline.probabilities``
        runs the model once for many prepared documents)."""
        return pipeline.finish(
            prepared,
            probs,
            model_version=self.model_version,
            explainers=self._explainers(cues),
            ruleset=self.rules,
            captions=self.config.captions,
        )

    def _input(self, source: str | bytes | Any, kind: str | None) -> tuple[str | bytes, CleanerConfig]:
        """The document (a parsed tree as its markup) and the config it is cleaned with."""
        if trees.is_tree(source):
            source, kind = trees.markup(source), kind or "html"
        return source, self.config if kind is None else replace(self.config, kind=kind)

    def _explainers(self, cues: bool | None) -> Any:
        """The model's explainers when cues are wanted (``cues``, default ``config.cues``), else ``None``."""
        return self.loaded.explainers if (self.config.cues if cues is None else cues) else None

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
            (trees.markup(doc) if trees.is_tree(doc) else doc for doc in docs),  # str travels to workers; trees don't
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
    source: str | bytes | Any, *, url: str | None = None, kind: str | None = None, model: str | Path | None = None
) -> Result:
    """Clean one document (str, bytes, or a BeautifulSoup/lxml tree) with the default model (or ``model``, a model
    directory)."""
    global _DEFAULT
    if model is not None:
        return Cleaner(model).clean(source, url=url, kind=kind)
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(source, url=url, kind=kind)
