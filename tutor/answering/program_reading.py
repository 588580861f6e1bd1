"""A program pasted in a question: answered by the G-code checker and explainer, never by the model.

The model would paraphrase a few blocks and miss the error on line 40; the checker reads every block.
"""

from __future__ import annotations

from tutor.gcode.explain import explain, summary_lines
from tutor.prompts import load_prompt

MAX_FINDINGS = 8
MAX_LINES = 12


def read_program(text: str) -> str:
    """The summary, the errors and warnings first, then what the first blocks do, in French."""
    explanation = explain(text)
    report = explanation.report
    ordered = sorted(report.findings, key=lambda f: (f.severity != "error", f.line))
    findings = [
        {"line": f.line, "message": f.message, "hint": f.hint} for f in ordered if f.severity in ("error", "warning")
    ]
    described = [line for line in explanation.lines if line.explanation]
    lines = [{"text": line.text.strip(), "explanation": line.explanation} for line in described[:MAX_LINES]]
    return load_prompt("program").render(
        summary=summary_lines(report.summary),
        findings=findings[:MAX_FINDINGS],
        lines=lines,
        more=max(0, len(described) - MAX_LINES),
    )
