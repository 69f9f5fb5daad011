"""HTTP robustness for online translators: timeouts, retries with backoff and jitter, a circuit breaker,
a cached reachability check, and chunking of long text by URL-encoded size.

deep-translator sends its requests with no timeout and no retry (deep-translator #163, #182), so Khabar's
providers send theirs through ``HttpClient`` instead.
"""

from __future__ import annotations

import random
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus, urlsplit

import requests

from khabar.text import split_sentences

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ProviderError(RuntimeError):
    """A request to a translation provider failed; the message says why in words a reader understands."""

    def __init__(self, message: str, *, kind: str = "error", status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status

    @property
    def transient(self) -> bool:
        """Whether trying again later might succeed."""
        return self.kind in ("timeout", "unreachable", "rate-limited", "server")


class CircuitOpen(ProviderError):
    """The provider failed repeatedly, so requests to it are skipped for a while."""


class CircuitBreaker:
    """Opens after ``threshold`` consecutive transport failures; stays open ``reset_after`` seconds.

    Once open, calls fail at once, so an unreachable provider costs one timeout, not one per sentence.
    After ``reset_after`` one trial request is let through (half-open); its success closes the circuit.
    """

    def __init__(self, threshold: int = 3, reset_after: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.threshold = threshold
        self.reset_after = reset_after
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._last_error = ""
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether calls are being refused now."""
        with self._lock:
            return self._opened_at is not None and self._clock() - self._opened_at < self.reset_after

    @property
    def last_error(self) -> str:
        """The failure that opened the circuit."""
        return self._last_error

    def allow(self) -> bool:
        """Whether a call may go ahead."""
        with self._lock:
            if self._opened_at is None:
                return True
            if self._clock() - self._opened_at >= self.reset_after:
                # Half-open: let this one call test the provider; a failure re-opens at once.
                self._opened_at = None
                self._failures = self.threshold - 1
                return True
            return False

    def record_success(self) -> None:
        """A call succeeded: close the circuit."""
        with self._lock:
            self._failures = 0
            self._opened_at = None

    def record_failure(self, reason: str = "") -> None:
        """A call failed at the transport level (timeout, connection, repeated 5xx)."""
        with self._lock:
            self._failures += 1
            self._last_error = reason or self._last_error
            if self._failures >= self.threshold and self._opened_at is None:
                self._opened_at = self._clock()

    def reset(self) -> None:
        """Forget every failure."""
        self.record_success()


@dataclass
class RetryPolicy:
    """How often and how patiently to retry a transient failure."""

    attempts: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    jitter: float = 0.5
    max_retry_after: float = 10.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based): exponential, with jitter."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        base = min(self.backoff * (2 ** (attempt - 1)), self.max_backoff)
        return base + random.uniform(0, self.jitter * base)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class HttpClient:
    """A requests session with a timeout on every request, retries on 429/5xx/connection errors and a
    circuit breaker shared by every request to one provider."""

    def __init__(
        self,
        provider: str,
        *,
        timeout: float | tuple[float, float] = (3.05, 10.0),
        retry: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provider = provider
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.breaker = breaker or CircuitBreaker()
        self.session = session or requests.Session()
        self._sleep = sleep

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        """Send one request, retrying transient failures; raise ProviderError when it cannot succeed."""
        kwargs.setdefault("timeout", self.timeout)
        last: ProviderError | None = None
        for attempt in range(1, self.retry.attempts + 1):
            if not self.breaker.allow():
                raise CircuitOpen(
                    f"{self.provider} skipped: it failed repeatedly just now ({self.breaker.last_error})",
                    kind="circuit-open",
                )
            retry_after = None
            try:
                response = self.session.request(method, url, **kwargs)
            except requests.exceptions.Timeout:
                last = ProviderError(f"{self.provider} did not answer in time", kind="timeout")
            except requests.exceptions.ConnectionError:
                last = ProviderError(f"{self.provider} cannot be reached", kind="unreachable")
            except requests.exceptions.RequestException as exc:
                raise ProviderError(f"{self.provider} request failed: {type(exc).__name__}") from exc
            else:
                status = response.status_code
                if status < 400:
                    self.breaker.record_success()
                    return response
                if status in (401, 403):
                    raise ProviderError(
                        f"{self.provider} refused the request (HTTP {status}): check the API key",
                        kind="auth",
                        status=status,
                    )
                if status not in RETRY_STATUSES:
                    raise ProviderError(f"{self.provider} answered HTTP {status}", kind="bad-request", status=status)
                kind = "rate-limited" if status == 429 else "server"
                words = "is rate-limiting requests" if status == 429 else "had a server error"
                last = ProviderError(f"{self.provider} {words} (HTTP {status})", kind=kind, status=status)
                retry_after = _retry_after(response)
            if last.kind != "rate-limited":
                # Rate limiting says the provider is up; only outages should trip the breaker.
                self.breaker.record_failure(str(last))
            if attempt < self.retry.attempts and self.breaker.allow():
                self._sleep(self.retry.delay(attempt, retry_after))
            elif attempt < self.retry.attempts:
                break
        assert last is not None
        raise last


# Reachability ----------------------------------------------------------------------------------------------

_REACH_CACHE: dict[tuple[str, int], tuple[float, bool]] = {}
_REACH_LOCK = threading.Lock()
REACH_TTL = 120.0


def host_port(url: str) -> tuple[str, int]:
    """The host and port a URL connects to."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "", port


def reachable(url: str, timeout: float = 1.5) -> bool:
    """Whether a TCP connection to the URL's host can be opened (cached for two minutes)."""
    key = host_port(url)
    now = time.monotonic()
    with _REACH_LOCK:
        hit = _REACH_CACHE.get(key)
        if hit and now - hit[0] < REACH_TTL:
            return hit[1]
    try:
        with socket.create_connection(key, timeout=timeout):
            ok = True
    except OSError:
        ok = False
    with _REACH_LOCK:
        _REACH_CACHE[key] = (time.monotonic(), ok)
    return ok


def clear_reachability_cache() -> None:
    """Forget every reachability result (for tests and the Settings page's re-check)."""
    with _REACH_LOCK:
        _REACH_CACHE.clear()


# Chunking --------------------------------------------------------------------------------------------------

def encoded_size(text: str) -> int:
    """Bytes ``text`` takes once percent-encoded in a URL (a Devanagari character takes 9)."""
    return len(quote_plus(text, safe=""))


_CLAUSE = re.compile(r"(?<=[,;:،])\s+|\s+(?=(?:और|लेकिन|कि|जबकि|क्योंकि|तथा|एवं)\s)")


def _fits(text: str, max_chars: int, max_bytes: int) -> bool:
    return len(text) <= max_chars and encoded_size(text) <= max_bytes


def _split_piece(piece: str, max_chars: int, max_bytes: int) -> list[str]:
    """Split one over-long sentence at clause boundaries, then between words, then anywhere."""
    if _fits(piece, max_chars, max_bytes):
        return [piece]
    for pattern in (_CLAUSE, re.compile(r"\s+")):
        parts = [p for p in pattern.split(piece) if p]
        if len(parts) > 1:
            return _pack(parts, max_chars, max_bytes, " ")
    # A single unbroken run: cut it by size.
    out, current = [], ""
    for ch in piece:
        if current and not _fits(current + ch, max_chars, max_bytes):
            out.append(current)
            current = ""
        current += ch
    return out + ([current] if current else [])


def _pack(parts: list[str], max_chars: int, max_bytes: int, joiner: str) -> list[str]:
    chunks: list[str] = []
    current = ""
    for part in parts:
        for piece in _split_piece(part, max_chars, max_bytes):
            candidate = f"{current}{joiner}{piece}" if current else piece
            if current and not _fits(candidate, max_chars, max_bytes):
                chunks.append(current)
                current = piece
            else:
                current = candidate
    if current:
        chunks.append(current)
    return chunks


def chunk_text(text: str, *, max_chars: int = 5000, max_bytes: int = 5000) -> list[str]:
    """Split ``text`` into pieces under both limits, at sentence boundaries where possible."""
    text = text.strip()
    if not text:
        return []
    if _fits(text, max_chars, max_bytes):
        return [text]
    sentences = [s.strip() for s in split_sentences(text) if s.strip()] or [text]
    return _pack(sentences, max_chars, max_bytes, " ")
