"""Chat models: the only module that talks to a model server (Ollama, llama.cpp via xllamacpp, OpenAI-compatible).

Every backend streams text pieces and turns its own failures into `LLMUnavailable` with a French message
that says what to do, so callers never see a transport exception.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import httpx

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class BackendStatus:
    """Which backend answers and why: shown by `tutor doctor` and the web app's status line."""

    backend: str  # ollama | embedded | openai | none
    model: str
    reason: str  # French


class LLMUnavailable(RuntimeError):
    """The model cannot answer now; the message is one French line saying what to do."""


class ChatModel(Protocol):
    backend: str
    model: str

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float, schema: dict | None = None
    ) -> Iterator[str]:
        """Text pieces as they come; with `schema` (JSON Schema), the server constrains the output to it."""
        ...


def complete(
    chat: ChatModel,
    messages: Sequence[Message],
    *,
    max_tokens: int,
    temperature: float = 0.0,
    schema: dict | None = None,
) -> str:
    return "".join(chat.stream(messages, max_tokens=max_tokens, temperature=temperature, schema=schema))


# --- Ollama -------------------------------------------------------------------------------------------------


def _tagged(name: str) -> str:
    return name if ":" in name else f"{name}:latest"


class OllamaChat:
    """Ollama through langchain-ollama; `probe` asks /api/tags whether the model is there."""

    backend = "ollama"

    def __init__(self, host: str, model: str, *, timeout: float) -> None:
        self.host, self.model, self.timeout = host.rstrip("/"), model, timeout

    def probe(self) -> str | None:
        """None when the server serves the model, else the French reason it cannot be used."""
        try:
            response = httpx.get(f"{self.host}/api/tags", timeout=min(self.timeout, 3.0))
            response.raise_for_status()
            names = {_tagged(m.get("name") or m.get("model", "")) for m in response.json().get("models", [])}
        except (httpx.HTTPError, ValueError):
            return f"serveur Ollama injoignable à {self.host} (lancez « ollama serve »)"
        if _tagged(self.model) not in names:
            return f"modèle « {self.model} » absent d'Ollama : lancez « ollama pull {self.model} »"
        return None

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float, schema: dict | None = None
    ) -> Iterator[str]:
        from langchain_ollama import ChatOllama
        from ollama import ResponseError

        chat = ChatOllama(
            model=self.model,
            base_url=self.host,
            temperature=temperature,
            num_predict=max_tokens,
            format=schema,
            client_kwargs={"timeout": self.timeout},
        )
        try:
            for piece in chat.stream([(m.role, m.content) for m in messages]):
                if piece.content:
                    yield str(piece.content)
        except ResponseError as exc:
            if exc.status_code == 404:
                raise LLMUnavailable(
                    f"Modèle « {self.model} » absent d'Ollama : lancez « ollama pull {self.model} »."
                ) from exc
            raise LLMUnavailable(f"Ollama a refusé la requête ({exc.status_code}) : {exc.error}") from exc
        except (ConnectionError, httpx.HTTPError) as exc:
            raise LLMUnavailable(
                f"Serveur Ollama injoignable à {self.host} : lancez « ollama serve » ou changez de moteur."
            ) from exc


# --- OpenAI-compatible (llama.cpp server, LM Studio, vLLM, and our embedded server) -----------------------------


class OpenAIChat:
    """`/v1/chat/completions` with server-sent events, over plain httpx (no SDK, no tokenizer downloads)."""

    def __init__(
        self, base_url: str, model: str, *, timeout: float, api_key: str | None = None, backend: str = "openai"
    ) -> None:
        self.base_url, self.model, self.timeout, self.api_key = base_url.rstrip("/"), model, timeout, api_key
        self.backend = backend

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def probe(self) -> str | None:
        try:
            httpx.get(f"{self.base_url}/models", headers=self._headers(), timeout=3.0).raise_for_status()
        except httpx.HTTPError:
            return f"serveur compatible OpenAI injoignable à {self.base_url}"
        return None

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float, schema: dict | None = None
    ) -> Iterator[str]:
        body: dict = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": True,
        }
        if schema is not None:
            body["response_format"] = {"type": "json_schema", "json_schema": {"name": "reponse", "schema": schema}}
        try:
            with httpx.stream(
                "POST", f"{self.base_url}/chat/completions", json=body, headers=self._headers(), timeout=self.timeout
            ) as response:
                if response.status_code >= 400:
                    response.read()
                    raise LLMUnavailable(
                        f"Le serveur de modèle a refusé la requête ({response.status_code}) : {response.text[:200]}"
                    )
                for line in response.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        break
                    choices = json.loads(data).get("choices") or [{}]
                    piece = (choices[0].get("delta") or {}).get("content")
                    if piece:
                        yield piece
        except httpx.TimeoutException as exc:
            raise LLMUnavailable(f"Le modèle n'a pas répondu en {self.timeout:.0f} s.") from exc
        except httpx.HTTPError as exc:
            raise LLMUnavailable(f"Serveur de modèle injoignable à {self.base_url}.") from exc


# --- Embedded: llama.cpp in-process through xllamacpp, serving the OpenAI API on 127.0.0.1 ------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class EmbeddedServer:
    """Starts the llama.cpp server on first use (about 5 s), on loopback only, and keeps it for the process."""

    model_path: Path
    threads: int = 2
    context_tokens: int = 4096
    _server: object | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def base_url(self) -> str:
        with self._lock:
            if self._server is None:
                self._server = self._start()
            return f"{self._server.listening_address}/v1"

    def _start(self) -> object:
        if not self.model_path.exists():
            raise LLMUnavailable(f"Modèle de langage absent ({self.model_path}) : lancez « tutor models ».")
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = str(self.model_path)
        params.hostnames = ["127.0.0.1"]
        params.port = free_port()
        params.n_ctx = self.context_tokens
        params.n_parallel = 1
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        params.verbosity = -1
        try:
            return xllamacpp.Server(params)
        except Exception as exc:  # the C++ side reports any load failure as a bare exception
            raise LLMUnavailable(f"Le modèle intégré n'a pas pu démarrer : {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._server = None  # the server stops when the object is freed


class EmbeddedChat:
    """Qwen2.5-Coder-1.5B-Instruct run in-process: no server for the user to install."""

    backend = "embedded"

    def __init__(self, server: EmbeddedServer, *, timeout: float) -> None:
        self.server, self.timeout = server, timeout
        self.model = server.model_path.stem

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float, schema: dict | None = None
    ) -> Iterator[str]:
        client = OpenAIChat(self.server.base_url(), self.model, timeout=self.timeout, backend=self.backend)
        yield from client.stream(messages, max_tokens=max_tokens, temperature=temperature, schema=schema)


# --- Fake, for fast tests -------------------------------------------------------------------------------------


@dataclass
class FakeChatModel:
    """Queued replies, streamed word by word; records every prompt in `history`."""

    replies: list[str] = field(default_factory=list)
    history: list[tuple[Message, ...]] = field(default_factory=list)
    schemas: list[dict | None] = field(default_factory=list)
    backend: str = "fake"
    model: str = "fake"
    error: LLMUnavailable | None = None

    def enqueue(self, *replies: str) -> FakeChatModel:
        self.replies.extend(replies)
        return self

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float, schema: dict | None = None
    ) -> Iterator[str]:
        self.history.append(tuple(messages))
        self.schemas.append(schema)
        if self.error is not None:
            raise self.error
        reply = self.replies.pop(0) if self.replies else "Je ne trouve pas cela dans mes documents."
        words = reply.split(" ")
        for index, word in enumerate(words):
            yield word if index == len(words) - 1 else word + " "
