"""Online translators: Google, MyMemory, LibreTranslate, Microsoft and Yandex, Hindi to English.

The endpoints, parameters and language codes are deep-translator's (``deep_translator.constants``); the
requests are sent through ``khabar.translate.http.HttpClient`` so that each has a timeout, transient
failures are retried with backoff, and an unreachable provider fails fast for the rest of the article.
Keys come from the environment only (the UI copies ``st.secrets`` into it) and are never stored.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

from bs4 import BeautifulSoup

from khabar.registry import Availability, EngineInfo
from khabar.translate.base import ProgressCallback, SegmentResult
from khabar.translate.http import CircuitBreaker, HttpClient, ProviderError, RetryPolicy, chunk_text, reachable

try:
    from deep_translator.constants import BASE_URLS as _DT_URLS
except ImportError:  # pragma: no cover - deep-translator is a runtime requirement
    _DT_URLS = {}

DEFAULT_URLS = {
    "google": _DT_URLS.get("GOOGLE_TRANSLATE", "https://translate.google.com/m"),
    "mymemory": _DT_URLS.get("MYMEMORY", "http://api.mymemory.translated.net/get"),
    "libretranslate": _DT_URLS.get("LIBRE", "https://libretranslate.com/"),
    "microsoft": _DT_URLS.get(
        "MICROSOFT_TRANSLATE", "https://api.cognitive.microsofttranslator.com/translate?api-version=3.0"
    ),
    "yandex": _DT_URLS.get("YANDEX", "https://translate.yandex.net/api/{version}/tr.json/{endpoint}").format(
        version="v1.5", endpoint="translate"
    ),
}


def offline_mode() -> bool:
    """Whether the reader asked Khabar never to go online (env KHABAR_OFFLINE=1)."""
    return os.environ.get("KHABAR_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


class OnlineTranslator:
    """The shared machinery of every online provider; subclasses send one chunk and read its answer."""

    name = ""
    label = ""
    key_env: str | None = None
    key_required = False
    url_env = ""
    max_chars = 5000
    max_bytes = 100_000
    source_code = "hi"
    translation_kind = "translation"
    description = ""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | tuple[float, float] = (3.05, 15.0),
        retry: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
        workers: int = 4,
        check_reachability: bool = True,
    ) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self.workers = max(1, workers)
        self.check_reachability = check_reachability
        self.client = HttpClient(self.label or self.name, timeout=timeout, retry=retry, breaker=breaker)
        needs: tuple[str, ...] = ("network",)
        if self.key_env:
            needs += (f"env:{self.key_env}",) if self.key_required else (f"optional env:{self.key_env}",)
        if self.url_env and self.name == "libretranslate":
            needs += (f"env:{self.url_env}",)
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
        return self._base_url or (os.environ.get(self.url_env, "").strip() if self.url_env else "") or DEFAULT_URLS.get(
            self.name, ""
        )

    @property
    def api_key(self) -> str | None:
        """The key from the constructor or the environment (never stored anywhere)."""
        if self._api_key:
            return self._api_key
        return (os.environ.get(self.key_env, "").strip() or None) if self.key_env else None

    def limits(self) -> str:
        """The provider's request limit in words."""
        return f"{self.max_chars} characters per request; long sentences are split at clause boundaries"

    def options_key(self) -> str:
        """What besides the engine name changes its output: the language pair and, for servers, the URL."""
        return f"{self.source_code}>en"

    # Availability --------------------------------------------------------------------------------------
    def availability(self) -> Availability:
        """Offline mode, a missing key or URL, or an unreachable host make the engine unavailable."""
        if offline_mode():
            return Availability.no("offline mode (KHABAR_OFFLINE=1): online translators are switched off")
        if self.key_required and not self.api_key:
            return Availability.no(f"needs an API key: set {self.key_env} (or add it to Streamlit secrets)")
        missing = self.missing_configuration()
        if missing:
            return Availability.no(missing)
        url = self.base_url
        if self.check_reachability and not reachable(url):
            from khabar.translate.http import host_port

            return Availability.no(f"{host_port(url)[0]} cannot be reached from this machine")
        return Availability.yes("online")

    def missing_configuration(self) -> str:
        """A reason the engine is not configured, or ''."""
        return ""

    # Work ----------------------------------------------------------------------------------------------
    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> list[SegmentResult]:
        """Translate each text (chunked under the provider's limit) with a bounded pool of workers."""
        texts = list(texts)
        total = len(texts)
        if not total:
            return []
        done = 0
        results: list[SegmentResult | None] = [None] * total

        def work(i: int) -> SegmentResult:
            return self._translate_one(texts[i])

        with ThreadPoolExecutor(max_workers=min(self.workers, total)) as pool:
            futures = {pool.submit(work, i): i for i in range(total)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                done += 1
                if progress is not None:
                    progress(done, total)
        return [r if r is not None else SegmentResult(None, "not translated") for r in results]

    def _translate_one(self, text: str) -> SegmentResult:
        chunks = chunk_text(text, max_chars=self.max_chars, max_bytes=self.max_bytes)
        if not chunks:
            return SegmentResult("")
        out = []
        for chunk in chunks:
            try:
                english = self.send(chunk)
            except ProviderError as exc:
                return SegmentResult(None, str(exc))
            except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
                return SegmentResult(None, f"{self.label} sent an answer Khabar cannot read ({type(exc).__name__})")
            if not english or not english.strip():
                return SegmentResult(None, f"{self.label} returned no translation")
            out.append(english.strip())
        return SegmentResult(" ".join(out))

    def send(self, chunk: str) -> str:
        """Translate one chunk under the limits; raise ProviderError or a parsing error."""
        raise NotImplementedError

    def _json(self, response: Any) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise ProviderError(f"{self.label} sent a malformed answer (not JSON)", kind="bad-response") from exc


class GoogleTranslator(OnlineTranslator):
    """Google Translate's mobile page, as deep-translator uses it (no key)."""

    name = "google"
    label = "Google Translate"
    url_env = "KHABAR_GOOGLE_URL"
    # A GET request: Devanagari triples in UTF-8 and again when percent-encoded, so the URL limit binds first.
    max_chars = 5000
    max_bytes = 5000
    description = "Google Translate's public web endpoint (no key); text is sent to Google."

    def limits(self) -> str:
        """Google's request limit."""
        return "about 5,000 URL-encoded bytes per request (roughly 550 Devanagari characters)"

    def send(self, chunk: str) -> str:
        """One GET to translate.google.com/m; the translation is in div.result-container (or div.t0)."""
        params = {"sl": self.source_code, "tl": "en", "hl": "en", "q": chunk}
        response = self.client.request("GET", self.base_url, params=params)
        soup = BeautifulSoup(response.text, "html.parser")
        element = soup.find("div", {"class": "result-container"}) or soup.find("div", {"class": "t0"})
        if element is None:
            raise ProviderError("Google Translate sent a page without a translation", kind="bad-response")
        return element.get_text(strip=True)


class MyMemoryTranslator(OnlineTranslator):
    """MyMemory's free API (no key; an optional e-mail raises the daily quota)."""

    name = "mymemory"
    label = "MyMemory"
    url_env = "KHABAR_MYMEMORY_URL"
    source_code = "hi-IN"
    max_chars = 500
    max_bytes = 4500
    description = "MyMemory translation memory and MT (no key); text is sent to translated.net."

    def limits(self) -> str:
        """MyMemory's request limit."""
        return "500 characters per request; a daily free quota per IP address"

    def send(self, chunk: str) -> str:
        """One GET to api.mymemory.translated.net/get?langpair=hi-IN|en."""
        params = {"q": chunk, "langpair": f"{self.source_code}|en"}
        email = os.environ.get("KHABAR_MYMEMORY_EMAIL", "").strip()
        if email:
            params["de"] = email
        data = self._json(self.client.request("GET", self.base_url, params=params))
        status = data.get("responseStatus")
        if status not in (None, 200, "200"):
            detail = str(data.get("responseDetails") or "")[:120]
            if str(status) == "429":
                raise ProviderError(f"MyMemory quota is used up: {detail}", kind="rate-limited", status=429)
            raise ProviderError(f"MyMemory refused the text ({status}): {detail}", kind="bad-request")
        text = data["responseData"]["translatedText"]
        if not text:
            matches = data.get("matches") or []
            text = matches[0]["translation"] if matches else ""
        return text


class LibreTranslateTranslator(OnlineTranslator):
    """A LibreTranslate server: the reader's own (env KHABAR_LIBRETRANSLATE_URL) with an optional key."""

    name = "libretranslate"
    label = "LibreTranslate"
    url_env = "KHABAR_LIBRETRANSLATE_URL"
    key_env = "KHABAR_LIBRETRANSLATE_KEY"
    max_chars = 5000
    max_bytes = 1_000_000  # a POST body: only the server's character limit applies
    description = "A LibreTranslate server (self-hosted or libretranslate.com with a key)."

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

    def send(self, chunk: str) -> str:
        """One POST to <server>/translate."""
        payload = {"q": chunk, "source": "hi", "target": "en", "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        url = self.base_url.rstrip("/") + "/translate"
        data = self._json(self.client.request("POST", url, json=payload))
        if isinstance(data, dict) and data.get("error"):
            raise ProviderError(f"LibreTranslate: {str(data['error'])[:160]}", kind="bad-request")
        return data["translatedText"]


class MicrosoftTranslator(OnlineTranslator):
    """Azure AI Translator (key in KHABAR_MICROSOFT_KEY, region in KHABAR_MICROSOFT_REGION)."""

    name = "microsoft"
    label = "Microsoft Translator"
    url_env = "KHABAR_MICROSOFT_URL"
    key_env = "KHABAR_MICROSOFT_KEY"
    key_required = True
    max_chars = 10_000
    max_bytes = 1_000_000
    description = "Azure AI Translator (needs a key)."

    def send(self, chunk: str) -> str:
        """One POST of [{"Text": chunk}] with from=hi&to=en."""
        headers = {"Ocp-Apim-Subscription-Key": self.api_key or "", "Content-Type": "application/json"}
        region = os.environ.get("KHABAR_MICROSOFT_REGION", "").strip()
        if region:
            headers["Ocp-Apim-Subscription-Region"] = region
        response = self.client.request(
            "POST", self.base_url, params={"from": "hi", "to": "en"}, headers=headers, json=[{"Text": chunk}]
        )
        data = self._json(response)
        if isinstance(data, dict) and "error" in data:
            raise ProviderError(f"Microsoft Translator: {data['error'].get('message', 'error')}", kind="bad-request")
        return " ".join(t["text"] for t in data[0]["translations"])


class YandexTranslator(OnlineTranslator):
    """Yandex Translate API v1.5 (key in KHABAR_YANDEX_KEY)."""

    name = "yandex"
    label = "Yandex Translate"
    url_env = "KHABAR_YANDEX_URL"
    key_env = "KHABAR_YANDEX_KEY"
    key_required = True
    max_chars = 10_000
    max_bytes = 1_000_000
    description = "Yandex Translate (needs a key)."

    def send(self, chunk: str) -> str:
        """One POST of text, lang=hi-en, key."""
        data = self._json(
            self.client.request(
                "POST", self.base_url, data={"text": chunk, "lang": "hi-en", "format": "plain", "key": self.api_key}
            )
        )
        code = data.get("code", 200)
        if code != 200:
            if code == 429:
                raise ProviderError("Yandex Translate quota is used up", kind="rate-limited", status=429)
            raise ProviderError(f"Yandex Translate refused the request (code {code})", kind="bad-request")
        return " ".join(data["text"])


PROVIDERS: tuple[type[OnlineTranslator], ...] = (
    GoogleTranslator,
    MyMemoryTranslator,
    LibreTranslateTranslator,
    MicrosoftTranslator,
    YandexTranslator,
)
