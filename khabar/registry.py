"""One explicit registry per engine kind. Engines declare who they are, what they need, and whether they
can run here; a registry lists them all, available or not, with the reason.

An engine is any object with the attributes of ``EngineInfo`` plus ``availability()`` and its kind's work
method: translators ``translate(texts) -> list[SegmentResult]``; NER backends
``recognize(text, sentences) -> list[EntitySpan]``; time taggers
``extract(text, sentences, published) -> list[Timex]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


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


@dataclass(frozen=True)
class EngineInfo:
    """What an engine declares about itself."""

    name: str
    label: str
    kind: str
    online: bool = False
    needs: tuple[str, ...] = ()
    limits: str = ""
    description: str = ""


class Engine(Protocol):
    """The shape every registered engine has."""

    info: EngineInfo

    def availability(self) -> Availability: ...


class EngineUnavailable(RuntimeError):
    """Raised when an engine is asked to work but cannot run here; the message says why."""


@dataclass
class Registry:
    """The engines of one kind, in the order they were registered (best default first)."""

    kind: str
    _factories: dict[str, Callable[[], Any]] = field(default_factory=dict)
    _engines: dict[str, Any] = field(default_factory=dict)
    # Groups listed only when a caller needs every name: (how many engines precede them, loader).
    _groups: list[tuple[int, Callable[[], Iterable[tuple[str, Callable[[], Any]]]]]] = field(default_factory=list)

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
            self._engines[name] = self._factories[name]()
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
                    "needs": list(info.needs),
                    "limits": info.limits,
                    "available": availability.ok,
                    "reason": availability.reason,
                }
            )
        return rows
