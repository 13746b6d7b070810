"""DeepL: ``POST {url}/v2/translate`` with ``text`` as a list, the key in ``Authorization: DeepL-Auth-Key``.

DeepL's glossaries live on its servers and are named by id; the terms of a batch go instead in
the ``context`` parameter (context that influences the translation and is not translated, nor
billed), with the document's title. ``--mt-model`` is passed as ``model_type``.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.mt.base import Engine, EngineError, Request, Settings

FREE_URL = "https://api-free.deepl.com"
PRO_URL = "https://api.deepl.com"


def target_code(language: str) -> str:
    """DeepL's code for a catalog language: en -> EN-US (EN alone is deprecated), en_GB -> EN-GB."""
    parts = language.replace("_", "-").split("-")
    base = parts[0].upper()
    region = parts[1].upper() if len(parts) > 1 else ""
    if base == "EN":
        return f"EN-{region if region in ('GB', 'US') else 'US'}"
    if base == "PT":
        return f"PT-{region if region in ('PT', 'BR') else 'PT'}"
    return base


def batch_context(requests: Sequence[Request]) -> str:
    """The title and the terms of the batch, as DeepL's ``context``."""
    lines = []
    title = next((r.title for r in requests if r.title), "")
    if title:
        lines.append(title)
    terms: dict[str, str] = {}
    for request in requests:
        for source, targets in request.terms:
            terms.setdefault(source, targets[0])
    lines.extend(f"{source} ({english})" for source, english in terms.items())
    return "\n".join(lines)


class DeepL(Engine):
    name = "deepl"
    batch = 25
    key_variable = "DEEPL_AUTH_KEY"
    context_fields = ("title",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        if not settings.key:
            raise EngineError("deepl needs a key", hint="set DEEPL_AUTH_KEY (or ALIGNER_MT_KEY) in the environment")

    def send(self, requests: Sequence[Request], target: str) -> list[str]:
        body: dict[str, object] = {
            "text": [r.text for r in requests],
            "source_lang": self.settings.source or "ZH",
            "target_lang": self.settings.target or target_code(target),
        }
        context = batch_context(requests)
        if context:
            body["context"] = context
        if self.model:
            body["model_type"] = self.model
        # Free keys end in :fx and are served by another host.
        url = self.settings.url or (FREE_URL if self.settings.key.endswith(":fx") else PRO_URL)
        answer = self.post(f"{url}/v2/translate", body, {"Authorization": f"DeepL-Auth-Key {self.settings.key}"})
        items = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(items, list) or not all(
            isinstance(i, dict) and isinstance(i.get("text"), str) for i in items
        ):
            raise self.malformed("no translations[].text")
        return [i["text"] for i in items]

    def error_message(self, body: object) -> str | None:
        if isinstance(body, dict) and isinstance(body.get("message"), str):
            detail = body.get("detail")
            return body["message"] + (f" ({detail})" if isinstance(detail, str) and detail else "")
        return None
