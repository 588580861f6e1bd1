from pathlib import Path

import pytest
from pydantic import ValidationError

from tutor.settings import load_settings


def test_toml_then_environment(tmp_path: Path, monkeypatch):
    config = tmp_path / "tutor.toml"
    config.write_text('search_k = 8\nchunk_max_chars = 900\nchroma_url = "http://127.0.0.1:9000"\n')
    monkeypatch.setenv("TUTOR_CONFIG", str(config))
    monkeypatch.setenv("TUTOR_SEARCH_K", "3")
    settings = load_settings()
    assert settings.search_k == 3  # environment wins over the file
    assert settings.chunk_max_chars == 900
    assert settings.chroma_url == "http://127.0.0.1:9000"


def test_defaults_and_paths(monkeypatch, tmp_path):
    monkeypatch.setenv("TUTOR_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "h"))
    settings = load_settings()
    assert settings.index_dir == tmp_path / "h" / "index"
    assert settings.embedding_dir == tmp_path / "h" / "models" / "multilingual-e5-small"
    assert settings.chroma_url is None


def test_unknown_key_and_bad_value_refused(tmp_path, monkeypatch):
    config = tmp_path / "tutor.toml"
    config.write_text("serch_k = 3\n")
    monkeypatch.setenv("TUTOR_CONFIG", str(config))
    with pytest.raises(ValidationError):
        load_settings()
    monkeypatch.setenv("TUTOR_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TUTOR_SEARCH_K", "0")
    with pytest.raises(ValidationError):
        load_settings()
