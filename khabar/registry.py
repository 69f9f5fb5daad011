"""One explicit registry per engine kind. Engines declare who they are, what they need, and whether they
can run here; a registry lists them all, available or not, with the reason.

Each kind has its Protocol: ``Translator`` (``translate(texts) -> list[SegmentResult]``), ``NerBackend``
(``recognize(text, sentences) -> list[EntitySpan]``) and ``TimeTagger`` (``extract(text, sentences,
published) -> list[Timex]``). What an engine needs is a tuple of ``Requirement``s, so a reader (Settings, the
command line) can list the keys, packages and models it must have without parsing prose.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:  # for the Protocols' signatures only: the model imports nothing from here
    from khabar.model import EntitySpan, Sentence, Timex


@dataclass(frozen=True)
class Availability:
    """Whether an engine can run here now, and if not, why not in words a reader understands."""

    ok: bool
    reason: str = ""

    @classmethod
    def yes(cls, reason: str = "") -> Availability:
        """An available engine."""
        return cls(True, reason)

    @classmethod
    def no(cls, reason: str) -> Availability:
        """An unavailable engine, with the reason."""
        return cls(False, reason)


RequirementKind = Literal["network", "env", "package", "model", "program", "data"]


@dataclass(frozen=True)
class Requirement:
    """One thing an engine needs: network access, an environment variable, a package, a model, a program."""

    kind: RequirementKind
    name: str = ""
    optional: bool = False
    note: str = ""

    def describe(self) -> str:
        """The requirement in a few words ("env KHABAR_MICROSOFT_KEY", "optional env …", "network")."""
        words = f"{self.kind} {self.name}".strip()
        if self.note:
            words += f" ({self.note})"
        return f"optional {words}" if self.optional else words


@dataclass(frozen=True)
class EngineInfo:
    """What an engine declares about itself."""

    name: str
    label: str
    kind: str
    online: bool = False
    needs: tuple[Requirement, ...] = ()
    limits: str = ""
    description: str = ""

    def env_vars(self) -> list[Requirement]:
        """The environment variables the engine reads (keys, server URLs), required or optional."""
        return [need for need in self.needs if need.kind == "env"]


class Engine(Protocol):
    """The shape every registered engine has."""

    info: EngineInfo

    def availability(self) -> Availability: ...


@runtime_checkable
class Translator(Engine, Protocol):
    """A translation engine: English for each Hindi sentence, aligned 1:1."""

    translation_kind: str

    def translate(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> list[Any]: ...

    def options_key(self) -> str: ...


@runtime_checkable
class NerBackend(Engine, Protocol):
    """A named-entity backend: mentions with offsets into the article text."""

    def recognize(self, text: str, sentences: Sequence[Sentence]) -> list[EntitySpan]: ...


@runtime_checkable
class TimeTagger(Engine, Protocol):
    """A time-expression tagger: TIMEX3-style expressions normalised against the publication date."""

    def extract(self, text: str, sentences: Sequence[Sentence], published: str | None) -> list[Timex]: ...


class EngineUnavailable(RuntimeError):
    """Raised when an engine is asked to work but cannot run here; the message says why."""


@dataclass
class Registry:
    """The engines of one kind, in the order they were registered (best default first)."""

    kind: str
    protocol: type | None = None  # the Protocol every engine of this kind must satisfy
    _factories: dict[str, Callable[[], Any]] = field(default_factory=dict)
    _engines: dict[str, Any] = field(default_factory=dict)
    # Groups listed only when a caller needs every name: (how many engines precede them, loader).
    _groups: list[tuple[int, Callable[[], Iterable[tuple[str, Callable[[], Any]]]]]] = field(default_factory=list)
    # Pages run on several threads: one lock makes each engine (and each group listing) once.
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def register(self, name: str, factory: Callable[[], Any]) -> None:
        """Add an engine under ``name``; ``factory`` builds it on first use."""
        if name in self._factories:
            raise ValueError(f"{self.kind} engine {name!r} is registered twice")
        self._factories[name] = factory

    def register_group(self, loader: Callable[[], Iterable[tuple[str, Callable[[], Any]]]]) -> None:
        """Add, at this place in the order, the ``(name, factory)`` pairs ``loader`` lists; it runs only when
        every name is needed (or an unknown one asked for), so its imports cost nothing to a run that asks by name."""
        self._groups.append((len(self._factories), loader))

    def _load_groups(self) -> None:
        with self._lock:
            self._load_groups_locked()

    def _load_groups_locked(self) -> None:
        if not self._groups:
            return
        groups, self._groups = self._groups, []
        entries = list(self._factories.items())
        for position, loader in reversed(groups):  # later positions first, so earlier ones stay valid
            entries[position:position] = list(loader())
        self._factories = {}
        for name, factory in entries:
            self.register(name, factory)

    def names(self) -> list[str]:
        """Every registered engine name."""
        self._load_groups()
        return list(self._factories)

    def get(self, name: str) -> Any:
        """The engine called ``name``; a KeyError names the engines there are."""
        if name not in self._factories:
            self._load_groups()
        if name not in self._factories:
            known = ", ".join(self._factories) or "none"
            raise KeyError(f"no {self.kind} engine called {name!r} (known: {known})")
        if name not in self._engines:
            with self._lock:
                if name not in self._engines:
                    engine = self._factories[name]()
                    if self.protocol is not None and not isinstance(engine, self.protocol):
                        raise TypeError(f"{self.kind} engine {name!r} lacks what a {self.protocol.__name__} has")
                    self._engines[name] = engine
        return self._engines[name]

    def __iter__(self) -> Iterator[Any]:
        return (self.get(name) for name in self.names())

    def available(self) -> list[Any]:
        """The engines that can run here now."""
        return [engine for engine in self if engine.availability().ok]

    def default(self) -> Any:
        """The first available engine (registration order is preference order)."""
        for engine in self:
            if engine.availability().ok:
                return engine
        raise EngineUnavailable(f"no {self.kind} engine can run here")

    def require(self, name: str) -> Any:
        """The engine called ``name``, raising EngineUnavailable with the reason when it cannot run."""
        engine = self.get(name)
        availability = engine.availability()
        if not availability.ok:
            raise EngineUnavailable(f"{engine.info.label} is not available: {availability.reason}")
        return engine

    def describe(self) -> list[dict[str, Any]]:
        """One plain row per engine: its declaration and availability."""
        rows = []
        for engine in self:
            availability = engine.availability()
            info = engine.info
            rows.append(
                {
                    "name": info.name,
                    "label": info.label,
                    "kind": self.kind,
                    "online": info.online,
                    "needs": [need.describe() for need in info.needs],
                    "env": [{"name": need.name, "optional": need.optional} for need in info.env_vars()],
                    "limits": info.limits,
                    "available": availability.ok,
                    "reason": availability.reason,
                }
            )
        return rows
