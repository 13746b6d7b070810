"""LibreTranslate: ``POST {url}/translate`` with ``q`` as a list of segments.

Its API takes the text, the two languages, the format and the key (``api_key`` in the body):
no terms and no context, so none are sent. Terms are checked on what comes back instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.mt.base import Engine, Request

DEFAULT_URL = "http://127.0.0.1:5000"


class LibreTranslate(Engine):
    name = "libretranslate"
    batch = 25
    key_variable = "LT_API_KEY"

    def send(self, requests: Sequence[Request], target: str) -> list[str]:
        body: dict[str, object] = {
            "q": [r.text for r in requests],
            "source": self.settings.source or "zh",
            "target": self.settings.target or target.replace("_", "-").split("-")[0].lower(),
            "format": "text",
        }
        if self.settings.key:
            body["api_key"] = self.settings.key
        answer = self.post(f"{self.settings.url or DEFAULT_URL}/translate", body, {})
        texts = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(texts, str) and len(requests) == 1:
            texts = [texts]  # a server that answers a list of one with the string form
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise self.malformed("no translatedText list")
        return texts

    def error_message(self, body: object) -> str | None:
        if isinstance(body, dict) and isinstance(body.get("error"), str):
            return body["error"]
        return None
