"""What Khabar adds around deep-translator's requests: a timeout on each, one deadline per article, retries
with backoff, a circuit breaker (that a 429 with a long Retry-After opens), a cap on answer size, a reachability
probe that never blocks, and chunking of long text by URL-encoded size.

deep-translator calls ``requests.get``/``requests.post`` with no timeout and reads every answer whole
(deep-translator #163, #182). Rather than patch ``requests`` for the whole process, ``install`` points the name
``requests`` inside deep-translator's provider modules at ``ScopedRequests``: on a thread inside
``HttpClient.scope(...)`` a call goes through that client; on any other thread it is ``requests``' own call,
unchanged.
"""

from __future__ import annotations

import email.utils
import os
import random
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from urllib.parse import quote_plus, urlsplit

import requests
import urllib3

from khabar.text import split_sentences

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# About a minute for an article, leaving the command line time to start and report within 60 s.
DEFAULT_DEADLINE_S = 55.0
DEFAULT_MAX_RESPONSE_BYTES = 4_000_000


class ProviderError(RuntimeError):
    """A request to a translation provider failed; the message says why in words a reader understands.

    Deliberately not a ``requests`` exception: deep-translator catches some of those and carries on with no
    answer, and this must reach Khabar.
    """

    def __init__(self, message: str, *, kind: str = "error", status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status

    @property
    def transient(self) -> bool:
        """Whether trying again later might succeed."""
        return self.kind in ("timeout", "unreachable", "rate-limited", "server")


class CircuitOpen(ProviderError):
    """The provider failed repeatedly (or asked Khabar to wait), so requests to it are skipped for a while."""


class DeadlineExceeded(ProviderError):
    """The article's time for this provider ran out."""


class CircuitBreaker:
    """Opens after ``threshold`` consecutive transport failures; stays open ``reset_after`` seconds.

    Once open, calls fail at once, so an unreachable provider costs one timeout, not one per sentence.
    After ``reset_after`` one trial request is let through (half-open); its success closes the circuit.
    ``open_for`` opens it for as long as a provider asked (Retry-After).
    """

    def __init__(self, threshold: int = 3, reset_after: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.threshold = threshold
        self.reset_after = reset_after
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._open_for = reset_after
        self._last_error = ""
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether calls are being refused now."""
        with self._lock:
            return self._opened_at is not None and self._clock() - self._opened_at < self._open_for

    @property
    def last_error(self) -> str:
        """The failure that opened the circuit."""
        return self._last_error

    def allow(self) -> bool:
        """Whether a call may go ahead."""
        with self._lock:
            if self._opened_at is None:
                return True
            if self._clock() - self._opened_at >= self._open_for:
                # Half-open: let this one call test the provider; a failure re-opens at once.
                self._opened_at = None
                self._open_for = self.reset_after
                self._failures = self.threshold - 1
                return True
            return False

    def record_success(self) -> None:
        """A call succeeded: close the circuit."""
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._open_for = self.reset_after

    def record_failure(self, reason: str = "") -> None:
        """A call failed at the transport level (timeout, connection, repeated 5xx or 429)."""
        with self._lock:
            self._failures += 1
            self._last_error = reason or self._last_error
            if self._failures >= self.threshold and self._opened_at is None:
                self._opened_at = self._clock()

    def open_for(self, seconds: float, reason: str) -> None:
        """Refuse every call for ``seconds`` (a provider's Retry-After)."""
        with self._lock:
            self._opened_at = self._clock()
            self._open_for = max(seconds, 0.0)
            self._last_error = reason

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


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from now, or None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def deadline_from_env(default: float = DEFAULT_DEADLINE_S) -> float:
    """The per-article deadline in seconds: env KHABAR_TRANSLATE_DEADLINE, else ``default``."""
    try:
        value = float(os.environ.get("KHABAR_TRANSLATE_DEADLINE", "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass
class Run:
    """One article's run against a provider: when its time is up, and whether it was called off."""

    deadline_s: float
    started: float = field(default_factory=time.monotonic)
    cancelled: threading.Event = field(default_factory=threading.Event)

    @property
    def ends(self) -> float:
        """The monotonic time the run must end by."""
        return self.started + self.deadline_s

    def remaining(self) -> float:
        """Seconds left (0 once the deadline has passed or the run was called off)."""
        if self.cancelled.is_set():
            return 0.0
        return max(0.0, self.ends - time.monotonic())

    def over(self) -> bool:
        """Whether no time is left."""
        return self.remaining() <= 0.0


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


class HttpClient:
    """Sends deep-translator's requests for one provider: a timeout on each, retries on 429/5xx/connection
    errors within the run's deadline, a circuit breaker shared by every request to the provider, and a cap
    on how much of an answer is read."""

    def __init__(
        self,
        provider: str,
        *,
        timeout: float | tuple[float, float] = (3.05, 10.0),
        retry: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        check_response: Callable[[requests.Response], None] | None = None,
    ) -> None:
        self.provider = provider
        self.timeout = timeout if isinstance(timeout, tuple) else (timeout, timeout)
        self.retry = retry or RetryPolicy()
        self.breaker = breaker or CircuitBreaker()
        self.max_response_bytes = max_response_bytes
        self.check_response = check_response
        self._sessions = threading.local()

    def _session(self) -> requests.Session:
        # A Session per worker thread: requests does not promise that one Session is thread-safe.
        session = getattr(self._sessions, "session", None)
        if session is None:
            session = self._sessions.session = requests.Session()
        return session

    @contextmanager
    def scope(self, run: Run) -> Iterator[None]:
        """Route deep-translator's requests on this thread through this client, under ``run``'s deadline."""
        previous = getattr(_SCOPE, "value", None)
        _SCOPE.value = (self, run)
        try:
            yield
        finally:
            _SCOPE.value = previous

    def request(self, method: str, url: str, run: Run, **kwargs) -> requests.Response:
        """Send one request, retrying transient failures; raise ProviderError when it cannot succeed."""
        kwargs.pop("timeout", None)
        kwargs.pop("stream", None)
        last: ProviderError | None = None
        for attempt in range(1, self.retry.attempts + 1):
            if not self.breaker.allow():
                raise CircuitOpen(f"{self.provider} skipped: {self.breaker.last_error}", kind="circuit-open")
            remaining = run.remaining()
            if remaining <= 0:
                raise DeadlineExceeded(self._deadline_words(run), kind="deadline")
            timeout = (min(self.timeout[0], remaining), min(self.timeout[1], remaining))
            retry_after = None
            try:
                response = self._session().request(method, url, timeout=timeout, stream=True, **kwargs)
            except requests.exceptions.Timeout:
                last = ProviderError(f"{self.provider} did not answer in time", kind="timeout")
            except requests.exceptions.ConnectionError:
                last = ProviderError(f"{self.provider} cannot be reached", kind="unreachable")
            except requests.exceptions.RequestException as exc:
                raise ProviderError(f"{self.provider} request failed: {type(exc).__name__}") from exc
            else:
                status = _SCOPE.status = response.status_code
                if status not in RETRY_STATUSES:
                    # deep-translator reads the status and the body of everything else (4xx included).
                    self._read_capped(response, run)
                    if status < 400:
                        self.breaker.record_success()
                    if self.check_response is not None:
                        self.check_response(response)
                    return response
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
                response.close()
                if status == 429:
                    last = ProviderError(f"{self.provider} is rate-limiting requests (HTTP 429)", kind="rate-limited",
                                         status=429)
                    if retry_after is not None and (retry_after > self.retry.max_retry_after
                                                    or retry_after >= run.remaining()):
                        # Waiting is the provider's answer: stop now and skip it until then, never sleep that long.
                        until = time.strftime("%H:%M UTC", time.gmtime(time.time() + retry_after))
                        reason = (f"{self.provider} is rate-limiting requests (HTTP 429) and asks Khabar to wait "
                                  f"{retry_after:.0f} s; try again after {until}")
                        self.breaker.open_for(retry_after, reason)
                        raise CircuitOpen(reason, kind="rate-limited", status=429)
                else:
                    last = ProviderError(f"{self.provider} had a server error (HTTP {status})", kind="server",
                                         status=status)
            self.breaker.record_failure(str(last))
            if attempt == self.retry.attempts or not self.breaker.allow():
                break
            delay = self.retry.delay(attempt, retry_after)
            if delay >= run.remaining():
                break  # no sleeping past the article's deadline
            if run.cancelled.wait(delay):
                break
        assert last is not None
        raise last

    def _read_capped(self, response: requests.Response, run: Run) -> None:
        """Read the body in pieces, stopping past the size cap or the deadline (a trickle resets the timeout)."""
        cap = self.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            response.close()
            raise ProviderError(f"{self.provider} sent an answer of {_mb(int(declared))}, over Khabar's limit of "
                                f"{_mb(cap)}: not read", kind="too-large")
        body = bytearray()
        try:
            while True:
                # read1 returns what has arrived instead of waiting for a full piece, so a provider trickling
                # a byte at a time meets the deadline check below between bytes.
                piece = response.raw.read1(65536, decode_content=True)
                if not piece:
                    break
                body += piece
                if len(body) > cap:
                    raise ProviderError(f"{self.provider} sent more than {_mb(cap)}, Khabar's limit for one answer: "
                                        "stopped reading", kind="too-large")
                if run.over():
                    raise DeadlineExceeded(self._deadline_words(run), kind="deadline")
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            timed_out = isinstance(exc, urllib3.exceptions.TimeoutError | TimeoutError)
            raise ProviderError(f"{self.provider} stopped answering part-way ({type(exc).__name__})",
                                kind="timeout" if timed_out else "unreachable") from exc
        finally:
            response.close()
        # deep-translator reads .text/.json(): hand it the body already read.
        response._content = bytes(body)
        response._content_consumed = True

    def _deadline_words(self, run: Run) -> str:
        return f"stopped: the {run.deadline_s:g} s allowed for this article with {self.provider} ran out"


# The thread-local switch deep-translator's modules look through -----------------------------------------------

_SCOPE = threading.local()


def last_status() -> int | None:
    """The HTTP status of the last answer this thread received inside a scope (None: none yet)."""
    return getattr(_SCOPE, "status", None)


def reset_status() -> None:
    """Forget the last status (before a new sentence)."""
    _SCOPE.status = None


class ScopedRequests:
    """Stands in for the name ``requests`` inside deep-translator's modules (see the module docstring)."""

    def __getattr__(self, name: str):
        return getattr(requests, name)

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        """Through the scoped client on a thread inside ``HttpClient.scope``; else requests' own."""
        scoped = getattr(_SCOPE, "value", None)
        if scoped is None:
            return requests.request(method, url, **kwargs)
        client, run = scoped
        return client.request(method, url, run, **kwargs)

    def get(self, url: str, params=None, **kwargs) -> requests.Response:
        """requests.get, scoped."""
        return self.request("GET", url, params=params, **kwargs)

    def post(self, url: str, data=None, json=None, **kwargs) -> requests.Response:
        """requests.post, scoped."""
        return self.request("POST", url, data=data, json=json, **kwargs)


SCOPED_REQUESTS = ScopedRequests()


def install(*modules: ModuleType) -> None:
    """Point the name ``requests`` in each module at SCOPED_REQUESTS (idempotent)."""
    for module in modules:
        if getattr(module, "requests", None) is requests:
            module.requests = SCOPED_REQUESTS


# Proxies and reachability ----------------------------------------------------------------------------------

def proxies_from_env() -> dict[str, str]:
    """The http/https proxies set in the environment (HTTPS_PROXY, HTTP_PROXY, any case), for deep-translator."""
    found = urllib.request.getproxies_environment()
    return {scheme: url for scheme, url in found.items() if scheme in ("http", "https") and url}


def probe_disabled() -> str:
    """Why the reachability probe is skipped ('' when it runs): KHABAR_ONLINE_PROBE=0 or a proxy in the env."""
    if os.environ.get("KHABAR_ONLINE_PROBE", "").strip().lower() in ("0", "false", "no", "off"):
        return "KHABAR_ONLINE_PROBE=0: not probed, tried directly"
    proxies = proxies_from_env()
    if proxies:
        return f"through the proxy in {'HTTPS_PROXY' if 'https' in proxies else 'HTTP_PROXY'}: not probed"
    return ""


REACH_TTL = 120.0
PROBE_BUDGET_S = 3.0


@dataclass
class _Probe:
    started: float
    finished: float | None = None
    ok: bool | None = None
    done: threading.Event = field(default_factory=threading.Event)


_PROBES: dict[tuple[str, int], _Probe] = {}
_PROBES_LOCK = threading.Lock()


def host_port(url: str) -> tuple[str, int]:
    """The host and port a URL connects to."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "", port


def _run_probe(key: tuple[str, int], probe: _Probe, budget: float) -> None:
    try:
        # DNS is inside create_connection and has no timeout of its own; this thread may outlive the budget,
        # and nobody waits for it past that.
        with socket.create_connection(key, timeout=budget):
            ok = True
    except OSError:
        ok = False
    probe.ok, probe.finished = ok, time.monotonic()
    probe.done.set()


def reachability(url: str, *, wait: float = 0.0, budget: float | None = None) -> bool | None:
    """Whether the URL's host accepts a TCP connection: True, False, or None while a probe is still running.

    The probe runs on a background thread (DNS included) and its answer is kept for two minutes; a probe
    that has not answered within ``budget`` seconds counts as unreachable. ``wait`` is how long the caller
    is prepared to block for a fresh answer (a page render passes 0).
    """
    budget = PROBE_BUDGET_S if budget is None else budget
    key = host_port(url)
    now = time.monotonic()
    with _PROBES_LOCK:
        probe = _PROBES.get(key)
        stale = probe is None or (probe.finished is not None and now - probe.finished >= REACH_TTL)
        previous = probe
        if stale:
            probe = _PROBES[key] = _Probe(started=now)
            threading.Thread(target=_run_probe, args=(key, probe, budget), daemon=True,
                             name=f"khabar-probe-{key[0]}").start()
    if wait > 0:
        probe.done.wait(min(wait, budget))
    if probe.ok is not None:
        return probe.ok
    if time.monotonic() - probe.started >= budget:
        return False
    if stale and previous is not None and previous.ok is not None:
        return previous.ok  # the old answer stands while the new probe runs
    return None


def reachable(url: str, timeout: float | None = None) -> bool:
    """Whether the URL's host can be reached, waiting up to ``timeout`` for the probe."""
    timeout = PROBE_BUDGET_S if timeout is None else timeout
    return bool(reachability(url, wait=timeout, budget=timeout))


def clear_reachability_cache() -> None:
    """Forget every reachability result (for tests and the Settings page's re-check)."""
    with _PROBES_LOCK:
        _PROBES.clear()


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
