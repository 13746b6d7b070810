"""Machine translation after the memory, against local servers that speak each API as documented
(OpenAI chat completions, LibreTranslate /translate, DeepL /v2/translate) and a real command.

Each server runs on 127.0.0.1 in a thread, checks the request as the real API would (path, auth
header, body fields) and answers the documented success or error bodies. The English it answers
is the official translation of the seed's segments (``translations/en/000_9e415571a82dd196.po``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from aligner import catalog
from aligner.cli import app
from aligner.model import Entry, Status
from aligner.mt import base, deepl, openai
from aligner.mt.fill import findings

DOCUMENT = """重庆市科学技术局关于市政协五届四次会议第0426号提案的复函

易小光委员:

2020年,川渝联合出资2000万元实施15个重点研发项目。推动成渝地区双城经济圈建设。

重庆市科学技术局

2021年11月16日
"""
TITLE = "重庆市科学技术局关于市政协五届四次会议第0426号提案的复函"
FUNDING = "2020年,川渝联合出资2000万元实施15个重点研发项目。"
CIRCLE = "推动成渝地区双城经济圈建设。"
SIGNATURE = "重庆市科学技术局"
DATE = "2021年11月16日"
SALUTATION = "易小光委员:"
ENGLISH = {
    TITLE: "Reply Letter of the Chongqing Municipal Science and Technology Bureau on Proposal No. 0426 of the"
    " Fourth Session of the Fifth Chongqing Municipal Committee of the Chinese People's Political Consultative"
    " Conference (CPPCC)",
    SALUTATION: "Dear Member Yi Xiaoguang:",
    FUNDING: "In 2020, 20 million yuan of joint Sichuan-Chongqing funding was used to implement 15 key R&D projects.",
    CIRCLE: "Promote the development of the Chengdu-Chongqing Economic Circle.",
    DATE: "November 16, 2021",
}
# What the memory leaves: the signature is translated by hand, the date is fuzzy (a reviewer's).
SENT = {TITLE, SALUTATION, FUNDING, CIRCLE}
GLOSSARY = (
    "source\ttarget\tnote\n"
    "重庆市科学技术局\tChongqing Municipal Science and Technology Bureau\t\n"
    "易小光\tYi Xiaoguang\t\n"
    "成渝地区双城经济圈\tChengdu-Chongqing Economic Circle\t\n"
    "川渝\tSichuan-Chongqing\t\n"
)
KEY = "sk-test-5f1c9e0a7b3d4c2e8a6f"


# --------------------------------------------------------------------------- servers


class Engine:
    """What a fake engine does: translate from ENGLISH, or fail as told; every request is recorded."""

    def __init__(self, key: str = "") -> None:
        self.key = key
        self.requests: list[dict[str, object]] = []
        self.wrong: dict[str, str] = {}  # answers that replace the official English
        self.fail: Callable[[int], tuple[int, dict[str, str], bytes] | None] = lambda n: None
        self.hang = 0.0  # seconds to wait before answering
        self.lock = threading.Lock()

    def english(self, text: str) -> str:
        return self.wrong.get(text, ENGLISH[text])

    def texts(self) -> list[str]:
        found: list[str] = []
        for request in self.requests:
            body = request["body"]
            assert isinstance(body, dict)
            if "messages" in body:
                found.append(body["messages"][-1]["content"])
            else:
                q = body.get("q", body.get("text"))
                found.extend(q if isinstance(q, list) else [q])
        return found


def _json(status: int, body: object, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(body).encode()


def openai_answer(engine: Engine, path: str, headers: dict[str, str], body: dict) -> tuple[int, dict[str, str], bytes]:
    # https://platform.openai.com/docs/api-reference/chat/create and its error object
    if path != "/v1/chat/completions":
        return _json(404, {"error": {"message": f"Unknown request URL: POST {path}.", "type": "invalid_request_error"}})
    if engine.key and headers.get("authorization") != f"Bearer {engine.key}":
        given = headers.get("authorization", "").removeprefix("Bearer ")
        message = f"Incorrect API key provided: {given}. You can find your API key at https://platform.openai.com."
        return _json(401, {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}})  # fmt: skip
    messages = body.get("messages")
    if not isinstance(body.get("model"), str) or not isinstance(messages, list) or messages[-1]["role"] != "user":
        return _json(400, {"error": {"message": "'model' and 'messages' are required", "type": "invalid_request_error"}})  # fmt: skip
    content = engine.english(messages[-1]["content"])
    return _json(
        200,
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1700000000,
            "model": body["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        },
    )


def libretranslate_answer(engine: Engine, path: str, headers: dict[str, str], body: dict) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    # LibreTranslate's /translate: q a string or a list; errors are {"error": "..."}
    if path != "/translate":
        return _json(404, {"error": "Not Found"})
    if engine.key and body.get("api_key") != engine.key:
        return _json(403, {"error": "Invalid API key"})
    for name in ("q", "source", "target"):
        if not body.get(name):
            return _json(400, {"error": f"Invalid request: missing {name} parameter"})
    if body["source"] != "zh" or body["target"] != "en":
        return _json(400, {"error": f"{body['source']} is not supported"})
    q = body["q"]
    translated = [engine.english(t) for t in q] if isinstance(q, list) else engine.english(q)
    return _json(200, {"translatedText": translated})


def deepl_answer(engine: Engine, path: str, headers: dict[str, str], body: dict) -> tuple[int, dict[str, str], bytes]:
    # https://developers.deepl.com/api-reference/translate: text a list, key in DeepL-Auth-Key
    if path != "/v2/translate":
        return _json(404, {"message": "Not found"})
    if headers.get("authorization") != f"DeepL-Auth-Key {engine.key}":
        return _json(403, {"message": "Authorization failure, check auth_key"})
    if not isinstance(body.get("text"), list) or not body.get("target_lang"):
        return _json(400, {"message": "Bad request", "detail": "Parameter 'text' not specified."})
    translations = [{"detected_source_language": "ZH", "text": engine.english(t)} for t in body["text"]]
    return _json(200, {"translations": translations})


ANSWERS = {"openai": openai_answer, "libretranslate": libretranslate_answer, "deepl": deepl_answer}


@pytest.fixture
def serve() -> Iterator[Callable[[str, Engine], str]]:
    """serve(api, engine) -> the base address of a server speaking ``api`` for ``engine``."""
    servers: list[ThreadingHTTPServer] = []

    def start(api: str, engine: Engine) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with engine.lock:
                    number = len(engine.requests)
                    try:
                        body = json.loads(raw)
                    except ValueError:
                        body = None
                    engine.requests.append({"path": self.path, "headers": headers, "body": body})
                if engine.hang:
                    time.sleep(engine.hang)
                failed = engine.fail(number)
                if failed is None and headers.get("content-type") != "application/json":
                    failed = _json(415, {"error": "Content-Type must be application/json"})
                status, extra, data = failed or ANSWERS[api](engine, self.path, headers, body)
                engine.requests[number]["status"] = status
                if status == 0:  # not HTTP at all
                    self.wfile.write(data)
                    self.close_connection = True
                    return
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        return base + "/v1" if api == "openai" else base

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- the project


def run(cwd: Path, *args: str) -> object:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project cut by ``aligner segment``: the signature translated by hand, the date fuzzy."""
    for name in ("ALIGNER_MT_KEY", "OPENAI_API_KEY", "DEEPL_AUTH_KEY", "LT_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name in ("no_proxy", "NO_PROXY"):  # the servers are local, whatever proxy the machine has
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.aligner]\nlanguages = ["en"]\n\n[tool.aligner.mt]\ntimeout = 2\nretries = 2\nrate = 0\n',
        encoding="utf-8",
    )
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "reply.txt").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "glossary.tsv").write_text(GLOSSARY, encoding="utf-8")
    result = run(tmp_path, "segment")
    assert result.exit_code == 0, result.output
    po = tmp_path / "translations" / "en" / "reply.po"
    text = po.read_text(encoding="utf-8")
    hand = f'msgid "{SIGNATURE}"\nmsgstr "Chongqing Municipal Science and Technology Bureau"'
    text = text.replace(f'msgid "{SIGNATURE}"\nmsgstr ""', hand, 1)
    text = text.replace(f'#: seeds/reply.txt:9\nmsgid "{DATE}"', f'#: seeds/reply.txt:9\n#, fuzzy\nmsgid "{DATE}"', 1)
    po.write_text(text, encoding="utf-8")
    return tmp_path


def catalog_of(project: Path) -> Path:
    return project / "translations" / "en" / "reply.po"


def entries(project: Path) -> dict[str, object]:
    return {e.msgid: e for e in catalog.load(catalog_of(project)).entries if e.msgid}


def msgfmt_ok(msgfmt: str, path: Path) -> None:
    result = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def files_holding(root: Path, needle: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


ENGINE_ARGS = {
    "openai": lambda url: ["--mt", "openai", "--mt-url", url, "--mt-model", "qwen2.5-7b-instruct"],
    "libretranslate": lambda url: ["--mt", "libretranslate", "--mt-url", url],
    "deepl": lambda url: ["--mt", "deepl", "--mt-url", url],
}
KEY_VARIABLES = {"openai": "OPENAI_API_KEY", "libretranslate": "LT_API_KEY", "deepl": "DEEPL_AUTH_KEY"}


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("api", ["openai", "libretranslate", "deepl"])
def test_only_untranslated_entries_are_sent_and_filled_fuzzy_with_the_engine_named(
    api: str, project: Path, serve: Callable[[str, Engine], str], msgfmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine(key=KEY)
    monkeypatch.setenv(KEY_VARIABLES[api], KEY)
    url = serve(api, engine)
    result = run(project, "pretranslate", *ENGINE_ARGS[api](url), "--format", "json")
    assert result.exit_code == 0, result.output
    assert sorted(engine.texts()) == sorted(SENT)  # never the translated signature nor the fuzzy date
    found = entries(project)
    for text in SENT:
        entry = found[text]
        assert entry.status is Status.FUZZY and entry.msgstr == ENGLISH[text]
        assert f"mt: {api}" in entry.extracted
    assert found[SIGNATURE].status is Status.TRANSLATED
    assert found[SIGNATURE].msgstr == "Chongqing Municipal Science and Technology Bureau"
    assert found[DATE].status is Status.FUZZY and found[DATE].msgstr == ""
    report = json.loads(result.stdout)
    assert report["mt"]["summary"]["filled"] == 4 and report["mt"]["summary"]["sent"] == 4
    assert {e["msgid"] for e in report["mt"]["entries"]} == SENT and all(e["fuzzy"] for e in report["mt"]["entries"])
    msgfmt_ok(msgfmt, catalog_of(project))
    assert files_holding(project, KEY) == [] and KEY not in result.output


def test_openai_request_carries_terms_title_and_neighbours(
    project: Path, serve: Callable[[str, Engine], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine(key=KEY)
    monkeypatch.setenv("ALIGNER_MT_KEY", KEY)
    result = run(project, "pretranslate", *ENGINE_ARGS["openai"](serve("openai", engine)))
    assert result.exit_code == 0, result.output
    by_text = {r["body"]["messages"][-1]["content"]: r for r in engine.requests}
    funding = by_text[FUNDING]
    assert funding["headers"]["authorization"] == f"Bearer {KEY}"
    assert funding["body"]["model"] == "qwen2.5-7b-instruct"
    system = funding["body"]["messages"][0]
    assert system["role"] == "system" and "English" in system["content"]
    assert "川渝 → Sichuan-Chongqing" in system["content"]  # the glossary's English, as required
    assert TITLE in system["content"] and SALUTATION in system["content"] and CIRCLE in system["content"]
    assert "Chengdu-Chongqing Economic Circle" in by_text[CIRCLE]["body"]["messages"][0]["content"]
    assert "Chengdu-Chongqing Economic Circle" not in system["content"]  # only the segment's own terms


def test_deepl_gets_the_title_and_terms_in_its_context(
    project: Path, serve: Callable[[str, Engine], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
    deepl = Engine(key=KEY)
    assert run(project, "pretranslate", *ENGINE_ARGS["deepl"](serve("deepl", deepl))).exit_code == 0
    [request] = deepl.requests  # one batch: DeepL takes a list
    body = request["body"]
    assert body["source_lang"] == "ZH" and body["target_lang"] == "EN-US"
    assert "Sichuan-Chongqing" in body["context"] and "Chengdu-Chongqing Economic Circle" in body["context"]
    assert "Yi Xiaoguang" in body["context"] and TITLE in body["context"]


def test_libretranslate_batch_shape(
    project: Path, serve: Callable[[str, Engine], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LT_API_KEY", KEY)
    libre = Engine(key=KEY)
    assert run(project, "pretranslate", *ENGINE_ARGS["libretranslate"](serve("libretranslate", libre))).exit_code == 0
    [request] = libre.requests
    body = request["body"]
    assert body["api_key"] == KEY and body["source"] == "zh" and body["target"] == "en" and body["format"] == "text"
    assert isinstance(body["q"], list) and sorted(body["q"]) == sorted(SENT)
    assert set(body) == {"q", "source", "target", "format", "api_key"}  # no terms: its API takes none


CHECKED = [
    ("openai", FUNDING, ENGLISH[FUNDING].replace("20 million", "30 million"), "figures: “2000万” (20 million)"),
    ("openai", SALUTATION, SALUTATION, "untranslated: the target is a copy of the source"),
    # LibreTranslate takes no terms: the glossary check says what its answer missed.
    ("libretranslate", CIRCLE, "Promote the building of the twin-city economic circle.", "term: 成渝地区双城经济圈"),
]


@pytest.mark.parametrize(("api", "text", "answer", "note"), CHECKED)
def test_a_fill_the_checks_disagree_with_is_reported_and_marked_in_its_comment(
    api: str, text: str, answer: str, note: str, project: Path, serve: Callable[[str, Engine], str]
) -> None:
    engine = Engine()
    engine.wrong[text] = answer
    result = run(project, "pretranslate", *ENGINE_ARGS[api](serve(api, engine)), "--format", "json")
    assert result.exit_code == 0, result.output
    entry = entries(project)[text]
    assert entry.fuzzy and entry.msgstr == answer
    assert f"mt: {note}" in entry.extracted
    [flagged] = [e for e in json.loads(result.stdout)["mt"]["entries"] if e["check"]]
    assert flagged["msgid"] == text and any(c.startswith(note) for c in flagged["check"])
    assert flagged["line"] == entry.line  # the line of its msgid in the catalog as written
    assert all("mt: figures" not in entries(project)[t].extracted for t in SENT - {text})
    again = run(project, "pretranslate", *ENGINE_ARGS[api]("http://127.0.0.1:9/v1"))
    assert again.exit_code == 0  # nothing left to send: no request made


def test_a_second_run_sends_nothing(project: Path, serve: Callable[[str, Engine], str]) -> None:
    engine = Engine()
    url = serve("openai", engine)
    po = catalog_of(project)
    before = po.read_bytes()
    assert run(project, "pretranslate", *ENGINE_ARGS["openai"](url)).exit_code == 0
    after = po.read_bytes()
    assert len(engine.requests) == 4
    po.write_bytes(before)  # as if the fills had been thrown away
    again = run(project, "pretranslate", *ENGINE_ARGS["openai"](url), "--format", "json")
    assert again.exit_code == 0, again.output
    assert len(engine.requests) == 4 and po.read_bytes() == after  # from .aligner/mt/, byte for byte
    summary = json.loads(again.stdout)["mt"]["summary"]
    assert summary["sent"] == 0 and summary["cached"] == 4
    # Another model is another engine: asked again.
    other = run(project, "pretranslate", "--mt", "openai", "--mt-url", url, "--mt-model", "other-model")
    assert other.exit_code == 0 and len(engine.requests) == 4  # the catalog is filled: nothing untranslated
    po.write_bytes(before)
    assert run(project, "pretranslate", "--mt", "openai", "--mt-url", url, "--mt-model", "other-model").exit_code == 0
    assert len(engine.requests) == 8


def _error(status: int, body: object, headers: dict[str, str] | None = None) -> Callable[[int], object]:
    return lambda n: _json(status, body, headers)


FAILURES = [
    (
        "openai",
        "HTTP 500",
        lambda n: _json(500, {"error": {"message": "The server had an error", "type": "server_error"}}),
    ),
    (
        "openai",
        "refused",
        lambda n: _json(
            401,
            {
                "error": {
                    "message": f"Incorrect API key provided: {KEY}.",
                    "type": "invalid_request_error",
                    "code": "invalid_api_key",
                }
            },
        ),
    ),
    (
        "openai",
        "malformed JSON",
        lambda n: (200, {"Content-Type": "application/json"}, b"<html>502 Bad Gateway</html>"),
    ),
    ("openai", "malformed JSON", lambda n: _json(200, {"choices": []})),
    ("openai", "not HTTP", lambda n: (0, {}, b"SSH-2.0-OpenSSH_9.6\r\n")),
    ("openai", "broke the connection", lambda n: (0, {}, b"")),
    ("openai", "redirect", lambda n: (302, {"Location": "http://example.com/v1/chat/completions"}, b"")),
    ("libretranslate", "HTTP 500", lambda n: _json(500, {"error": "Cannot translate text: out of memory"})),
    ("libretranslate", "answered 1 translations for 4 segments", lambda n: _json(200, {"translatedText": ["one"]})),
    ("deepl", "HTTP 456", lambda n: _json(456, {"message": "Quota Exceeded"})),
    ("deepl", "HTTP 429", lambda n: _json(429, {"message": "Too many requests"}, {"Retry-After": "0"})),
]


@pytest.mark.parametrize(("api", "said", "fail"), FAILURES)
def test_an_engine_that_fails_ends_the_run_with_one_line_and_the_catalog_unchanged(
    api: str,
    said: str,
    fail: Callable[[int], object],
    project: Path,
    serve: Callable[[str, Engine], str],
    msgfmt: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALIGNER_MT_KEY", KEY)
    engine = Engine(key=KEY)
    engine.fail = fail  # type: ignore[assignment]
    po = catalog_of(project)
    before = po.read_bytes()
    result = run(project, "pretranslate", *ENGINE_ARGS[api](serve(api, engine)))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aligner: error: ") and said in lines[0], result.output
    assert KEY not in result.output and "Traceback" not in result.output
    assert po.read_bytes() == before
    msgfmt_ok(msgfmt, po)
    assert files_holding(project, KEY) == []


def test_429_and_503_are_retried_with_back_off(
    project: Path, serve: Callable[[str, Engine], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(base, "time", SimpleNamespace(sleep=slept.append, monotonic=time.monotonic))
    engine = Engine()
    answers = {0: _json(429, {"error": {"message": "Rate limit reached", "type": "requests"}}, {"Retry-After": "0"})}
    answers[1] = _json(503, {"error": {"message": "overloaded", "type": "server_error"}})
    engine.fail = answers.get  # type: ignore[assignment]
    result = run(project, "pretranslate", *ENGINE_ARGS["openai"](serve("openai", engine)))
    assert result.exit_code == 0, result.output
    assert len(engine.requests) == 6 and all(entries(project)[t].fuzzy for t in SENT)
    assert slept == [0.0, 1.0]  # Retry-After: 0 honoured; then the back-off of a second retry


def test_the_rate_limit_spaces_request_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    clock = [100.0]

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(base, "time", SimpleNamespace(sleep=sleep, monotonic=lambda: clock[0]))
    limiter = base.Limiter(2.0)
    for _ in range(3):
        limiter.wait()
    clock[0] += 5  # a pause longer than the interval: the next start waits for nothing
    limiter.wait()
    assert slept == [0.5, 0.5]
    base.Limiter(0).wait()
    assert slept == [0.5, 0.5]


@pytest.mark.parametrize(
    ("content", "answer"),
    [
        ("<think>\nThe user wants English. 川渝 is Sichuan-Chongqing.\n</think>\n\nDear Member Yi Xiaoguang:", "Dear Member Yi Xiaoguang:"),
        ("Dear Member Yi Xiaoguang:", "Dear Member Yi Xiaoguang:"),
        ("<think>thinking until the tokens ran out", ""),  # then: an empty translation, the run ends
    ],
)  # fmt: skip
def test_the_reasoning_of_reasoning_models_is_not_the_translation(content: str, answer: str) -> None:
    assert openai.without_reasoning(content).strip() == answer


@pytest.mark.parametrize(
    ("language", "code"), [("en", "EN-US"), ("en_GB", "EN-GB"), ("en-US", "EN-US"), ("fr", "FR"), ("pt_BR", "PT-BR")]
)
def test_deepl_target_codes(language: str, code: str) -> None:
    assert deepl.target_code(language) == code


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://user:sk-secret@127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"),
        ("https://api.deepl.com", "https://api.deepl.com"),
    ],
)
def test_addresses_are_shown_without_credentials(url: str, shown: str) -> None:
    assert base.shown_url(url) == shown


def test_a_server_that_hangs_times_out_with_one_line(project: Path, serve: Callable[[str, Engine], str]) -> None:
    engine = Engine()
    engine.hang = 4.0  # the project's timeout is 2 s
    po = catalog_of(project)
    before = po.read_bytes()
    result = run(project, "pretranslate", *ENGINE_ARGS["openai"](serve("openai", engine)))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "did not answer within 2 s" in result.output
    assert po.read_bytes() == before


def test_what_was_received_before_a_failure_is_kept_and_the_rerun_goes_on(
    project: Path, serve: Callable[[str, Engine], str], msgfmt: str
) -> None:
    engine = Engine()
    engine.fail = lambda n: _json(500, {"error": {"message": "boom", "type": "server_error"}}) if n >= 2 else None
    url = serve("openai", engine)
    po = catalog_of(project)
    before = po.read_bytes()
    result = run(project, "pretranslate", *ENGINE_ARGS["openai"](url))
    assert result.exit_code == 2 and po.read_bytes() == before
    answered = {engine.requests[0]["body"]["messages"][-1]["content"], engine.requests[1]["body"]["messages"][-1]["content"]}  # fmt: skip
    engine.fail = lambda n: None
    count = len(engine.requests)
    again = run(project, "pretranslate", *ENGINE_ARGS["openai"](url))
    assert again.exit_code == 0, again.output
    sent_again = {r["body"]["messages"][-1]["content"] for r in engine.requests[count:]}
    assert sent_again == SENT - answered
    assert all(entries(project)[t].msgstr == ENGLISH[t] for t in SENT)
    msgfmt_ok(msgfmt, po)


def test_parallel_requests_and_a_failure_among_them(
    project: Path, serve: Callable[[str, Engine], str], msgfmt: str
) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as file:
        file.write("parallel = 3\n")
    engine = Engine()
    engine.hang = 0.2  # so that requests overlap
    engine.fail = lambda n: _json(400, {"error": {"message": "context too long", "type": "invalid_request_error"}}) if n == 1 else None  # fmt: skip
    url = serve("openai", engine)
    po = catalog_of(project)
    before = po.read_bytes()
    result = run(project, "pretranslate", *ENGINE_ARGS["openai"](url))
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "HTTP 400: context too long" in result.output
    assert po.read_bytes() == before
    msgfmt_ok(msgfmt, po)
    answered = {r["body"]["messages"][-1]["content"] for r in engine.requests if r["status"] == 200}
    engine.fail = lambda n: None
    count = len(engine.requests)
    again = run(project, "pretranslate", *ENGINE_ARGS["openai"](url))
    assert again.exit_code == 0, again.output
    assert {r["body"]["messages"][-1]["content"] for r in engine.requests[count:]} == SENT - answered
    assert all(entries(project)[t].msgstr == ENGLISH[t] and entries(project)[t].fuzzy for t in SENT)


# --------------------------------------------------------------------------- command:

PROGRAM = r"""
import json, os, subprocess, sys, time
table = json.load(open(sys.argv[1], encoding="utf-8"))
control = json.load(open(sys.argv[2], encoding="utf-8"))  # what to do this time: {"mode", "record", "pid"}
mode = control.get("mode", "ok")
if mode == "hang":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    open(control["pid"], "w").write(str(child.pid))
for number, line in enumerate(sys.stdin):
    item = json.loads(line)
    if control.get("record"):
        open(control["record"], "a", encoding="utf-8").write(line)
    if mode == "garbage" and number == 1:
        print("Traceback (most recent call last): oops")
        sys.stdout.flush()
        continue
    print(json.dumps({"id": item["id"], "text": table[item["text"]]}, ensure_ascii=False))
    sys.stdout.flush()
    if mode == "hang" and number == 1:
        time.sleep(60)
if mode == "fail":
    print("model file not found: /models/zh-en.bin", file=sys.stderr)
    sys.exit(3)
"""


@pytest.fixture
def program(tmp_path: Path) -> tuple[str, Path]:
    """The ``command:`` spec of a real program, and the control file that tells it what to do."""
    script = tmp_path / "engine.py"
    script.write_text(PROGRAM, encoding="utf-8")
    table = tmp_path / "table.json"
    table.write_text(json.dumps(ENGLISH, ensure_ascii=False), encoding="utf-8")
    control = tmp_path / "control.json"
    control.write_text("{}", encoding="utf-8")
    return f"command:{sys.executable} {script} {table} {control}", control


def tell(control: Path, **what: str) -> None:
    control.write_text(json.dumps(what), encoding="utf-8")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def test_command_engine_reads_json_lines_with_context_and_terms(project: Path, program: tuple[str, Path]) -> None:
    spec, control = program
    record = project / "lines.jsonl"
    tell(control, record=str(record))
    result = run(project, "pretranslate", "--mt", spec)
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in record.read_text(encoding="utf-8").splitlines()]
    assert {x["text"] for x in lines} == SENT
    assert all(set(x) == {"id", "text", "context", "terms"} for x in lines)
    funding = next(x for x in lines if x["text"] == FUNDING)
    assert funding["terms"] == {"川渝": "Sichuan-Chongqing"}
    assert funding["context"] == {"title": TITLE, "before": SALUTATION, "after": CIRCLE}
    entry = entries(project)[FUNDING]
    assert entry.fuzzy and entry.msgstr == ENGLISH[FUNDING] and "mt: command" in entry.extracted


@pytest.mark.parametrize(("mode", "said"), [("fail", "exited with status 3: model file not found"), ("garbage", "malformed JSON")])  # fmt: skip
def test_command_engine_that_fails_or_answers_garbage(
    mode: str, said: str, project: Path, program: tuple[str, Path], msgfmt: str
) -> None:
    spec, control = program
    tell(control, mode=mode)
    po = catalog_of(project)
    before = po.read_bytes()
    result = run(project, "pretranslate", "--mt", spec)
    assert result.exit_code == 2 and result.output.count("\n") == 1 and said in result.output, result.output
    assert po.read_bytes() == before
    msgfmt_ok(msgfmt, po)


def test_command_past_its_deadline_is_killed_with_its_children(project: Path, program: tuple[str, Path]) -> None:
    spec, control = program
    pid_file = project / "child.pid"
    tell(control, mode="hang", pid=str(pid_file))
    started = time.monotonic()
    result = run(project, "pretranslate", "--mt", spec)
    assert result.exit_code == 2 and "did not answer within 2 s (2 of 4 segments received)" in result.output
    assert time.monotonic() - started < 30
    child = int(pid_file.read_text())
    for _ in range(50):
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)
    # The two answers received are kept: the next run asks only for the other two.
    record = project / "lines.jsonl"
    tell(control, record=str(record))
    again = run(project, "pretranslate", "--mt", spec)
    assert again.exit_code == 0, again.output
    assert len(record.read_text(encoding="utf-8").splitlines()) == 2


# --------------------------------------------------------------------------- nothing leaves unasked


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    tried: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        tried.append(args)
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return tried


def test_the_default_run_opens_no_socket(
    project: Path, no_network: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)  # a key in the environment is not a request to send
    before = catalog_of(project).read_bytes()
    assert run(project, "pretranslate").exit_code == 0
    assert run(project, "segment", "--pretranslate").exit_code == 0
    assert no_network == [] and not (project / ".aligner" / "mt").exists()
    assert catalog_of(project).read_bytes() == before  # nothing from the memory either


def test_segment_pretranslate_with_an_engine(project: Path, serve: Callable[[str, Engine], str]) -> None:
    engine = Engine()
    url = serve("openai", engine)
    result = run(project, "segment", "--pretranslate", *ENGINE_ARGS["openai"](url))
    assert result.exit_code == 0, result.output
    assert "translations/en/reply.po: pretranslated" in result.output
    assert sorted(engine.texts()) == sorted(SENT) and all(entries(project)[t].fuzzy for t in SENT)


def test_the_engine_from_the_config_and_keys_never_in_it(project: Path, serve: Callable[[str, Engine], str]) -> None:
    engine = Engine()
    url = serve("openai", engine)
    pyproject = project / "pyproject.toml"
    base = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(base + f'engine = "openai"\nurl = "{url}"\nmodel = "qwen2.5-7b-instruct"\n', encoding="utf-8")
    po = catalog_of(project)
    before = po.read_bytes()
    assert run(project, "pretranslate", "--mt", "none").exit_code == 0
    assert engine.requests == [] and po.read_bytes() == before
    assert run(project, "pretranslate").exit_code == 0
    assert len(engine.requests) == 4 and engine.requests[0]["body"]["model"] == "qwen2.5-7b-instruct"
    pyproject.write_text(base + 'api_key = "sk-in-a-file"\n', encoding="utf-8")
    result = run(project, "pretranslate", "--mt", "openai", "--mt-model", "m", "--mt-url", url)
    assert result.exit_code == 2 and "keys are never written in a file" in result.output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--mt", "bing"], "unknown engine 'bing'"),
        (["--mt", "openai"], "openai needs a model"),
        (["--mt", "openai", "--mt-model", "m", "--mt-url", "file:///etc/passwd"], "http:// or https://"),
        (["--mt-url", "http://127.0.0.1:1/v1"], "need --mt ENGINE"),
        (["--mt", "deepl", "--mt-url", "http://127.0.0.1:1"], "deepl needs a key"),
        (["--mt", "command:"], "names no program"),
        (["--mt", "command:/nonexistent/translate --fast"], "cannot run /nonexistent/translate"),
    ],
)
def test_bad_engine_settings_are_one_line(args: list[str], said: str, project: Path, no_network: list[object]) -> None:
    before = catalog_of(project).read_bytes()
    result = run(project, "pretranslate", *args)
    assert result.exit_code == 2 and result.output.count("\n") == 1 and said in result.output, result.output
    assert catalog_of(project).read_bytes() == before and no_network == []


@pytest.mark.parametrize("args", [["--mt-url", "http://127.0.0.1:1/v1"], ["--mt-model", "m"]])
def test_segment_refuses_an_engine_address_without_an_engine(
    args: list[str], project: Path, no_network: list[object]
) -> None:
    """As pretranslate does: the address alone would otherwise be dropped without a word."""
    before = catalog_of(project).read_bytes()
    result = run(project, "segment", *args)
    assert result.exit_code == 2 and "need --mt ENGINE" in result.output, result.output
    assert catalog_of(project).read_bytes() == before and no_network == []


def test_the_prompt_can_be_the_projects_own(project: Path, serve: Callable[[str, Engine], str]) -> None:
    engine = Engine()
    (project / "translations" / "prompt.txt").write_text(
        "Render this line of a Chongqing government letter in $target.\n$terms$context", encoding="utf-8"
    )
    with (project / "pyproject.toml").open("a", encoding="utf-8") as file:
        file.write('prompt = "translations/prompt.txt"\n')
    assert run(project, "pretranslate", *ENGINE_ARGS["openai"](serve("openai", engine))).exit_code == 0
    system = engine.requests[0]["body"]["messages"][0]["content"]
    assert system.startswith("Render this line of a Chongqing government letter in English.")


@pytest.mark.parametrize(
    ("msgid", "answer", "notes"),
    [
        # An answer still in Chinese is one problem, as aligner check reports it: its figures are not news.
        (
            "请于10月10日前报送材料。",
            "EN<请于10月10日前报送材料。>",
            ("untranslated: the target is still in Chinese (9 Chinese characters: 请于月日前报送材料)",),
        ),
        # The same wrong figure twice is one note, as aligner check reports it.
        (
            "全市共有5个区和5个县。",
            "The city has 7 districts and 7 counties.",
            (
                "figures: “5” has no counterpart in the target (it has “7” instead)",
                "figures: “7” in the target has no counterpart in the source",
            ),
        ),
        ("全市共有5个区和5个县。", "The city has 5 districts and 5 counties.", ()),
    ],
)
def test_the_checks_on_a_fill_say_what_aligner_check_says(msgid: str, answer: str, notes: tuple[str, ...]) -> None:
    assert sorted(findings("a.po", Entry(msgid, line=3), answer, None)) == sorted(notes)


# --------------------------------------------------------------------------- hostile answers and a hostile store


@pytest.mark.parametrize(
    "answer",
    [
        "\x1b[31mDear\x1b]0;pwned\x07 Member Yi Xiaoguang:",  # colour, window title, bell
        "Dear Member \u202eYi Xiaoguang:",  # reads backwards after the override
        "Dear\x01\x08 Member\x9b2J Yi Xiaoguang:",  # C0 backspace, C1 CSI (clear screen)
    ],
)
def test_control_characters_and_overrides_in_an_answer_never_reach_the_catalog(
    answer: str, project: Path, serve: Callable[[str, Engine], str], msgfmt: str
) -> None:
    engine = Engine()
    engine.wrong[SALUTATION] = answer
    result = run(project, "pretranslate", *ENGINE_ARGS["openai"](serve("openai", engine)))
    assert result.exit_code == 0, result.output
    filled = entries(project)[SALUTATION]
    assert filled.msgstr == "Dear Member Yi Xiaoguang:"  # type: ignore[attr-defined]
    text = catalog_of(project).read_text(encoding="utf-8")
    assert not any(c in text for c in "\x1b\x07\x01\x08\x9b\u202e")
    assert "control characters or bidi overrides in the answer were removed" in text  # said, not silent
    msgfmt_ok(msgfmt, catalog_of(project))


def _store_files(project: Path) -> list[Path]:
    return sorted((project / ".aligner" / "mt").rglob("*.json"))


def test_a_link_in_the_answer_store_is_never_followed(
    project: Path, serve: Callable[[str, Engine], str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (project / ".aligner").mkdir(exist_ok=True)
    (project / ".aligner" / "mt").symlink_to(outside, target_is_directory=True)
    po = catalog_of(project)
    before = po.read_bytes()
    engine = Engine()
    result = run(project, "pretranslate", *ENGINE_ARGS["openai"](serve("openai", engine)))
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "symbolic link" in result.output and ".aligner/mt" in result.output
    assert list(outside.iterdir()) == [] and po.read_bytes() == before


def test_stored_answers_that_are_links_fifos_or_endless_are_asked_again(
    project: Path, serve: Callable[[str, Engine], str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    engine = Engine()
    url = serve("openai", engine)
    po = catalog_of(project)
    before = po.read_bytes()
    assert run(project, "pretranslate", *ENGINE_ARGS["openai"](url)).exit_code == 0
    after = po.read_bytes()
    stored = _store_files(project)
    assert len(stored) == 4
    secret = tmp_path_factory.mktemp("outside") / "answer.json"
    secret.write_text(json.dumps({"text": "SECRET FROM OUTSIDE"}), encoding="utf-8")
    fifo = tmp_path_factory.mktemp("fifo") / "pipe"
    os.mkfifo(fifo)
    for path, target in zip(stored, [secret, fifo, Path("/dev/zero")], strict=False):
        path.unlink()
        path.symlink_to(target)
    stored[3].write_bytes(b'{"text": "' + b"x" * (2 << 20) + b'"}')  # past the cap of one answer
    po.write_bytes(before)
    again = run(project, "pretranslate", *ENGINE_ARGS["openai"](url))
    assert again.exit_code == 0, again.output
    assert len(engine.requests) == 8  # the four are asked again, none read through its link
    assert po.read_bytes() == after and b"SECRET" not in po.read_bytes()


@pytest.fixture
def trickle() -> Iterator[Callable[[bool], str]]:
    """trickle(in_headers) -> the address of an OpenAI server that answers a right translation one
    byte every 0.2 s (in its headers, or in its body): never as long as the timeout between two."""
    servers: list[ThreadingHTTPServer] = []

    def start(in_headers: bool) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                body = json.dumps({"choices": [{"message": {"content": "Dear Member"}, "finish_reason": "stop"}]})
                head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                # Headers: the slow part is an extra header; body: the slow part is the body.
                quick, slow = (head, "X-Slow: " + "a" * 30 + "\r\n\r\n" + body) if in_headers else (head + "\r\n", body)
                try:
                    self.wfile.write(quick.encode())
                    for char in slow:
                        self.wfile.write(char.encode())
                        self.wfile.flush()
                        time.sleep(0.2)
                except OSError:
                    pass  # the client gave up: as it should
                self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/v1"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_a_server_that_trickles_its_answer_meets_the_timeout_of_the_whole_request(
    in_headers: bool, project: Path, trickle: Callable[[bool], str]
) -> None:
    # 0.2 s between two bytes never reaches the project's timeout of 2 s, but the whole answer would
    # take longer: the timeout is the request's, not each read's.
    po = catalog_of(project)
    before = po.read_bytes()
    result = run(project, "pretranslate", *ENGINE_ARGS["openai"](trickle(in_headers)))
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "did not answer within 2 s" in result.output
    assert po.read_bytes() == before
