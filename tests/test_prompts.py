"""Prompt files: every one parses, and rendering is strict about its variables."""

import pytest

from tutor.prompts import PROMPTS_DIR, PromptError, load_prompt, parse_prompt


@pytest.mark.parametrize("path", sorted(PROMPTS_DIR.glob("*.md")), ids=lambda p: p.stem)
def test_every_prompt_file_parses_and_is_french(path):
    prompt = load_prompt(path.stem)
    assert prompt.description and prompt.variables is not None
    assert any(word in prompt.template.render(**dict.fromkeys(prompt.variables, [])) for word in ("les", "des", "de"))


def test_missing_or_extra_variable_is_an_error():
    prompt = parse_prompt("t", "---\nvariables: [question]\n---\nQ : {{ question }}")
    assert prompt.render(question="G41 ?") == "Q : G41 ?"
    with pytest.raises(PromptError, match="manquantes \\['question'\\]"):
        prompt.render()
    with pytest.raises(PromptError, match="en trop \\['other'\\]"):
        prompt.render(question="x", other="y")


def test_undeclared_variable_in_the_body_fails_at_render():
    prompt = parse_prompt("t", "---\nvariables: []\n---\n{{ oops }}")
    with pytest.raises(PromptError, match="oops"):
        prompt.render()


def test_malformed_files():
    with pytest.raises(PromptError, match="en-tête"):
        parse_prompt("t", "no header")
    with pytest.raises(PromptError, match="variables"):
        parse_prompt("t", "---\nvariables: question\n---\nx")
    with pytest.raises(PromptError, match="ligne"):
        parse_prompt("t", "---\nvariables: []\n---\n{% for %}")


def test_answer_prompt_numbers_sources():
    text = load_prompt("answer_user").render(
        sources=[{"n": 1, "title": "G41", "section": "Règle", "page": None, "text": "La correction..."}],
        question="Pourquoi ?",
        shape="",
    )
    assert "[1] G41 — Règle\nLa correction..." in text and text.index("[1]") < text.index("« Pourquoi ? »")
