"""Typed settings: defaults, then `tutor.toml`, then `TUTOR_*` environment variables (highest)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
E5_DIR_NAME = "multilingual-e5-small"  # the embedding model's folder under models/, written by tutor.provision


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TUTOR_", extra="forbid", frozen=True)

    home: Path = Field(
        default=PROJECT_ROOT / "data",
        description="Data directory: models, index, uploads. Never committed.",
    )
    corpus_dir: Path = Field(
        default=PROJECT_ROOT / "corpus", description="Built-in corpus indexed by `tutor ingest` with no path."
    )
    embedding_model: Path | None = Field(
        default=None,
        description="A sentence-transformers directory; default: the provisioned multilingual-e5-small.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="http://host:port of a Chroma server (`chroma run`); default: a persistent index in `home`.",
    )
    collection: str = Field(default="tutor", description="Chroma collection name.")
    chunk_max_chars: int = Field(
        default=1200, ge=200, description="Largest chunk, in characters (chosen by the retrieval eval)."
    )
    chunk_overlap_chars: int = Field(
        default=150, ge=0, description="Overlap when a long section must be cut, in characters."
    )
    max_file_mb: float = Field(default=50.0, gt=0, description="Files larger than this are skipped.")
    search_k: int = Field(default=5, ge=1, le=50, description="Passages returned by a search.")
    candidates: int = Field(default=40, ge=5, description="Candidates taken from each retriever before fusion.")
    rrf_k: int = Field(
        default=10,
        ge=1,
        description="Reciprocal rank fusion constant (10 beat 20 and 60 on the eval set, see make bench).",
    )
    dense_weight: float = Field(default=1.0, ge=0, description="Weight of the dense ranking in the fusion.")
    lexical_weight: float = Field(default=1.0, ge=0, description="Weight of the BM25 ranking in the fusion.")
    max_per_doc: int = Field(
        default=0, ge=0, description="At most this many passages of one document in a result list (0: no cap)."
    )
    embed_batch: int = Field(
        default=64, ge=1, description="Passages embedded and stored per batch: a killed ingestion loses one at most."
    )

    llm_backend: Literal["auto", "ollama", "embedded", "openai", "none"] = Field(
        default="auto",
        description="Who writes answers. auto: Ollama if it serves the model, else the embedded model, else none.",
    )
    ollama_host: str = Field(
        default_factory=lambda: _ollama_host(os.environ.get("OLLAMA_HOST")),
        description="Ollama server URL (default: $OLLAMA_HOST, else http://127.0.0.1:11434).",
    )
    ollama_model: str = Field(default="qwen2.5:3b", description="Model asked of Ollama.")
    openai_base_url: str | None = Field(
        default=None, description="Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1."
    )
    openai_model: str = Field(default="local", description="Model name sent to the OpenAI-compatible server.")
    openai_api_key: str | None = Field(default=None, description="Bearer key for that server, if it wants one.")
    llm_timeout_s: float = Field(default=180.0, gt=0, description="Longest wait for a model reply, in seconds.")
    llm_threads: int = Field(default=2, ge=1, description="CPU threads of the embedded model.")
    llm_slots: int = Field(
        default=1, ge=1, le=16, description="Questions answered at once; the others wait their turn, fairly by user."
    )
    llm_context_tokens: int = Field(default=4096, ge=1024, description="Context window of the embedded model.")
    llm_max_tokens: int = Field(default=400, ge=16, description="Longest answer, in tokens.")
    llm_temperature: float = Field(default=0.1, ge=0, le=2, description="Sampling temperature (low: factual).")
    answer_sources: int = Field(default=4, ge=1, le=10, description="Passages given to the model for one answer.")
    answer_source_chars: int = Field(
        default=600, ge=200, description="Each passage is cut to this many characters in the prompt (speed on CPU)."
    )
    min_support: float = Field(
        default=0.83,
        ge=0,
        le=1,
        description="Below this cosine similarity of the best passage, the tutor says it does not know "
        "(calibrated on the eval set by `python -m evals.calibrate`).",
    )
    min_support_english: float = Field(
        default=0.80,
        ge=0,
        le=1,
        description="The same threshold for a question written in English: its cosine to French passages runs "
        "0.02 to 0.03 lower (the blind sets' English questions: 0.81 at the lowest; the out-of-scope ones are "
        "refused by the scope filter first).",
    )
    answer_quotes: int = Field(
        default=3,
        ge=0,
        le=5,
        description="Each answer opens with this many sentences of the retrieved passages, the closest to the "
        "question, quoted with their [n] before the model writes (0: none).",
    )
    scope_filter: bool = Field(
        default=True,
        description="Refuse questions about other subjects (cooking, health...) with a classifier trained on "
        "corpus/scope/ before searching.",
    )
    scope_recall: float = Field(
        default=0.98,
        gt=0.5,
        lt=1,
        description="Share of the in-domain training questions the scope filter must let through (cross-validated).",
    )
    server_host: str = Field(default="127.0.0.1", description="Address the web app listens on.")
    server_port: int = Field(default=7860, ge=1, le=65535, description="Port of the web app.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get("TUTOR_CONFIG", PROJECT_ROOT / "tutor.toml"))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file))

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def embedding_dir(self) -> Path:
        return self.embedding_model or self.models_dir / E5_DIR_NAME


def _ollama_host(value: str | None) -> str:
    """OLLAMA_HOST may be a bare host:port, as Ollama itself accepts."""
    if not value:
        return "http://127.0.0.1:11434"
    return value if "://" in value else f"http://{value}"


def load_settings(**overrides: object) -> Settings:
    """Read settings now (never at import time), with explicit overrides on top."""
    return Settings(**overrides)
