"""Chat backends over real HTTP against small fake servers: wire format, streaming, French errors."""

import pytest
from fake_servers import Recorder, serve

from tutor.answering.llm import FakeChatModel, LLMUnavailable, Message, OllamaChat, OpenAIChat, complete, free_port
from tutor.backends import choose_chat

MESSAGES = [Message("system", "Règles"), Message("user", "Question ?")]


def test_ollama_streams_ndjson_and_sends_the_messages():
    recorder = Recorder(words=["La ", "formule ", "[1]."])
    with serve(recorder) as url:
        chat = OllamaChat(url, "qwen2.5:3b", timeout=10)
        assert chat.probe() is None
        pieces = list(chat.stream(MESSAGES, max_tokens=50, temperature=0.1))
    assert pieces == ["La ", "formule ", "[1]."]
    path, body = recorder.requests[-1]
    assert path == "/api/chat"
    assert body["model"] == "qwen2.5:3b" and body["stream"] is True
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["messages"][1]["content"] == "Question ?"
    assert body["options"]["num_predict"] == 50


def test_ollama_missing_model_says_which_pull_to_run():
    with serve(Recorder(models=["llama3:8b"])) as url:
        chat = OllamaChat(url, "qwen2.5:3b", timeout=10)
        assert "ollama pull qwen2.5:3b" in chat.probe()
        with pytest.raises(LLMUnavailable, match="ollama pull qwen2.5:3b"):
            list(chat.stream(MESSAGES, max_tokens=5, temperature=0))


def test_ollama_unreachable_is_a_french_message():
    chat = OllamaChat(f"http://127.0.0.1:{free_port()}", "qwen2.5:3b", timeout=5)
    assert "injoignable" in chat.probe()
    with pytest.raises(LLMUnavailable, match="ollama serve"):
        list(chat.stream(MESSAGES, max_tokens=5, temperature=0))


def test_openai_compatible_streams_server_sent_events():
    recorder = Recorder(words=["Réponse", " [2]"])
    with serve(recorder) as url:
        chat = OpenAIChat(f"{url}/v1", "local", timeout=10, api_key="secret")
        assert chat.probe() is None
        assert complete(chat, MESSAGES, max_tokens=20) == "Réponse [2]"
    path, body = recorder.requests[-1]
    assert path == "/v1/chat/completions" and body["stream"] is True and body["max_tokens"] == 20


def test_openai_server_error_is_reported():
    with serve(Recorder(status=500)) as url, pytest.raises(LLMUnavailable, match="refusé la requête \\(500\\)"):
        complete(OpenAIChat(f"{url}/v1", "local", timeout=10), MESSAGES, max_tokens=5)


def test_openai_unreachable():
    chat = OpenAIChat(f"http://127.0.0.1:{free_port()}/v1", "local", timeout=5)
    with pytest.raises(LLMUnavailable, match="injoignable"):
        complete(chat, MESSAGES, max_tokens=5)


def test_fake_chat_model_queues_and_records():
    fake = FakeChatModel().enqueue("un deux trois")
    assert list(fake.stream(MESSAGES, max_tokens=5, temperature=0)) == ["un ", "deux ", "trois"]
    assert fake.history == [tuple(MESSAGES)]


def test_auto_prefers_ollama_when_it_serves_the_model(settings_for):
    with serve(Recorder()) as url:
        chat, status = choose_chat(settings_for(ollama_host=url, llm_backend="auto"))
    assert status.backend == "ollama" and isinstance(chat, OllamaChat)


def test_auto_falls_back_to_embedded_then_none(settings_for, tmp_path):
    down = f"http://127.0.0.1:{free_port()}"
    chat, status = choose_chat(settings_for(ollama_host=down, llm_backend="auto"))
    assert chat is None and status.backend == "none"
    assert "injoignable" in status.reason and "tutor models" in status.reason
    settings = settings_for(ollama_host=down, llm_backend="auto")
    settings.models_dir.mkdir(parents=True)
    (settings.models_dir / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf").write_bytes(b"")
    chat, status = choose_chat(settings)
    assert status.backend == "embedded" and chat.backend == "embedded"


def test_explicit_backends(settings_for):
    assert choose_chat(settings_for(), "none")[1].backend == "none"
    chat, status = choose_chat(settings_for(openai_base_url=None), "openai")
    assert chat is None and "TUTOR_OPENAI_BASE_URL" in status.reason


SCHEMA = {"type": "object", "properties": {"stem": {"type": "string"}}, "required": ["stem"]}


def test_structured_output_is_asked_of_both_wire_formats():
    recorder = Recorder(words=['{"stem": "Q ?"}'])
    with serve(recorder) as url:
        assert complete(OllamaChat(url, "qwen2.5:3b", timeout=10), MESSAGES, max_tokens=50, schema=SCHEMA)
        assert recorder.requests[-1][1]["format"] == SCHEMA
        assert complete(OpenAIChat(f"{url}/v1", "local", timeout=10), MESSAGES, max_tokens=50, schema=SCHEMA)
        assert recorder.requests[-1][1]["response_format"]["json_schema"]["schema"] == SCHEMA
