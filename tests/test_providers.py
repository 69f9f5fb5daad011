"""Online providers against a local HTTP server: success, timeout, 429 then success, 5xx, malformed body,
over-long input, the circuit breaker, availability and the cache. No test touches the network."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from khabar.translate.base import MemoryCache, translate_cached
from khabar.translate.http import CircuitBreaker, RetryPolicy, chunk_text, clear_reachability_cache, encoded_size
from khabar.translate.online import (
    GoogleTranslator,
    LibreTranslateTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    YandexTranslator,
)

FAST = RetryPolicy(attempts=3, backoff=0.001, max_backoff=0.002, jitter=0.0)


class Server:
    """A local HTTP server answering from a script: a list of (status, body, delay) per request."""

    def __init__(self) -> None:
        self.script: list[tuple[int, str, float]] = []
        self.default: tuple[int, str, float] | None = None
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                parts = urlsplit(self.path)
                server.requests.append(
                    {"method": self.command, "path": parts.path, "query": parse_qs(parts.query), "body": body,
                     "headers": dict(self.headers)}
                )
                status, text, delay = server.script.pop(0) if server.script else server.default
                if delay:
                    time.sleep(delay)
                data = text.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass

            do_GET = do_POST = _answer

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.close()


def google_page(text: str) -> str:
    return f'<html><body><div class="result-container">{text}</div></body></html>'


def mymemory_json(text: str) -> str:
    return json.dumps({"responseData": {"translatedText": text}, "responseStatus": 200, "matches": []})


# name, factory(url), success body(text), path of the request
PROVIDERS = {
    "google": (lambda url, **kw: GoogleTranslator(base_url=url + "/m", **kw), google_page, "/m"),
    "mymemory": (lambda url, **kw: MyMemoryTranslator(base_url=url + "/get", **kw), mymemory_json, "/get"),
    "libretranslate": (
        lambda url, **kw: LibreTranslateTranslator(base_url=url, api_key="k", **kw),
        lambda t: json.dumps({"translatedText": t}),
        "/translate",
    ),
    "microsoft": (
        lambda url, **kw: MicrosoftTranslator(base_url=url + "/translate", api_key="secret", **kw),
        lambda t: json.dumps([{"translations": [{"text": t, "to": "en"}]}]),
        "/translate",
    ),
    "yandex": (
        lambda url, **kw: YandexTranslator(base_url=url + "/tr", api_key="secret", **kw),
        lambda t: json.dumps({"code": 200, "text": [t]}),
        "/tr",
    ),
}


def make(name, server, **kw):
    factory, body, path = PROVIDERS[name]
    kw.setdefault("retry", FAST)
    kw.setdefault("timeout", (1.0, 1.0))
    kw.setdefault("check_reachability", False)
    return factory(server.url, **kw), body, path


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_success(name, server):
    engine, body, path = make(name, server)
    server.default = (200, body("Iran and Pakistan agreed."), 0)
    progress = []
    results = engine.translate(["ईरान और पाकिस्तान सहमत हुए।"], progress=lambda d, t: progress.append((d, t)))
    assert results[0].text == "Iran and Pakistan agreed."
    assert results[0].error is None
    assert progress == [(1, 1)]
    assert server.requests[0]["path"] == path
    sent = json.dumps(server.requests[0])
    assert "ईरान" in sent or "%E0%A4%88" in sent or "\\u0908" in sent


def test_requests_carry_the_right_parameters(server):
    engine, body, _ = make("mymemory", server)
    server.default = (200, body("ok"), 0)
    engine.translate(["नमस्ते"])
    assert server.requests[0]["query"]["langpair"] == ["hi-IN|en"]
    assert server.requests[0]["query"]["q"] == ["नमस्ते"]
    engine, body, _ = make("microsoft", server)
    server.default = (200, body("ok"), 0)
    engine.translate(["नमस्ते"])
    request = server.requests[-1]
    assert request["query"]["to"] == ["en"] and request["query"]["from"] == ["hi"]
    assert request["headers"]["Ocp-Apim-Subscription-Key"] == "secret"
    assert json.loads(request["body"]) == [{"Text": "नमस्ते"}]


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_timeout_is_an_error_not_a_hang(name, server):
    engine, body, _ = make(name, server, timeout=(0.5, 0.2), retry=RetryPolicy(attempts=2, backoff=0.001, jitter=0))
    server.default = (200, body("late"), 0.6)
    start = time.monotonic()
    result = engine.translate(["यह धीमा है"])[0]
    assert time.monotonic() - start < 3
    assert result.text is None
    assert "did not answer in time" in result.error
    assert len(server.requests) == 2  # retried once


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_429_then_success(name, server):
    engine, body, _ = make(name, server)
    server.script = [(429, "slow down", 0), (200, body("Hello"), 0)]
    result = engine.translate(["नमस्ते"])[0]
    assert result.text == "Hello"
    assert len(server.requests) == 2


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_5xx_retried_then_reported(name, server):
    engine, _, _ = make(name, server)
    server.default = (503, "unavailable", 0)
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None
    assert "server error (HTTP 503)" in result.error
    assert len(server.requests) == FAST.attempts


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_malformed_body(name, server):
    engine, _, _ = make(name, server)
    server.default = (200, "<html>no translation here</html>" if name == "google" else "{not json", 0)
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None
    assert result.error and ("malformed" in result.error or "without a translation" in result.error)


@pytest.mark.parametrize("name", ["microsoft", "libretranslate", "yandex", "mymemory"])
def test_unexpected_json_shape(name, server):
    engine, _, _ = make(name, server)
    server.default = (200, json.dumps({"something": "else"}) if name != "microsoft" else json.dumps([{}]), 0)
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None and result.error


def test_auth_failure_is_not_retried(server):
    engine, _, _ = make("microsoft", server)
    server.default = (401, "{}", 0)
    result = engine.translate(["नमस्ते"])[0]
    assert "check the API key" in result.error
    assert len(server.requests) == 1


@pytest.mark.parametrize("name", ["google", "mymemory"])
def test_over_long_input_is_chunked_under_the_url_limit(name, server):
    engine, body, _ = make(name, server)
    sentence = "ईरान और पाकिस्तान ने आतंकवाद के खिलाफ संयुक्त प्रयास करने पर सहमति जताई।"
    text = " ".join([sentence] * 30)  # about 2,000 Devanagari characters
    counter = iter(range(1000))
    server.default = None

    def answer() -> None:
        server.script = [(200, body(f"part{next(counter)}"), 0) for _ in range(100)]

    answer()
    result = engine.translate([text])[0]
    assert result.error is None
    queries = [r["query"]["q"][0] for r in server.requests]
    assert len(queries) > 1
    assert "".join(q.replace(" ", "") for q in queries) == text.replace(" ", "")
    for q in queries:
        assert len(q) <= engine.max_chars
        assert encoded_size(q) <= engine.max_bytes
        assert q.endswith("।")  # cut at sentence boundaries
    assert result.text == " ".join(f"part{i}" for i in range(len(queries)))


def test_chunking_splits_a_single_long_sentence_between_words():
    text = "शब्द " * 400
    chunks = chunk_text(text, max_chars=500, max_bytes=4500)
    assert len(chunks) > 1
    assert all(len(c) <= 500 and encoded_size(c) <= 4500 for c in chunks)
    assert " ".join(chunks).split() == text.split()
    assert encoded_size("क") == 9


def test_circuit_breaker_fails_fast_for_the_rest_of_the_article(server):
    port = server.httpd.server_address[1]
    server.close()  # nothing listens there any more: connection refused
    breaker = CircuitBreaker(threshold=3, reset_after=60)
    engine = GoogleTranslator(base_url=f"http://127.0.0.1:{port}/m", retry=FAST, breaker=breaker,
                              check_reachability=False, workers=1)
    start = time.monotonic()
    results = engine.translate([f"वाक्य {i}" for i in range(20)])
    assert time.monotonic() - start < 5
    assert all(r.text is None for r in results)
    assert "cannot be reached" in results[0].error
    assert breaker.is_open
    assert sum("skipped" in r.error for r in results) >= 18


def test_circuit_breaker_half_opens_after_its_pause():
    now = [0.0]
    breaker = CircuitBreaker(threshold=2, reset_after=10, clock=lambda: now[0])
    breaker.record_failure("down")
    assert breaker.allow()
    breaker.record_failure("down")
    assert not breaker.allow() and breaker.is_open
    now[0] = 11
    assert breaker.allow()  # one trial call
    breaker.record_failure("still down")
    assert not breaker.allow()
    now[0] = 22
    assert breaker.allow()
    breaker.record_success()
    assert breaker.allow() and not breaker.is_open


def test_rate_limits_do_not_open_the_breaker(server):
    breaker = CircuitBreaker(threshold=2)
    engine, _, _ = make("mymemory", server, breaker=breaker)
    server.default = (429, "quota", 0)
    result = engine.translate(["नमस्ते"])[0]
    assert "rate-limiting" in result.error
    assert not breaker.is_open


def test_retry_after_header_is_capped():
    policy = RetryPolicy(max_retry_after=2.0)
    assert policy.delay(1, retry_after=100) == 2.0
    assert 0.5 <= RetryPolicy(backoff=0.5, jitter=0.5).delay(1) <= 0.75
    assert RetryPolicy(backoff=1, max_backoff=4, jitter=0).delay(10) == 4


def test_mymemory_quota_message(server):
    engine, _, _ = make("mymemory", server)
    server.default = (200, json.dumps({"responseStatus": 403, "responseDetails": "INVALID LANGUAGE PAIR",
                                       "responseData": {"translatedText": "INVALID"}}), 0)
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None and "INVALID LANGUAGE PAIR" in result.error


# Availability ----------------------------------------------------------------------------------------------

def test_offline_mode_makes_every_provider_unavailable(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "1")
    for cls in (GoogleTranslator, MyMemoryTranslator, LibreTranslateTranslator, MicrosoftTranslator, YandexTranslator):
        availability = cls().availability()
        assert not availability.ok
        assert "offline mode" in availability.reason


def test_missing_key_and_url_are_explained(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    monkeypatch.delenv("KHABAR_MICROSOFT_KEY", raising=False)
    monkeypatch.delenv("KHABAR_LIBRETRANSLATE_URL", raising=False)
    assert "KHABAR_MICROSOFT_KEY" in MicrosoftTranslator().availability().reason
    assert "KHABAR_LIBRETRANSLATE_URL" in LibreTranslateTranslator().availability().reason
    engine = MicrosoftTranslator()
    assert "env:KHABAR_MICROSOFT_KEY" in engine.info.needs and engine.info.online


def test_unreachable_host_is_reported_quickly(server, monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    port = server.httpd.server_address[1]
    server.close()
    clear_reachability_cache()
    engine = GoogleTranslator(base_url=f"http://127.0.0.1:{port}/m")
    start = time.monotonic()
    availability = engine.availability()
    assert time.monotonic() - start < 2
    assert not availability.ok
    assert availability.reason == "127.0.0.1 cannot be reached from this machine"


def test_reachable_local_server_is_available(server, monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    clear_reachability_cache()
    monkeypatch.setenv("KHABAR_LIBRETRANSLATE_URL", server.url)
    assert LibreTranslateTranslator().availability().ok
    assert server.url in LibreTranslateTranslator().options_key()


def test_keys_come_from_the_environment_and_stay_out_of_the_options_key(monkeypatch):
    monkeypatch.setenv("KHABAR_YANDEX_KEY", "topsecret")
    engine = YandexTranslator()
    assert engine.api_key == "topsecret"
    assert "topsecret" not in engine.options_key()
    assert "topsecret" not in repr(engine.info)


# Cache -----------------------------------------------------------------------------------------------------

def test_cache_second_call_makes_no_request(server):
    engine, body, _ = make("libretranslate", server)
    server.default = (200, body("Hello"), 0)
    cache = MemoryCache()
    first = translate_cached(engine, ["नमस्ते", "नमस्ते  "], cache=cache)
    assert first.texts == ("Hello", "Hello")
    made = len(server.requests)
    second = translate_cached(engine, ["नमस्ते", "नमस्ते  "], cache=cache)
    assert second.texts == first.texts
    assert len(server.requests) == made
    assert second.kind == "translation" and second.engine == "libretranslate"


def test_partial_failure_keeps_successes_and_retries_only_failures(server):
    engine, body, _ = make("microsoft", server, retry=RetryPolicy(attempts=1), workers=1)
    server.script = [(200, body("One."), 0), (400, "{}", 0), (200, body("Three."), 0)]
    cache = MemoryCache()
    sources = ["एक।", "दो।", "तीन।"]
    first = translate_cached(engine, sources, cache=cache)
    assert first.texts[0] == "One." and first.texts[2] == "Three."
    assert first.texts[1] is None and "HTTP 400" in first.errors[1]
    assert first.failed == 1
    server.script = [(200, body("Two."), 0)]
    second = translate_cached(engine, sources, cache=cache)
    assert second.texts == ("One.", "Two.", "Three.")
    assert len(server.requests) == 4  # only the failed sentence was asked again
