"""Online translators, Hindi to English, each one deep-translator's own class: GoogleTranslator,
MyMemoryTranslator, LibreTranslator, MicrosoftTranslator and YandexTranslator.

deep-translator builds each request, reads each answer and raises its own exceptions; Khabar adds what it lacks
around those calls (``khabar.translate.http``): a timeout on every request and one deadline per article, retries
with backoff, a circuit breaker, a cap on answer size, proxies from the environment, a reachability probe that
never blocks a page, and the cache (``translate_cached``). deep-translator's other classes (DeepL, Papago, QCRI,
Baidu, Linguee, PONS) have no Hindi; its ChatGPT class needs the openai package and a paid key, so it is left out.
Keys come from the environment only (the UI copies ``st.secrets`` into it) and are never stored.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Sequence
from typing import Any

import deep_translator
from deep_translator import exceptions as dt_errors
from deep_translator import google, libre, microsoft, mymemory, yandex
from deep_translator.constants import BASE_URLS

from khabar.registry import Availability, EngineInfo, Requirement
from khabar.translate.base import ProgressCallback, SegmentResult
from khabar.translate.http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    PROBE_BUDGET_S,
    CircuitBreaker,
    HttpClient,
    ProviderError,
    RetryPolicy,
    Run,
    chunk_text,
    deadline_from_env,
    host_port,
    install,
    last_status,
    probe_disabled,
    proxies_from_env,
    reachability,
    reset_status,
)

install(google, mymemory, libre, microsoft, yandex)


def offline_mode() -> bool:
    """Whether the reader asked Khabar never to go online (env KHABAR_OFFLINE=1)."""
    return os.environ.get("KHABAR_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


class OnlineTranslator:
    """The shared machinery of every online provider; subclasses build their deep-translator object."""

    name = ""
    label = ""
    key_env: str | None = None
    key_required = False
    url_env = ""
    default_url = ""
    max_chars = 4999
    max_bytes = 100_000
    translation_kind = "translation"
    description = ""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | tuple[float, float] = (3.05, 10.0),
        retry: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
        workers: int = 4,
        check_reachability: bool = True,
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self.workers = max(1, workers)
        self.check_reachability = check_reachability
        self._deadline = deadline
        self.client = HttpClient(self.label or self.name, timeout=timeout, retry=retry, breaker=breaker,
                                 max_response_bytes=max_response_bytes, check_response=self.check_response)
        needs: tuple[Requirement, ...] = (Requirement("network"),)
        if self.key_env:
            needs += (Requirement("env", self.key_env, optional=not self.key_required, note="API key"),)
        if self.url_env and self.name == "libretranslate":
            needs += (Requirement("env", self.url_env, note="server URL"),)
        self.info = EngineInfo(
            name=self.name,
            label=self.label,
            kind="translator",
            online=True,
            needs=needs,
            limits=self.limits(),
            description=self.description,
        )

    # Configuration -------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """The endpoint: constructor argument, else env ``KHABAR_<NAME>_URL``, else deep-translator's URL."""
        configured = os.environ.get(self.url_env, "").strip() if self.url_env else ""
        return self._base_url or configured or self.default_url

    @property
    def api_key(self) -> str | None:
        """The key from the constructor or the environment (never stored anywhere)."""
        if self._api_key:
            return self._api_key
        return (os.environ.get(self.key_env, "").strip() or None) if self.key_env else None

    @property
    def deadline(self) -> float:
        """Seconds one article may take with this provider (env KHABAR_TRANSLATE_DEADLINE, default 55)."""
        return self._deadline if self._deadline else deadline_from_env()

    def limits(self) -> str:
        """The provider's request limit in words."""
        return f"{self.max_chars} characters per request; long sentences are split at clause boundaries"

    def options_key(self) -> str:
        """What besides the engine name changes its output: the language pair."""
        return "hi>en"

    # Availability --------------------------------------------------------------------------------------
    def availability(self, wait: float = 0.0) -> Availability:
        """Offline mode, a missing key or URL, or an unreachable host make the engine unavailable.

        The reachability probe runs in the background; ``wait`` is how long to block for its answer (pages
        pass 0, the command line a few seconds). KHABAR_ONLINE_PROBE=0 or a proxy skips the probe.
        """
        if offline_mode():
            return Availability.no("offline mode (KHABAR_OFFLINE=1): online translators are switched off")
        if self.key_required and not self.api_key:
            return Availability.no(f"needs an API key: set {self.key_env} (or add it to Streamlit secrets)")
        missing = self.missing_configuration()
        if missing:
            return Availability.no(missing)
        skipped = probe_disabled() or ("" if self.check_reachability else "not probed")
        if skipped:
            return Availability.yes(f"online ({skipped})")
        host = host_port(self.base_url)[0]
        state = reachability(self.base_url, wait=wait)
        if state is None:
            return Availability.no(f"checking whether {host} can be reached (look again in a moment, or set "
                                   "KHABAR_ONLINE_PROBE=0 to try it directly)")
        if not state:
            return Availability.no(f"{host} cannot be reached from this machine")
        return Availability.yes("online")

    def wait_for_probe(self, seconds: float = PROBE_BUDGET_S) -> None:
        """Block up to ``seconds`` for the reachability probe (the command line can wait; a page does not)."""
        if not (probe_disabled() or not self.check_reachability or self.missing_configuration()):
            reachability(self.base_url, wait=seconds)

    def missing_configuration(self) -> str:
        """A reason the engine is not configured, or ''."""
        return ""

    # deep-translator -----------------------------------------------------------------------------------
    def make_translator(self) -> Any:
        """A fresh deep-translator object for this provider (they keep per-request state, so one per task)."""
        raise NotImplementedError

    def batch_kwargs(self) -> dict[str, Any]:
        """Extra keyword arguments for deep-translator's translate_batch."""
        return {}

    def check_response(self, response) -> None:
        """Raise ProviderError for an answer deep-translator would take for a translation; by default none."""

    @staticmethod
    def answer_text(answer: Any) -> str:
        """deep-translator's answer as one string (Yandex answers with a list)."""
        if isinstance(answer, list | tuple):
            return " ".join(str(a) for a in answer if a)
        return str(answer) if answer is not None else ""

    # Work ----------------------------------------------------------------------------------------------
    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> list[SegmentResult]:
        """Translate each text under one deadline for the whole call.

        The first text goes alone, so a provider that is down or asks Khabar to wait costs one request; the
        rest then go to a few worker threads. Workers are daemon threads: one still waiting on a provider
        when the deadline passes is abandoned (it stops at its next request), never waited for.
        """
        texts = list(texts)
        total = len(texts)
        if not total:
            return []
        run = Run(self.deadline)
        jobs: queue.SimpleQueue[int] = queue.SimpleQueue()
        for i in range(total):
            jobs.put(i)
        answers: queue.SimpleQueue[tuple[int, SegmentResult]] = queue.SimpleQueue()

        def worker() -> None:
            with self.client.scope(run):
                while not run.over():
                    try:
                        i = jobs.get_nowait()
                    except queue.Empty:
                        return
                    try:
                        result = self._translate_one(texts[i])
                    except Exception as exc:  # a worker must always answer, or the article waits for nothing
                        result = SegmentResult(None, f"{self.label} failed: {type(exc).__name__}")
                    answers.put((i, result))

        def start(count: int) -> None:
            for _ in range(count):
                threading.Thread(target=worker, daemon=True, name=f"khabar-{self.name}").start()

        results: list[SegmentResult | None] = [None] * total
        done = 0
        start(1)
        while done < total:
            try:
                i, result = answers.get(timeout=max(run.remaining(), 0.001))
            except queue.Empty:
                break
            results[i] = result
            done += 1
            if done == 1 and total > 1:
                start(min(self.workers, total) - 1)  # the first worker carries on too
            if progress is not None:
                progress(done, total)
            if run.over():
                break
        run.cancelled.set()
        stopped = f"stopped: the {run.deadline_s:g} s allowed for this article with {self.label} ran out"
        return [r if r is not None else SegmentResult(None, stopped) for r in results]

    def _translate_one(self, text: str) -> SegmentResult:
        chunks = chunk_text(text, max_chars=self.max_chars, max_bytes=self.max_bytes)
        if not chunks:
            return SegmentResult("")
        reset_status()
        try:
            answers = self.make_translator().translate_batch(chunks, **self.batch_kwargs())
        except ProviderError as exc:
            return SegmentResult(None, str(exc))
        except Exception as exc:  # deep-translator's exceptions and its parsing failures, in words
            return SegmentResult(None, self.describe_failure(exc))
        pieces = [self.answer_text(a).strip() for a in answers]
        if not all(pieces):
            return SegmentResult(None, f"{self.label} returned no translation")
        return SegmentResult(" ".join(pieces))

    def describe_failure(self, exc: Exception) -> str:
        """One line for a reader from a deep-translator exception and the HTTP status behind it."""
        status = last_status()
        label = self.label
        if status in (401, 403):
            return f"{label} refused the request (HTTP {status}): check the API key"
        if isinstance(exc, dt_errors.TooManyRequests):
            self.client.breaker.record_failure(f"{label} says too many requests")
            return f"{label} says too many requests (deep-translator: TooManyRequests)"
        if isinstance(exc, dt_errors.AuthorizationException | dt_errors.ApiKeyException):
            return f"{label} refused the API key"
        if isinstance(exc, dt_errors.MicrosoftAPIerror):
            return f"{label} answered with an error: {' '.join(exc.api_message.split())[:160]}"
        if isinstance(exc, dt_errors.NotValidLength | dt_errors.NotValidPayload):
            return f"{label} refused the text as too long or empty"
        if status is not None and status >= 400:
            return f"{label} answered HTTP {status}"
        if isinstance(exc, dt_errors.ServerException):
            return f"{label} answered with an error ({exc})"
        if isinstance(exc, dt_errors.TranslationNotFound | dt_errors.ElementNotFoundInGetRequest):
            return f"{label} sent an answer without a translation"
        if isinstance(exc, dt_errors.RequestError):
            return f"{label} request failed"
        if isinstance(exc, json.JSONDecodeError | ValueError):
            return f"{label} sent a malformed answer (not JSON)"
        return f"{label} sent an answer deep-translator cannot read ({type(exc).__name__})"


class GoogleTranslator(OnlineTranslator):
    """Google Translate through ``deep_translator.GoogleTranslator`` (its public mobile page, no key)."""

    name = "google"
    label = "Google Translate"
    url_env = "KHABAR_GOOGLE_URL"
    default_url = BASE_URLS["GOOGLE_TRANSLATE"]
    # A GET request: Devanagari triples in UTF-8 and again when percent-encoded, so the URL limit binds first.
    max_bytes = 5000
    description = "Google Translate's public web endpoint via deep-translator (no key); text is sent to Google."

    def limits(self) -> str:
        """Google's request limit."""
        return "about 5,000 URL-encoded bytes per request (roughly 550 Devanagari characters)"

    def make_translator(self) -> Any:
        """deep_translator.GoogleTranslator pointed at the configured URL."""
        translator = deep_translator.GoogleTranslator(source="hindi", target="english", proxies=proxies_from_env())
        translator._base_url = self.base_url
        return translator


class MyMemoryTranslator(OnlineTranslator):
    """MyMemory through ``deep_translator.MyMemoryTranslator`` (no key; an e-mail raises the daily quota)."""

    name = "mymemory"
    label = "MyMemory"
    url_env = "KHABAR_MYMEMORY_URL"
    default_url = BASE_URLS["MYMEMORY"]
    max_chars = 499  # deep-translator refuses 500 and more
    max_bytes = 4500
    description = "MyMemory translation memory and MT via deep-translator (no key); text is sent to translated.net."

    def limits(self) -> str:
        """MyMemory's request limit."""
        return "500 characters per request; a daily free quota per IP address"

    def make_translator(self) -> Any:
        """deep_translator.MyMemoryTranslator with the optional e-mail (KHABAR_MYMEMORY_EMAIL)."""
        email = os.environ.get("KHABAR_MYMEMORY_EMAIL", "").strip() or None
        translator = deep_translator.MyMemoryTranslator(source="hindi", target="english", proxies=proxies_from_env(),
                                                        email=email)
        translator._base_url = self.base_url
        return translator

    def check_response(self, response) -> None:
        """MyMemory puts quota and refusal messages where the translation goes, with a status beside them:
        deep-translator would return the message as the translation, so Khabar reads the status first."""
        if response.status_code >= 400:
            return
        try:
            data = json.loads(response.content or b"null")
        except ValueError:
            return  # deep-translator's own parsing reports it
        status = data.get("responseStatus") if isinstance(data, dict) else None
        if status in (None, 200, "200"):
            return
        detail = " ".join(str(data.get("responseDetails") or "").split())[:120]
        if str(status) == "429":
            raise ProviderError(f"MyMemory quota is used up: {detail}", kind="rate-limited", status=429)
        raise ProviderError(f"MyMemory refused the text ({status}): {detail}", kind="bad-request")


class LibreTranslateTranslator(OnlineTranslator):
    """A LibreTranslate server through ``deep_translator.LibreTranslator``: the reader's own (env
    KHABAR_LIBRETRANSLATE_URL) with an optional key."""

    name = "libretranslate"
    label = "LibreTranslate"
    url_env = "KHABAR_LIBRETRANSLATE_URL"
    key_env = "KHABAR_LIBRETRANSLATE_KEY"
    max_bytes = 1_000_000
    description = "A LibreTranslate server (self-hosted, or libretranslate.com with a key) via deep-translator."

    @property
    def base_url(self) -> str:
        """The server URL from the constructor or KHABAR_LIBRETRANSLATE_URL (no default: servers need a key)."""
        return self._base_url or os.environ.get(self.url_env, "").strip()

    def missing_configuration(self) -> str:
        """LibreTranslate needs a server URL."""
        if not self.base_url:
            return f"needs a server: set {self.url_env} (e.g. http://localhost:5000) and, if required, {self.key_env}"
        return ""

    def options_key(self) -> str:
        """Different servers run different models, so the URL is part of the cache key."""
        return f"hi>en@{self.base_url.rstrip('/')}"

    def make_translator(self) -> Any:
        """deep_translator.LibreTranslator on the configured server."""
        # deep-translator refuses to start without a key, but a self-hosted server needs none: give it a
        # placeholder and clear it, so no key is sent.
        translator = deep_translator.LibreTranslator(source="Hindi", target="English", api_key=self.api_key or "-",
                                                     custom_url=self.base_url.rstrip("/") + "/")
        translator.api_key = self.api_key
        return translator


class _MicrosoftHindi(deep_translator.MicrosoftTranslator):
    """deep-translator's MicrosoftTranslator without its language-list download at construction: that request
    goes to a fixed host with no timeout, and Khabar only needs Hindi and English."""

    def _get_supported_languages(self) -> dict[str, str]:
        return {"hindi": "hi", "english": "en"}


class MicrosoftTranslator(OnlineTranslator):
    """Azure AI Translator through ``deep_translator.MicrosoftTranslator`` (key in KHABAR_MICROSOFT_KEY, region
    in KHABAR_MICROSOFT_REGION)."""

    name = "microsoft"
    label = "Microsoft Translator"
    url_env = "KHABAR_MICROSOFT_URL"
    key_env = "KHABAR_MICROSOFT_KEY"
    key_required = True
    default_url = BASE_URLS["MICROSOFT_TRANSLATE"]
    max_chars = 10_000
    max_bytes = 1_000_000
    description = "Azure AI Translator via deep-translator (needs a key)."

    def make_translator(self) -> Any:
        """deep_translator.MicrosoftTranslator with the key and region."""
        region = os.environ.get("KHABAR_MICROSOFT_REGION", "").strip() or None
        translator = _MicrosoftHindi(source="hindi", target="english", api_key=self.api_key, region=region,
                                     proxies=proxies_from_env())
        translator._base_url = self.base_url
        return translator


class YandexTranslator(OnlineTranslator):
    """Yandex Translate API v1.5 through ``deep_translator.YandexTranslator`` (key in KHABAR_YANDEX_KEY)."""

    name = "yandex"
    label = "Yandex Translate"
    url_env = "KHABAR_YANDEX_URL"
    key_env = "KHABAR_YANDEX_KEY"
    key_required = True
    default_url = BASE_URLS["YANDEX"]
    max_chars = 10_000
    max_bytes = 1_000_000
    description = "Yandex Translate via deep-translator (needs a key)."

    @property
    def base_url(self) -> str:
        """The endpoint, with deep-translator's {version} and {endpoint} filled in for probing and display."""
        return super().base_url.format(version="v1.5", endpoint="translate")

    def make_translator(self) -> Any:
        """deep_translator.YandexTranslator with the key."""
        translator = deep_translator.YandexTranslator(source="hindi", target="english", api_key=self.api_key)
        translator._base_url = self.base_url
        return translator

    def batch_kwargs(self) -> dict[str, Any]:
        """Yandex takes its proxies per call."""
        return {"proxies": proxies_from_env()}


PROVIDERS: tuple[type[OnlineTranslator], ...] = (
    GoogleTranslator,
    MyMemoryTranslator,
    LibreTranslateTranslator,
    MicrosoftTranslator,
    YandexTranslator,
)
