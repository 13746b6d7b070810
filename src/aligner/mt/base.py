"""What every engine shares: the request, the error, HTTP with timeouts, retries, a rate limit.

An engine turns a batch of ``Request`` into as many translations, in order, or raises
``EngineError`` (one line: what failed, where, what to do). HTTP goes through the standard
library: one JSON POST, no redirect followed (a redirect would carry the key to another host),
429 and 5xx retried with back-off (``Retry-After`` honoured), a timeout on every request and a
limit on requests per second. The key is sent in a header and appears in no message.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from aligner.errors import AlignerError
from aligner.records import Record

RETRIED = frozenset({429, 500, 502, 503, 504, 529})
BACKOFF = 0.5  # seconds before the first retry; doubled at each next one
MAX_WAIT = 60.0  # a Retry-After longer than this is not waited for: the run ends instead
MAX_ANSWER = 16 * 1024 * 1024  # no translation of one batch comes near; a runaway stream would never end
SHOWN = 160  # characters of a server's error message quoted in ours


class EngineError(AlignerError):
    """The engine failed, timed out or answered something that is not a translation.

    ``received`` holds the translations that did come back before the failure (by position in
    the batch), so that they are kept and a re-run does not ask for them again.
    """

    received: dict[int, str]

    def __init__(self, message: str, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.received = {}


@dataclass(frozen=True, repr=False, eq=False)
class Request(Record):
    """One segment to translate, with what the engine may use around it."""

    id: str
    text: str
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (Chinese, its renderings) found in the text
    title: str = ""  # the document's title
    before: str = ""  # the previous segment
    after: str = ""  # the next segment

    @property
    def context(self) -> str:
        """The surroundings as one text (title, previous and next segment), for engines taking one."""
        parts = [f"Title: {self.title}" if self.title and self.title != self.text else ""]
        parts += [f"Before: {self.before}" if self.before else "", f"After: {self.after}" if self.after else ""]
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True, repr=False, eq=False)
class Settings(Record):
    """How to reach an engine: from ``--mt``/``--mt-url``/``--mt-model`` over ``[tool.aligner.mt]``."""

    engine: str  # openai, libretranslate, deepl, or command:PROGRAM ARGS
    url: str = ""
    model: str = ""
    timeout: float = 60.0  # seconds for one request (one run of a command)
    retries: int = 3  # of a request answered 429 or 5xx
    rate: float = 5.0  # requests per second at most (0: no limit)
    batch: int = 0  # segments per request where the API takes lists (0: the engine's default)
    parallel: int = 1  # requests (runs of a command) at once
    source: str = ""  # the engine's code for Chinese (default: zh, ZH)
    target: str = ""  # the engine's code for the catalog's language (default: from the catalog)
    prompt: str = ""  # the prompt's text (LLM engines): the package's, or the project's override
    key: str = field(default="", compare=False, repr=False)  # from the environment only; never shown


class Limiter:
    """At most ``rate`` request starts per second."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next = 0.0
        self.lock = threading.Lock()

    def wait(self) -> None:
        with self.lock:
            now = time.monotonic()
            if now < self.next:
                time.sleep(self.next - now)
                now = self.next
            self.next = now + self.interval


class _Clock:
    """The deadline of one request, over all its reads: a server that sends a byte now and then
    (never waiting as long as ``timeout`` between two) would otherwise hold the run for ever."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.timer: threading.Timer | None = None

    def start(self) -> None:
        self.timer = threading.Timer(self.seconds, self.expire)
        self.timer.daemon = True
        self.timer.start()

    def expire(self) -> None:
        self.expired = True
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # the blocked read returns at once

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.cancel()


def _timed(base: type[http.client.HTTPConnection], clock: _Clock) -> Callable[..., http.client.HTTPConnection]:
    def connection(*args: object, **kwargs: object) -> http.client.HTTPConnection:
        made = base(*args, **kwargs)  # type: ignore[arg-type]
        connect = made.connect

        def timed_connect() -> None:
            connect()
            clock.sockets.append(made.sock)

        made.connect = timed_connect  # type: ignore[method-assign]
        return made

    return connection


class _TimedHTTP(urllib.request.HTTPHandler):
    def __init__(self, clock: _Clock) -> None:
        super().__init__()
        self.clock = clock

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_timed(http.client.HTTPConnection, self.clock), req)  # type: ignore[arg-type]


class _TimedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, clock: _Clock) -> None:
        super().__init__()
        self.clock = clock

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_timed(http.client.HTTPSConnection, self.clock), req)  # type: ignore[arg-type]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # the 3xx is raised as an HTTPError and reported


def shown_url(url: str) -> str:
    """``url`` without user and password, as messages show it."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_url(url: str, *, what: str = "--mt-url") -> str:
    """``url`` without a trailing slash; only http and https are requested (never file: or ftp:)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EngineError(
            f"{what} must be an http:// or https:// address, not {shown_url(url)!r}",
            hint="e.g. --mt-url http://127.0.0.1:8080/v1",
        )
    return url.rstrip("/")


class Engine:
    """An engine: ``translate`` a batch of requests into as many translations, in order.

    Subclasses set ``name``, ``batch`` (segments per request; 1 where the API takes one text),
    ``context_fields`` (which of title, before and after reach the engine, hence the cache key)
    and implement ``send``. The HTTP helper ``post`` is shared.
    """

    name = "engine"
    batch = 1
    context_fields: tuple[str, ...] = ()
    key_variable = ""  # the engine's usual environment variable for its key

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.limiter = Limiter(settings.rate)
        self.requests = 0  # sent, retries included (a report figure)
        self.counting = threading.Lock()

    @property
    def model(self) -> str:
        return self.settings.model

    @property
    def label(self) -> str:
        """The engine and model as comments and reports name them."""
        return f"{self.name} ({self.model})" if self.model else f"{self.name} (the server's default model)"

    @property
    def batch_size(self) -> int:
        return self.settings.batch if self.settings.batch > 0 and self.batch > 1 else self.batch

    def identity(self) -> list[str]:
        """What, besides the request, decides the answer: part of each cache key. Without a model
        name, the server stands for its model: another server may answer otherwise."""
        return [self.name, self.model or shown_url(self.settings.url), self.settings.source, self.settings.target]

    def translate(self, requests: Sequence[Request], target: str) -> list[str]:
        """Translations of ``requests`` into ``target`` (the catalog's language), in order."""
        answers = self.send(requests, target)
        if len(answers) != len(requests):
            raise EngineError(f"{self.name} answered {len(answers)} translations for {len(requests)} segments")
        for answer in answers:
            if not isinstance(answer, str) or not answer.strip():
                raise EngineError(f"{self.name} answered an empty translation", hint="check the engine and its model")
        return [a.strip() for a in answers]

    def send(self, requests: Sequence[Request], target: str) -> list[str]:
        raise NotImplementedError

    def count(self) -> None:
        with self.counting:  # batches may be sent from several threads (parallel)
            self.requests += 1

    # ------------------------------------------------------------------ HTTP

    def redact(self, text: str) -> str:
        key = self.settings.key
        return text.replace(key, "[key]") if key else text

    def post(self, url: str, body: Mapping[str, object], headers: Mapping[str, str]) -> object:
        """POST ``body`` as JSON to ``url``; the decoded JSON answer. 429 and 5xx are retried."""
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        attempt = 0
        while True:
            self.limiter.wait()
            request = urllib.request.Request(url, data=data, method="POST")
            request.add_header("Content-Type", "application/json")
            request.add_header("Accept", "application/json")
            request.add_header("User-Agent", "aligner")
            for name, value in headers.items():
                request.add_header(name, value)
            self.count()
            clock = _Clock(self.settings.timeout)
            opener = urllib.request.build_opener(_NoRedirect, _TimedHTTP(clock), _TimedHTTPS(clock))
            clock.start()
            try:
                with opener.open(request, timeout=self.settings.timeout) as response:
                    raw = response.read(MAX_ANSWER + 1)
                if clock.expired:
                    raise TimeoutError
            except urllib.error.HTTPError as exc:
                status, detail, wait = exc.code, self._detail(exc), _retry_after(exc.headers.get("Retry-After"))
                exc.close()
                if status in RETRIED and attempt < self.settings.retries and wait <= MAX_WAIT:
                    time.sleep(wait if wait >= 0 else BACKOFF * 2**attempt)
                    attempt += 1
                    continue
                raise self._http_error(url, status, detail, attempt) from None
            except TimeoutError:
                raise self._timeout(url) from None
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError) or clock.expired:
                    raise self._timeout(url) from None
                reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
                raise EngineError(
                    f"cannot reach {self.name} at {shown_url(url)}: {self.redact(str(reason))}",
                    hint="check --mt-url and that the server is running",
                ) from None
            except OSError as exc:
                if clock.expired:  # the deadline cut the connection: that, not what it left, is the error
                    raise self._timeout(url) from None
                raise EngineError(
                    f"{self.name} at {shown_url(url)} broke the connection: {self.redact(exc.strerror or str(exc))}",
                    hint="check the server and run again (what was received is kept)",
                ) from None
            except http.client.HTTPException as exc:  # not HTTP at all: a status line or length that is garbage
                if clock.expired:
                    raise self._timeout(url) from None
                raise EngineError(
                    f"{self.name} at {shown_url(url)} answered something that is not HTTP"
                    f" ({type(exc).__name__}: {_quote(self.redact(str(exc)))})",
                    hint="check that --mt-url points to the engine's API",
                ) from None
            finally:
                clock.stop()
            if len(raw) > MAX_ANSWER:
                raise EngineError(f"{self.name} answered more than {MAX_ANSWER:,} bytes", path=shown_url(url))
            try:
                return json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise self.malformed(f"not JSON: {_quote(self.redact(raw.decode('utf-8', 'replace')))}") from None

    def malformed(self, what: str) -> EngineError:
        return EngineError(
            f"{self.name} answered malformed JSON ({what})",
            hint="check that --mt-url points to the engine's API",
        )

    def _timeout(self, url: str) -> EngineError:
        return EngineError(
            f"{self.name} at {shown_url(url)} did not answer within {self.settings.timeout:g} s",
            hint="check the server, or raise timeout in [tool.aligner.mt]",
        )

    def _detail(self, exc: urllib.error.HTTPError) -> str:
        try:
            raw = exc.read(64 * 1024)
        except (OSError, http.client.HTTPException):
            return ""
        text = raw.decode("utf-8", "replace")
        try:
            message = self.error_message(json.loads(text))
        except ValueError:
            message = None
        return self.redact(_quote(message if message else text.strip()))

    def error_message(self, body: object) -> str | None:
        """The message of an error body as the API documents it."""
        return None

    def _http_error(self, url: str, status: int, detail: str, retries: int) -> EngineError:
        said = f": {detail}" if detail else ""
        after = f" after {retries} retr{'y' if retries == 1 else 'ies'}" if retries else ""
        if status in (401, 403):
            variables = " or ".join(v for v in ("ALIGNER_MT_KEY", self.key_variable) if v)
            return EngineError(
                f"{self.name} refused the request (HTTP {status}){said}",
                hint=f"check the key in {variables}",
            )
        if 300 <= status < 400:
            return EngineError(
                f"{self.name} at {shown_url(url)} answered a redirect (HTTP {status})",
                hint="give the final address as --mt-url",
            )
        return EngineError(
            f"{self.name} at {shown_url(url)} answered HTTP {status}{after}{said}",
            hint="check the engine; run again to go on (what was received is kept)",
        )


def _retry_after(value: str | None) -> float:
    """Seconds a ``Retry-After`` header asks for (-1: none, or a form not understood)."""
    if not value:
        return -1.0
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return -1.0


def _quote(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= SHOWN else one[: SHOWN - 1] + "…"
