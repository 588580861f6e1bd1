"""Which model writes the answers: Ollama, the embedded llama.cpp model, an OpenAI-compatible server, or none.

The choice follows the settings; `auto` takes the first that can answer and says why in its status line.
"""

from __future__ import annotations

from typing import assert_never

from tutor.answering.llm import BackendStatus, ChatModel, EmbeddedChat, EmbeddedServer, OllamaChat, OpenAIChat
from tutor.provision import LLM_FILE
from tutor.settings import Settings

Backend = str  # auto | ollama | embedded | openai | none


def choose_chat(settings: Settings, backend: Backend | None = None) -> tuple[ChatModel | None, BackendStatus]:
    """Pick the chat model: `auto` tries Ollama (if it serves the model), then the embedded model, then none."""
    choice = backend or settings.llm_backend
    embedded_path = settings.models_dir / LLM_FILE
    match choice:
        case "none":
            return None, BackendStatus("none", "", "mode extractif demandé : passages cités, sans génération")
        case "ollama":
            chat = OllamaChat(settings.ollama_host, settings.ollama_model, timeout=settings.llm_timeout_s)
            problem = chat.probe()
            return chat, BackendStatus("ollama", settings.ollama_model, problem or f"Ollama à {settings.ollama_host}")
        case "openai":
            if not settings.openai_base_url:
                return None, BackendStatus(
                    "none", "", "moteur openai demandé sans TUTOR_OPENAI_BASE_URL : mode extractif"
                )
            chat = OpenAIChat(
                settings.openai_base_url,
                settings.openai_model,
                timeout=settings.llm_timeout_s,
                api_key=settings.openai_api_key,
            )
            problem = chat.probe()
            return chat, BackendStatus(
                "openai", settings.openai_model, problem or f"serveur {settings.openai_base_url}"
            )
        case "embedded":
            server = EmbeddedServer(embedded_path, settings.llm_threads, settings.llm_context_tokens)
            chat = EmbeddedChat(server, timeout=settings.llm_timeout_s)
            reason = "modèle intégré (llama.cpp, sur ce PC)"
            if not embedded_path.exists():
                reason = f"modèle intégré absent ({embedded_path}) : lancez « tutor models »"
            return chat, BackendStatus("embedded", chat.model, reason)
        case "auto":
            ollama = OllamaChat(settings.ollama_host, settings.ollama_model, timeout=settings.llm_timeout_s)
            problem = ollama.probe()
            if problem is None:
                return ollama, BackendStatus("ollama", settings.ollama_model, f"Ollama répond à {settings.ollama_host}")
            if embedded_path.exists():
                chat, status = choose_chat(settings, "embedded")
                return chat, BackendStatus(status.backend, status.model, f"{problem} ; {status.reason}")
            return None, BackendStatus(
                "none", "", f"{problem} ; modèle intégré absent (lancez « tutor models ») : mode extractif"
            )
        case _:
            assert_never(choice)
