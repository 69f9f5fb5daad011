"""Online providers: deep-translator's own classes against a local server that answers like each provider.

The request deep-translator builds and the answer it parses are exercised for real; Khabar's timeout, deadline,
retries, circuit breaker, size cap and cache are tested around them. No test touches the network.
"""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest
from provider_server import ANSWERS, ProviderServer, Reply, google_page, microsoft_json, mymemory_json

from khabar.translate import http
from khabar.translate.base import MemoryCache, translate_cached
from khabar.translate.http import (
    CircuitBreaker,
    RetryPolicy,
    chunk_text,
    clear_reachability_cache,
    encoded_size,
    retry_after_seconds,
)
from khabar.translate.online import (
    GoogleTranslator,
    LibreTranslateTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    YandexTranslator,
)

FAST = RetryPolicy(attempts=3, backoff=0.001, max_backoff=0.002, jitter=0.0)


@pytest.fixture
def server():
    srv = ProviderServer()
    yield srv
    srv.close()


# name -> (factory(url, **kw), path deep-translator requests)
PROVIDERS = {
    "google": (lambda url, **kw: GoogleTranslator(base_url=url + "/m", **kw), "/m"),
    "mymemory": (lambda url, **kw: MyMemoryTranslator(base_url=url + "/get", **kw), "/get"),
    "libretranslate": (lambda url, **kw: LibreTranslateTranslator(base_url=url, api_key="k", **kw), "/translate"),
    "microsoft": (lambda url, **kw: MicrosoftTranslator(base_url=url + "/translate?api-version=3.0",
                                                        api_key="secret", **kw), "/translate"),
    "yandex": (lambda url, **kw: YandexTranslator(base_url=url + "/api/{version}/tr.json/{endpoint}",
                                                  api_key="secret", **kw), "/api/v1.5/tr.json/translate"),
}


def make(name, server, **kw):
    factory, path = PROVIDERS[name]
    kw.setdefault("retry", FAST)
    kw.setdefault("timeout", (1.0, 1.0))
    kw.setdefault("check_reachability", False)
    kw.setdefault("deadline", 5.0)
    return factory(server.url, **kw), ANSWERS[name], path


def sent_text(request: dict) -> str:
    """The Hindi a request carried, wherever the provider puts it."""
    for source in (request["query"], request["form"]):
        for key in ("q", "text"):
            if key in source:
                return source[key][0]
    return json.loads(request["body"])[0]["text"]


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_deep_translator_builds_the_request_and_reads_the_answer(name, server):
    engine, answer, path = make(name, server)
    server.default = answer("Iran and Pakistan agreed.")
    progress = []
    results = engine.translate(["ईरान और पाकिस्तान सहमत हुए।"], progress=lambda d, t: progress.append((d, t)))
    assert results[0].error is None
    assert results[0].text == "Iran and Pakistan agreed."
    assert progress == [(1, 1)]
    request = server.requests[0]
    assert request["path"] == path
    assert sent_text(request) == "ईरान और पाकिस्तान सहमत हुए।"


def test_each_provider_gets_its_own_language_codes_and_key(server):
    answers = {"/m": google_page, "/get": mymemory_json}

    def by_path(request):
        if request["path"] in answers:
            return answers[request["path"]]("ok")
        if request["path"] == "/translate" and request["body"].startswith("["):
            return microsoft_json("ok")
        if request["path"] == "/translate":
            return ANSWERS["libretranslate"]("ok")
        return ANSWERS["yandex"]("ok")

    server.default = by_path
    for name in PROVIDERS:
        engine, _, _ = make(name, server)
        assert engine.translate(["नमस्ते"])[0].text == "ok", name
    google, mymemory, libre, microsoft, yandex = server.requests
    assert google["method"] == "GET" and google["query"]["sl"] == ["hi"] and google["query"]["tl"] == ["en"]
    assert mymemory["query"]["langpair"] == ["hi-IN|en-GB"]
    assert libre["method"] == "POST" and libre["query"]["source"] == ["hi"] and libre["query"]["target"] == ["en"]
    assert libre["query"]["api_key"] == ["k"]
    assert microsoft["query"]["from"] == ["hi"] and microsoft["query"]["to"] == ["en"]
    assert microsoft["query"]["api-version"] == ["3.0"]
    assert microsoft["headers"]["Ocp-Apim-Subscription-Key"] == "secret"
    assert json.loads(microsoft["body"]) == [{"text": "नमस्ते"}]
    assert yandex["form"]["lang"] == ["hi-en"] and yandex["form"]["key"] == ["secret"]


def test_a_self_hosted_libretranslate_gets_no_placeholder_key(server):
    server.default = ANSWERS["libretranslate"]("Hello")
    engine = LibreTranslateTranslator(base_url=server.url, retry=FAST, check_reachability=False)
    assert engine.translate(["नमस्ते"])[0].text == "Hello"
    assert "api_key" not in server.requests[0]["query"]


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_timeout_is_retried_then_an_error(name, server):
    engine, answer, _ = make(name, server, timeout=(0.5, 0.2), retry=RetryPolicy(attempts=2, backoff=0.001, jitter=0))
    server.default = Reply(delay=0.6, body=b"late")
    start = time.monotonic()
    result = engine.translate(["यह धीमा है"])[0]
    assert time.monotonic() - start < 3
    assert result.text is None
    assert "did not answer in time" in result.error
    assert len(server.requests) == 2


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_429_without_retry_after_is_retried(name, server):
    engine, answer, _ = make(name, server)
    server.script = [Reply(status=429, body="slow down"), answer("Hello")]
    result = engine.translate(["नमस्ते"])[0]
    assert result.text == "Hello"
    assert len(server.requests) == 2


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_500_is_retried_then_reported(name, server):
    engine, _, _ = make(name, server)
    server.default = Reply(status=500, body="oops")
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None
    assert "server error (HTTP 500)" in result.error
    assert len(server.requests) == FAST.attempts


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_malformed_answer_is_reported(name, server):
    engine, _, _ = make(name, server)
    server.default = Reply(body="<html>no translation here</html>" if name == "google" else "{not json")
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None
    assert "malformed" in result.error or "without a translation" in result.error


@pytest.mark.parametrize("name", ["microsoft", "libretranslate", "yandex", "mymemory"])
def test_unexpected_json_shape_is_an_error(name, server):
    engine, _, _ = make(name, server)
    server.default = Reply(body=json.dumps([{}]) if name == "microsoft" else json.dumps({"something": "else"}))
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None and result.error


def test_auth_failure_is_not_retried(server):
    engine, _, _ = make("microsoft", server)
    server.default = Reply(status=401, body=json.dumps({"error": {"code": 401000, "message": "bad key"}}))
    result = engine.translate(["नमस्ते"])[0]
    assert "check the API key" in result.error
    assert len(server.requests) == 1


def test_microsoft_api_error_is_deep_translators_message(server):
    engine, _, _ = make("microsoft", server)
    server.default = Reply(body=json.dumps({"error": {"code": 400036, "message": "The target language is not valid."}}))
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None and "target language is not valid" in result.error


def test_mymemory_warning_is_not_taken_for_a_translation(server):
    engine, _, _ = make("mymemory", server)
    server.default = mymemory_json("INVALID LANGUAGE PAIR SPECIFIED", status=403, details="INVALID LANGUAGE PAIR")
    result = engine.translate(["नमस्ते"])[0]
    assert result.text is None and "INVALID LANGUAGE PAIR" in result.error


@pytest.mark.parametrize("name", ["google", "mymemory"])
def test_over_long_input_is_chunked_and_sent_as_a_batch(name, server):
    engine, answer, _ = make(name, server)
    sentence = "ईरान और पाकिस्तान ने आतंकवाद के खिलाफ संयुक्त प्रयास करने पर सहमति जताई।"
    text = " ".join([sentence] * 30)
    server.script = [answer(f"part{i}") for i in range(100)]
    result = engine.translate([text])[0]
    assert result.error is None
    queries = [r["query"]["q"][0] for r in server.requests]
    assert len(queries) > 1
    assert "".join(q.replace(" ", "") for q in queries) == text.replace(" ", "")
    for q in queries:
        assert len(q) <= engine.max_chars and encoded_size(q) <= engine.max_bytes
        assert q.endswith("।")
    assert result.text == " ".join(f"part{i}" for i in range(len(queries)))


def test_chunking_splits_a_single_long_sentence_between_words():
    text = "शब्द " * 400
    chunks = chunk_text(text, max_chars=499, max_bytes=4500)
    assert len(chunks) > 1
    assert all(len(c) <= 499 and encoded_size(c) <= 4500 for c in chunks)
    assert " ".join(chunks).split() == text.split()
    assert encoded_size("क") == 9


# Misbehaving providers: each ends within the article's deadline with a reason per sentence ----------------

SENTENCES = [f"यह वाक्य संख्या {i} है।" for i in range(6)]


def run_article(engine):
    start = time.monotonic()
    results = engine.translate(SENTENCES)
    return results, time.monotonic() - start


@pytest.mark.parametrize("trickle", ["head", "body"])
def test_a_trickling_provider_ends_at_the_deadline(trickle, server):
    engine, _, _ = make("google", server, timeout=(1.0, 10.0), deadline=2.5)
    server.default = Reply(trickle=trickle, trickle_every=0.5 if trickle == "head" else 2.0,
                           body=google_page("never finished").body)
    results, elapsed = run_article(engine)
    assert elapsed < 4.0
    assert all(r.text is None for r in results)
    assert all("2.5 s allowed for this article" in r.error for r in results)


def test_a_hanging_provider_ends_at_the_deadline(server):
    engine, _, _ = make("mymemory", server, timeout=(1.0, 30.0), deadline=2.0)
    server.default = Reply(hang=True)
    results, elapsed = run_article(engine)
    assert elapsed < 3.5
    assert all(r.text is None and r.error for r in results)
    assert "did not answer in time" in results[0].error or "allowed for this article" in results[0].error


def test_429_with_a_long_retry_after_stops_after_one_request(server):
    engine, _, _ = make("google", server, retry=RetryPolicy(attempts=3, backoff=0.001, jitter=0))
    server.default = Reply(status=429, headers={"Retry-After": "3600"}, body="quota")
    results, elapsed = run_article(engine)
    assert elapsed < 2
    assert len(server.requests) == 1
    assert all(r.text is None for r in results)
    assert all("asks Khabar to wait 3600 s" in r.error for r in results)
    assert engine.client.breaker.is_open


def test_a_500_provider_reports_every_sentence(server):
    engine, _, _ = make("libretranslate", server)
    server.default = Reply(status=500, body="internal error")
    results, elapsed = run_article(engine)
    assert elapsed < 3
    assert all(r.text is None for r in results)
    assert "server error (HTTP 500)" in results[0].error
    assert all("HTTP 500" in r.error for r in results)
    assert len(server.requests) <= FAST.attempts + 1  # the breaker opened: the rest were skipped


@pytest.mark.parametrize("declared", [False, True])
def test_a_300_mb_answer_is_cut_off_at_the_cap(declared, server):
    engine, _, _ = make("google", server, deadline=10.0)
    size = 300_000_000
    server.default = Reply(generated_bytes=0 if declared else size, content_length=size if declared else None,
                           headers={"Content-Type": "text/html"})
    tracemalloc.start()
    try:
        start = time.monotonic()
        result = engine.translate(["नमस्ते"])[0]
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.text is None
    assert "Khabar's limit" in result.error and "4 MB" in result.error
    assert peak < 40_000_000
    assert elapsed < 5


def test_the_deadline_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KHABAR_TRANSLATE_DEADLINE", "7.5")
    assert GoogleTranslator().deadline == 7.5
    monkeypatch.setenv("KHABAR_TRANSLATE_DEADLINE", "nonsense")
    assert GoogleTranslator().deadline == 55.0
    assert GoogleTranslator(deadline=3).deadline == 3


def test_circuit_breaker_fails_fast_for_the_rest_of_the_article(server):
    port = server.httpd.server_address[1]
    server.close()
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
    assert breaker.allow()
    breaker.record_failure("still down")
    assert not breaker.allow()
    now[0] = 22
    assert breaker.allow()
    breaker.record_success()
    assert breaker.allow() and not breaker.is_open
    breaker.open_for(3600, "wait an hour")
    now[0] = 22 + 3599
    assert not breaker.allow() and breaker.last_error == "wait an hour"
    now[0] = 22 + 3601
    assert breaker.allow()


def test_retry_after_header_forms():
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == pytest.approx(60)
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    policy = RetryPolicy(max_retry_after=2.0)
    assert policy.delay(1, retry_after=100) == 2.0
    assert 0.5 <= RetryPolicy(backoff=0.5, jitter=0.5).delay(1) <= 0.75


def test_requests_outside_khabar_are_untouched(server):
    """deep-translator used directly (outside Khabar's scope) still calls requests itself, no timeout added."""
    import deep_translator

    server.default = google_page("plain")
    translator = deep_translator.GoogleTranslator(source="hindi", target="english")
    translator._base_url = server.url + "/m"
    assert translator.translate("नमस्ते") == "plain"
    import requests

    assert requests.get is not http.SCOPED_REQUESTS.get


# Reachability and proxies ------------------------------------------------------------------------------------

def test_offline_mode_makes_every_provider_unavailable(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "1")
    for cls in (GoogleTranslator, MyMemoryTranslator, LibreTranslateTranslator, MicrosoftTranslator, YandexTranslator):
        availability = cls().availability()
        assert not availability.ok and "offline mode" in availability.reason


def test_missing_key_and_url_are_explained(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    monkeypatch.delenv("KHABAR_MICROSOFT_KEY", raising=False)
    monkeypatch.delenv("KHABAR_LIBRETRANSLATE_URL", raising=False)
    assert "KHABAR_MICROSOFT_KEY" in MicrosoftTranslator().availability().reason
    assert "KHABAR_LIBRETRANSLATE_URL" in LibreTranslateTranslator().availability().reason
    engine = MicrosoftTranslator()
    assert "KHABAR_MICROSOFT_KEY" in [need.name for need in engine.info.env_vars()] and engine.info.online


def test_probe_never_blocks_and_a_slow_probe_counts_as_unreachable(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    monkeypatch.delenv("KHABAR_ONLINE_PROBE", raising=False)
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    clear_reachability_cache()
    monkeypatch.setattr(http, "PROBE_BUDGET_S", 0.5)

    def slow_dns(address, timeout=None):
        time.sleep(2)  # a resolver that takes its time
        raise OSError("no answer")

    monkeypatch.setattr(http.socket, "create_connection", slow_dns)
    engine = GoogleTranslator(base_url="http://translate.invalid/m")
    start = time.monotonic()
    first = engine.availability()
    assert time.monotonic() - start < 0.2
    assert not first.ok and "checking whether translate.invalid" in first.reason
    time.sleep(0.6)
    later = engine.availability()
    assert not later.ok and later.reason == "translate.invalid cannot be reached from this machine"
    clear_reachability_cache()


def test_reachable_local_server_is_available(server, monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    monkeypatch.delenv("KHABAR_ONLINE_PROBE", raising=False)
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    clear_reachability_cache()
    monkeypatch.setenv("KHABAR_LIBRETRANSLATE_URL", server.url)
    engine = LibreTranslateTranslator()
    engine.wait_for_probe(2.0)
    assert engine.availability().ok
    assert server.url in engine.options_key()
    clear_reachability_cache()


def test_probe_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    monkeypatch.setenv("KHABAR_ONLINE_PROBE", "0")
    clear_reachability_cache()
    monkeypatch.setattr(http.socket, "create_connection", lambda *a, **k: pytest.fail("probed"))
    availability = GoogleTranslator(base_url="http://translate.invalid/m").availability()
    assert availability.ok and "KHABAR_ONLINE_PROBE=0" in availability.reason


def test_with_a_proxy_the_probe_is_skipped_and_deep_translator_uses_it(server, monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    monkeypatch.delenv("KHABAR_ONLINE_PROBE", raising=False)
    for name in ("NO_PROXY", "no_proxy", "https_proxy", "http_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", server.url)
    clear_reachability_cache()
    monkeypatch.setattr(http.socket, "create_connection", lambda *a, **k: pytest.fail("probed"))
    engine = GoogleTranslator(base_url="http://translate.invalid/m", retry=FAST)
    availability = engine.availability()
    assert availability.ok and "proxy" in availability.reason
    monkeypatch.undo()  # the request itself needs sockets again; keep the proxy setting
    monkeypatch.setenv("HTTP_PROXY", server.url)
    for name in ("NO_PROXY", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    server.default = google_page("via the proxy")
    assert engine.translate(["नमस्ते"])[0].text == "via the proxy"
    assert server.requests[0]["target"].startswith("http://translate.invalid/m?")


def test_keys_come_from_the_environment_and_stay_out_of_the_options_key(monkeypatch):
    monkeypatch.setenv("KHABAR_YANDEX_KEY", "topsecret")
    engine = YandexTranslator()
    assert engine.api_key == "topsecret"
    assert "topsecret" not in engine.options_key()
    assert "topsecret" not in repr(engine.info)


# Cache -----------------------------------------------------------------------------------------------------

def test_cache_second_call_makes_no_request(server):
    engine, answer, _ = make("libretranslate", server)
    server.default = answer("Hello")
    cache = MemoryCache()
    first = translate_cached(engine, ["नमस्ते", "नमस्ते  "], cache=cache)
    assert first.texts == ("Hello", "Hello")
    made = len(server.requests)
    second = translate_cached(engine, ["नमस्ते", "नमस्ते  "], cache=cache)
    assert second.texts == first.texts
    assert len(server.requests) == made
    assert second.kind == "translation" and second.engine == "libretranslate"


def test_partial_failure_keeps_successes_and_retries_only_failures(server):
    engine, answer, _ = make("microsoft", server, retry=RetryPolicy(attempts=1), workers=1)
    server.script = [answer("One."), Reply(status=400, body="{}"), answer("Three.")]
    cache = MemoryCache()
    sources = ["एक।", "दो।", "तीन।"]
    first = translate_cached(engine, sources, cache=cache)
    assert first.texts[0] == "One." and first.texts[2] == "Three.", first.errors
    assert first.texts[1] is None and "HTTP 400" in first.errors[1]
    assert first.failed == 1
    server.script = [answer("Two.")]
    second = translate_cached(engine, sources, cache=cache)
    assert second.texts == ("One.", "Two.", "Three.")
    assert len(server.requests) == 4
