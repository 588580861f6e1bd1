"""Prompts are data files (`prompts/*.md`: front matter + Jinja2 body), rendered strictly.

A prompt declares its variables; rendering with a missing or an unexpected one is an error, so a renamed
variable can never silently produce an empty prompt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from tutor.settings import PROJECT_ROOT

PROMPTS_DIR = PROJECT_ROOT / "prompts"

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


class PromptError(ValueError):
    """A prompt file is malformed or was rendered with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    name: str
    description: str
    variables: tuple[str, ...]
    template: jinja2.Template

    def render(self, **values: Any) -> str:
        given, declared = set(values), set(self.variables)
        if given != declared:
            missing, extra = sorted(declared - given), sorted(given - declared)
            raise PromptError(f"prompt « {self.name} » : variables manquantes {missing}, en trop {extra}")
        try:
            return self.template.render(**values).strip()
        except jinja2.UndefinedError as exc:
            raise PromptError(f"prompt « {self.name} » : {exc}") from exc


def parse_prompt(name: str, text: str) -> Prompt:
    if not text.startswith("---\n"):
        raise PromptError(f"prompt « {name} » : en-tête YAML absent")
    header, _, body = text[4:].partition("\n---\n")
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise PromptError(f"prompt « {name} » : en-tête YAML invalide ({exc.__class__.__name__})") from exc
    variables = meta.get("variables")
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise PromptError(f"prompt « {name} » : « variables » doit être une liste de noms")
    try:
        template = _ENV.from_string(body)
    except jinja2.TemplateSyntaxError as exc:
        raise PromptError(f"prompt « {name} », ligne {exc.lineno} : {exc.message}") from exc
    return Prompt(name, str(meta.get("description", "")), tuple(variables), template)


@cache
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / f"{name}.md"
    if not path.exists():
        raise PromptError(f"prompt « {name} » introuvable ({path})")
    return parse_prompt(name, path.read_text(encoding="utf-8"))
