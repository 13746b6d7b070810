"""An OpenAI-compatible server: ``POST {url}/chat/completions``, one completion per segment.

OpenAI itself, and the local servers that speak its API (llama.cpp's ``llama-server``, vLLM,
Ollama, LM Studio). The system message is the prompt (``prompt.txt`` in this package, or the
project's own) with the segment's required terms and its context (the document's title, the
previous and next segment); the user message is the segment; the answer is the message content.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Template

from aligner.mt.base import Engine, EngineError, Request

DEFAULT_URL = "https://api.openai.com/v1"
# Language names for the prompt; another code is named as it is written.
LANGUAGES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "ru": "Russian", "ar": "Arabic",
    "ja": "Japanese", "ko": "Korean", "pt": "Portuguese", "it": "Italian", "vi": "Vietnamese",
}  # fmt: skip


def language_name(code: str) -> str:
    base = code.replace("-", "_").split("_")[0].lower()
    return LANGUAGES.get(base, code)


def system_message(template: str, request: Request, target: str) -> str:
    """The prompt for ``request``: its terms as required renderings, its context, the language."""
    terms = ""
    if request.terms:
        lines = []
        for source, targets in request.terms:
            others = f" (also accepted: {', '.join(targets[1:])})" if len(targets) > 1 else ""
            lines.append(f"- {source} → {targets[0]}{others}")
        terms = "\nRequired renderings of terms (use exactly these):\n" + "\n".join(lines) + "\n"
    context = ""
    if request.context:
        context = "\nContext (do not translate):\n" + request.context + "\n"
    text = Template(template).safe_substitute(target=language_name(target), terms=terms, context=context)
    return text.strip() + "\n"


def without_reasoning(content: str) -> str:
    """The answer without the ``<think>...</think>`` block that reasoning models (Qwen3, DeepSeek-R1)
    served by llama.cpp or Ollama put before it in the content."""
    stripped = content.lstrip()
    if stripped.startswith("<think>"):
        end = stripped.find("</think>")
        return stripped[end + len("</think>") :] if end >= 0 else ""
    return content


class OpenAI(Engine):
    name = "openai"
    batch = 1  # the API completes one conversation per request
    context_fields = ("title", "before", "after")
    key_variable = "OPENAI_API_KEY"

    def identity(self) -> list[str]:
        from aligner import cache

        return [*super().identity(), cache.digest(self.settings.prompt.encode("utf-8"))]

    def send(self, requests: Sequence[Request], target: str) -> list[str]:
        return [self._one(request, target) for request in requests]

    def _one(self, request: Request, target: str) -> str:
        body = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": system_message(self.settings.prompt, request, target)},
                {"role": "user", "content": request.text},
            ],
            "temperature": 0,
        }
        headers = {"Authorization": f"Bearer {self.settings.key}"} if self.settings.key else {}
        answer = self.post(f"{self.settings.url or DEFAULT_URL}/chat/completions", body, headers)
        try:
            choice = answer["choices"][0]  # type: ignore[index]
            content = choice["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise self.malformed("no choices[0].message.content") from None
        if not isinstance(content, str):
            raise self.malformed("the message content is not text")
        content = without_reasoning(content)
        if choice.get("finish_reason") == "length":
            raise EngineError(
                f"{self.name} cut the translation short (finish_reason: length)",
                hint="give the model a larger context or output limit",
            )
        return content

    def error_message(self, body: object) -> str | None:
        # {"error": {"message": ..., "type": ..., "param": ..., "code": ...}}; some servers send a string.
        if isinstance(body, dict):
            error = body.get("error")
            if isinstance(error, dict) and isinstance(error.get("message"), str):
                return error["message"]
            if isinstance(error, str):
                return error
        return None
