"""Grounded answers: route, retrieve, judge support and topic, quote the closest sentence, prompt with numbered
sources and the answer shape of the question's type, stream, tidy, map [n] to citations.

The answer is refused without asking the model when the best passage is too far from the question
(threshold calibrated on the eval set): a small local model answers from its own memory far too readily.
Passages near the question but not about it get an honest « nothing precise on that » with the closest
topics. A troubleshooting question whose symptom is in the guide is answered from the guide itself (its two
lists), and a pasted program by the G-code checker: no model writes those.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from tutor.answering.citations import (
    Citation,
    attribute,
    citations_from,
    drop_echoes,
    focus,
    resolve_markers,
)
from tutor.answering.evidence import Evidence, Similarity, best_sentences, clip
from tutor.answering.figures import keep_supported
from tutor.answering.guard import Guarded, guard
from tutor.answering.llm import ChatModel, LLMUnavailable, Message, complete
from tutor.answering.routing import Route, knowledge_part, pasted_program
from tutor.answering.tidy import tidy
from tutor.answering.topicality import Topicality
from tutor.documents import Chunk, Hit
from tutor.knowledge.glossary import asks_for_term, looks_english
from tutor.knowledge.lexical import fold
from tutor.knowledge.troubleshooting import Advice, after_the_fact, read_passage, same_operation
from tutor.prompts import load_prompt
from tutor.shop.numeric import NumericAnswer

REFUSAL = "Je ne trouve pas cela dans mes documents."
# The form the rules show the model; a small model sometimes recites it as its answer, so it is dropped like an
# echoed question (seen: a threading question answered with this spindle-speed example).
FORM_EXAMPLE = "On calcule N = 1000 × Vc / (π × D) [1]. Pour Vc = 200 m/min et D = 50 mm, N ≈ 1273 tr/min [1]."
_REFUSAL_START = re.compile(r"^\W*je (ne )?trouve pas", re.IGNORECASE)

Search = Callable[[str, int, str | None], list[Hit]]
Calculator = Callable[[str], NumericAnswer | None]
InScope = Callable[[str], bool]
RouteOf = Callable[[str], Route]
JudgeTopic = Callable[[str, Sequence[Chunk]], Topicality]
ReadProgram = Callable[[str], str]  # a pasted program -> the checker's and explainer's answer, in French

# Operation words: a troubleshooting question naming none also gets the guide's entries for the other operations
_OPERATION_WORDS = re.compile(
    r"\b(tour|tourn\w*|chariot\w*|dress\w*|fraise\w*|fraisag\w*|fraiseuse|centre d.usinage|perc\w*|for[eê]t|"
    r"taraud\w*|al[eé]s\w*|filet\w*|tron[cç]onn\w*|gorge|rainur\w*|lathe|mill\w*|drill\w*|tap\w*|bor\w*|"
    r"thread\w*|turning|facing|grooving|parting|rectif\w*|mandrin|mors|contre.?pointe|lunette|chuck|tailstock|"
    r"etau|vise)\b",
    re.IGNORECASE,
)


def _rules() -> str:
    """The model's fixed rules (prompts/answer_system.md), given to it and checked against what it writes."""
    return load_prompt("answer_system").render(refusal=REFUSAL, example=FORM_EXAMPLE)


def _preferred(question: str, entries: Sequence[Advice]) -> int | None:
    """The guide entry to answer when it is not the closest: the one for what the question asks to do after the
    fact (« comment je le sors ? »), else the one for the operation it names (« en finition d'alésage »)."""
    folded = fold(question)
    wordings = [fold(f"{e.symptom}\n{' '.join(e.said)}") for e in entries]
    chosen = after_the_fact(folded, wordings)
    return chosen if chosen is not None else same_operation(folded, [(fold(e.symptom), e.operations) for e in entries])


def for_model(question: str, hits: Sequence[Hit], citations: Sequence[Citation]) -> list[Citation]:
    """The model's sources: the glossary's passage left out when two others remain and the question does not ask
    for a word. The search already used the glossary to expand the question and its lines only translate: in
    blind-4's answers, two English questions were answered from its definitions (« sweep a bore » read as
    drilling). Quotes and cards keep it: without a model it gave facts (3 blind answers of 635 lost without it)."""
    kept = [c for h, c in zip(hits, citations, strict=True) if h.chunk.kind != "glossaire"]
    if len(kept) == len(citations) or len(kept) < 2 or asks_for_term(question):
        return list(citations)
    return kept


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str


@dataclass(frozen=True)
class Answer:
    text: str
    supported: bool
    citations: tuple[Citation, ...]
    backend: str
    question: str  # the standalone question actually searched
    kind: str = ""  # the question's type (tutor.answering.routing.QUESTION_TYPES), "" when not routed

    def as_json(self) -> dict:
        """The stable shape of `tutor ask --json`."""
        return {
            "answer": self.text,
            "supported": self.supported,
            "citations": [c.as_json() for c in self.citations],
            "backend": self.backend,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Retrieved:
    """First event: what was found, so a UI can show the sources while the answer streams."""

    question: str
    citations: tuple[Citation, ...]
    kind: str = ""  # the question's type, so a UI can show the answer's shape before it streams


@dataclass(frozen=True)
class Delta:
    text: str
    generated: bool = True  # False for text the tutor wrote itself (the quoted sentence), not the model


@dataclass(frozen=True)
class Done:
    answer: Answer


Event = Retrieved | Delta | Done


@dataclass(frozen=True)
class AnswerPolicy:
    sources: int = 4
    source_chars: int = 700  # the excerpt of a passage: its card, the quotes, the model's longest source
    # What the model reads of each source, by rank: the first holds the fact most often. On two cores every
    # 60 tokens of prompt is one more second before the first word (4 x 600 characters: 15 s). These hold the
    # fact as often as (700, 500, 350, 250) on the 345 answered questions of the first two blind sets (303),
    # in 126 characters less. Empty: the whole excerpt.
    prompt_chars: tuple[int, ...] = (600, 450, 300, 200)
    min_support: float = 0.83
    min_support_english: float = 0.80  # English against French passages: cosines 0.02-0.03 lower
    guide_rank: int = 2  # a troubleshooting question: the guide's closest symptom at this rank at worst; 0: off
    max_tokens: int = 400
    temperature: float = 0.1
    quotes: int = 3  # lead with the passages' closest sentences, quoted (see tutor.answering.evidence); 0: none
    passage_first: bool = True  # with a model: the closest passage's excerpt first, then quotes of the others
    routed: bool = True  # shape the answer by the question's type (False: the answer of before, for the bench)
    topic_check: bool = True  # say so when the passages are not about the question
    tidy: bool = True  # clean the model's text (tutor.answering.tidy)
    figures_checked: bool = True  # drop model sentences whose figure no source gives (tutor.answering.figures)
    guard: bool = True  # cut orders to the model out of the question (tutor.answering.guard)
    # Give the model the answer shape of the question's type (prompts/shape_*.md). Off by default: the 1.5B
    # model echoed the instruction or wrote empty lists with it (bench-llm: 50 % against 63 % without).
    model_shapes: bool = False


def supported_by(hits: Sequence[Hit], threshold: float) -> bool:
    best = max((h.dense_score for h in hits if h.dense_score is not None), default=None)
    if best is None:  # lexical-only retrieval: no absolute score, trust the model's own refusal
        return bool(hits)
    return best >= threshold


class Answerer:
    """Turns a question (and the conversation so far) into a stream of events ending with an `Answer`."""

    def __init__(
        self,
        search: Search,
        chat: ChatModel | None,
        policy: AnswerPolicy | None = None,
        calculator: Calculator | None = None,
        in_scope: InScope | None = None,
        similarity: Similarity | None = None,
        router: RouteOf | None = None,
        topic: JudgeTopic | None = None,
        read_program: ReadProgram | None = None,
        guide: Callable[[str], Sequence[Hit]] | None = None,  # the guide's closest entries, best first
    ) -> None:
        self.search, self.chat, self.policy, self.calculator = search, chat, policy or AnswerPolicy(), calculator
        self.guide = guide
        self.in_scope, self.similarity = in_scope, similarity
        self.router, self.topic, self.read_program = router, topic, read_program

    @property
    def backend(self) -> str:
        return self.chat.backend if self.chat is not None else "none"

    def ask(self, question: str, history: Sequence[Turn] = (), *, capacity: str | None = None) -> Answer:
        for event in self.stream(question, history, capacity=capacity):
            if isinstance(event, Done):
                return event.answer
        raise AssertionError("stream ended without an answer")

    def route(self, question: str) -> Route | None:
        return self.router(question) if self.router is not None and self.policy.routed else None

    def stream(self, question: str, history: Sequence[Turn] = (), *, capacity: str | None = None) -> Iterator[Event]:
        """The answer's events; an order slipped into the question (tutor.answering.guard) is cut out first, and the
        reader told so above the answer."""
        guarded = guard(question) if self.policy.guard and not pasted_program(question) else Guarded(question, ())
        if not guarded.removed:
            yield from self._stream(question, history, capacity)
            return
        notice = load_prompt("guarded").render(removed=list(guarded.removed)).strip() + "\n\n"
        yield Delta(notice, generated=False)
        for event in self._stream(guarded.question, history, capacity):
            if isinstance(event, Done):
                event = Done(replace(event.answer, text=notice + event.answer.text))
            yield event

    def _stream(self, question: str, history: Sequence[Turn], capacity: str | None) -> Iterator[Event]:
        raw, question = question.strip(), " ".join(question.split())  # raw keeps a pasted program's lines
        if not question:
            text = "Posez une question sur l'usinage, la programmation, le contrôle ou le CQPM."
            yield Done(Answer(text, False, (), self.backend, ""))
            return
        route = self.route(raw)
        if route is not None and route.is_program and self.read_program is not None:
            text = self.read_program(route.program)
            yield Retrieved(raw, (), "gcode")
            yield Delta(text, generated=False)
            yield Done(Answer(text, True, (), "vérificateur G-code", raw, "gcode"))
            return
        standalone = self.standalone(question, history)
        if standalone != question:  # a follow-up (« et pour l'inox ? ») is routed as the question it stands for
            route = self.route(standalone)
        kind = route.kind if route is not None else ""
        computed = self.calculator(standalone) if self.calculator else None
        shape, prefix = self._shape(kind), ""
        if computed is not None:  # numbers come from the calculators, never from the model
            part = knowledge_part(standalone) if route is not None else ""
            if not part and route is not None and route.kind != "calcul":
                # A value named in a question that asks something else (« Ø20 H7 : quand préférer l'alésoir ? »):
                # the computed value, then the answer to the question itself. On blind-5 the calculator alone
                # answered that comparison with the tolerance of H7.
                part = standalone
            if not part:
                sources = self._formula_source(standalone, computed)
                text = computed.text + ("\n\n" + load_prompt("formula_source").render() if sources else "")
                yield Retrieved(standalone, sources, "calcul")
                yield Delta(text, generated=False)
                yield Done(Answer(text, True, sources, "calculateur", standalone, "calcul"))
                return
            yield Retrieved(standalone, (), "calcul")
            yield Delta(computed.text, generated=False)
            kind, shape, prefix = "calcul", load_prompt("shape_calcul").render(part=part), computed.text + "\n\n"
            yield Delta("\n\n", generated=False)
        if self.in_scope is not None and not self.in_scope(standalone):
            yield from self._refuse(standalone, prefix, kind)
            return
        hits = self.search(standalone, self.policy.sources, capacity)
        threshold = self.policy.min_support_english if looks_english(standalone) else self.policy.min_support
        if not supported_by(hits, threshold):
            yield from self._refuse(standalone, prefix, kind)
            return
        citations = citations_from(hits, self.policy.source_chars, standalone)
        judged = self._judge(standalone, hits)
        if judged is not None and not judged.on_topic:
            yield from self._off_topic(standalone, citations, judged, prefix, kind)
            return
        if kind == "depannage" and not prefix:
            hits = self._with_guide(standalone, hits)
            citations = citations_from(hits, self.policy.source_chars, standalone)
            answered = yield from self._from_guide(standalone, hits, citations)
            if answered:
                return
        yield Retrieved(standalone, citations, kind)
        passage, evidence = self._evidence(standalone, citations)
        lead = prefix + (
            load_prompt("evidence").render(passage=passage, quotes=evidence).strip() + "\n\n"
            if evidence or passage
            else ""
        )
        if evidence or passage:
            yield Delta(lead[len(prefix) :], generated=False)
        if self.chat is None:
            yield from self._extractive(standalone, citations, self.backend, prefix=lead, kind=kind)
            return
        pieces: list[str] = []
        model_sources = for_model(standalone, hits, citations)
        try:
            for piece in self.chat.stream(
                self._messages(standalone, model_sources, shape),
                max_tokens=self.policy.max_tokens,
                temperature=self.policy.temperature,
            ):
                pieces.append(piece)
                yield Delta(piece)
        except LLMUnavailable as exc:
            yield Delta(f"\n\n{exc} ", generated=False)
            prefix = lead + "".join(pieces) + f"\n\n{exc}\n\n"
            yield from self._extractive(standalone, citations, "none", prefix=prefix, kind=kind)
            return
        written = "".join(pieces).strip()
        rules = _rules().splitlines()
        said = [standalone, shape, *rules, *FORM_EXAMPLE.split(" [1]. "), *(e.text for e in (*evidence, *passage))]
        new = drop_echoes(
            written, [x for x in said if x]
        )  # not what the reader has read, nor the rules (a blind-6 answer recited them)
        if self.policy.tidy:
            new = tidy(new, [h for c in citations for h in (c.title, c.section)])
        if self.policy.figures_checked:
            new = keep_supported(
                new, [standalone, prefix, *(c.excerpt for c in model_sources), *(e.text for e in evidence)]
            )
        if _REFUSAL_START.match(written) or not (lead or new):
            text = prefix + load_prompt("refusal").render(refusal=REFUSAL)
            yield Done(Answer(text, bool(prefix), (), self.backend, standalone, kind))
            return
        body = attribute(new, [c.excerpt for c in citations])
        text, cited = resolve_markers((lead + body).strip(), len(citations))
        chosen = tuple(citations[n - 1] for n in cited) if cited else citations
        yield Done(Answer(text, True, chosen, self.backend, standalone, kind))

    def _evidence(
        self, question: str, citations: Sequence[Citation]
    ) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
        """What the answer opens with: the closest passage's excerpt then the best sentences of the others when a
        model writes (on blind-6, the first excerpt and two quotes held every fact for 34 questions of 120, three
        quotes for 18; the model then only adds to it); without a model, quotes, as the passages follow whole."""
        quotes = self.policy.quotes
        if self.chat is None or not self.policy.passage_first or not citations or quotes < 1:
            return (), best_sentences(question, [c.excerpt for c in citations], self.similarity, count=quotes)
        top, rest = citations[0], citations[1:]
        found = best_sentences(question, [c.excerpt for c in rest], self.similarity, count=quotes - 1)
        return (Evidence(top.n, " ".join(top.excerpt.split())),), tuple(
            Evidence(rest[e.n - 1].n, e.text) for e in found
        )

    def _formula_source(self, question: str, computed: NumericAnswer) -> tuple[Citation, ...]:
        """The passage that states the method the calculator applied: a computed figure keeps a source the
        technician can open, like every other figure. None when no passage is close enough."""
        hits = self.search(f"{computed.calculator} : formule et exemple chiffré. {question}", 1, None)
        if not hits or not supported_by(hits, self.policy.min_support):
            return ()
        return citations_from(hits[:1], self.policy.source_chars, question)

    def _shape(self, kind: str) -> str:
        if not kind or kind == "calcul" or not self.policy.model_shapes:
            return ""
        return load_prompt(f"shape_{kind}").render()

    def _judge(self, question: str, hits: Sequence[Hit]) -> Topicality | None:
        if self.topic is None or not self.policy.topic_check or not self.policy.routed:
            return None
        return self.topic(question, [h.chunk for h in hits])

    def _off_topic(
        self, question: str, citations: Sequence[Citation], judged: Topicality, prefix: str, kind: str
    ) -> Iterator[Event]:
        """Nothing precise on it: say so, name the closest topics (cited, so they stay one click away)."""
        if prefix:
            yield from self._refuse(question, prefix, kind)
            return
        nearest = {}
        for c in citations:
            nearest.setdefault((c.title, c.section), c)
        topics = [{"n": c.n, "title": c.title, "section": c.section} for c in list(nearest.values())[:3]]
        text = load_prompt("off_topic").render(missing=list(judged.missing[:2]), topics=topics)
        yield Retrieved(question, tuple(citations), kind)
        yield Delta(text, generated=False)
        yield Done(Answer(text, False, tuple(citations), self.backend, question, kind))

    def _with_guide(self, question: str, hits: Sequence[Hit]) -> list[Hit]:
        """The guide's closest symptom among the passages: told in shop words (« ça voile après le
        retournement »), a symptom often ranks below sheets that share the question's words."""
        closest = self.guide(question) if self.guide is not None and self.policy.guide_rank else []
        entries = [read_passage(h.chunk.text) for h in closest]
        chosen = _preferred(question, [e for e in entries if e is not None]) if all(entries) else None
        best = closest[chosen or 0] if closest else None
        if best is None or any(h.chunk.chunk_id == best.chunk.chunk_id for h in hits[: self.policy.guide_rank]):
            return list(hits)
        rest = [h for h in hits if h.chunk.chunk_id != best.chunk.chunk_id]
        place = self.policy.guide_rank - 1
        return [*rest[:place], best, *rest[place:]][: len(hits)]

    def _from_guide(self, question: str, hits: Sequence[Hit], citations: Sequence[Citation]):
        """The guide's symptom when it is among the first three passages, holds half the question's key words and
        no passage ranked above it holds more: its two lists, cited. When the guide has the symptom for other
        operations too and the question names none, those entries are named after the lists, cited: on blind-4,
        asking « en tournage ou en fraisage ? » left two technicians without an answer where the lists were alike."""
        found: list[tuple[int, Advice]] = []
        coverage: list[float] = []
        for n, hit in enumerate(hits[:3], start=1):
            coverage.append(self.topic(question, [hit.chunk]).coverage if self.topic is not None else 1.0)
            advice = read_passage(hit.chunk.text) if hit.chunk.kind == "depannage" else None
            if advice is not None and coverage[-1] >= 0.5:
                found.append((n, advice))
        if not found:
            return False
        chosen = _preferred(question, [advice for _, advice in found])
        if chosen is not None:  # « comment je le sors ? » is answered by the extraction entry, wherever it ranks
            found.insert(0, found.pop(chosen))
        n, advice = found[0]
        if chosen is None and any(
            c > coverage[n - 1] for c in coverage[: n - 1]
        ):  # a passage ranked above says more: the model
            return False
        others: list[dict] = []
        named = bool(_OPERATION_WORDS.search(fold(question)))
        main = advice.operations[0] if advice.operations else ""
        seen = {main}
        for m, other in found[1:]:
            operation = other.operations[0] if other.operations else ""
            if coverage[m - 1] < coverage[n - 1]:  # less about the question than the entry answered: noise
                continue
            if operation == main:  # a neighbour symptom (« comment le sortir ? » beside « pourquoi il casse ? »)
                others.append({"n": m, "operation": "", "symptom": other.symptom})
            elif not named and operation not in seen:  # the same symptom in another operation
                seen.add(operation)
                others.append({"n": m, "operation": operation, "symptom": other.symptom})
        others = others[:2]
        text = load_prompt("troubleshooting").render(
            symptom=advice.symptom,
            n=n,
            causes=list(advice.causes[:6]),
            remedies=list(advice.remedies[:6]),
            operation=main if any(o["operation"] for o in others) else "",
            others=others,
        )
        cited = (citations[n - 1], *(citations[o["n"] - 1] for o in others))
        yield Retrieved(question, tuple(citations), "depannage")
        yield Delta(text, generated=False)
        yield Done(Answer(text, True, cited, "guide de dépannage", question, "depannage"))
        return True

    def prime(self) -> None:
        """Have the model read the fixed rules once (one token asked), so that the server's prompt cache already
        holds them at the first question: about 360 tokens, 7 s on two cores."""
        if self.chat is None:
            return
        system = _rules()
        with contextlib.suppress(LLMUnavailable):
            complete(self.chat, [Message("system", system), Message("user", "")], max_tokens=1)

    def standalone(self, question: str, history: Sequence[Turn]) -> str:
        """A follow-up ("et pour l'inox ?") rewritten so retrieval understands it alone."""
        if not history:
            return question
        recent = list(history)[-3:]
        if self.chat is None:
            return f"{recent[-1].question} {question}"
        prompt = load_prompt("condense").render(
            history=[Turn(t.question, t.answer[:400]) for t in recent], question=question
        )
        try:
            rewritten = complete(self.chat, [Message("user", prompt)], max_tokens=80)
        except LLMUnavailable:
            return f"{recent[-1].question} {question}"
        line = rewritten.strip().splitlines()[0].strip(" «»\"'") if rewritten.strip() else ""
        return line if 3 <= len(line) <= 400 else question

    def _messages(self, question: str, citations: Sequence[Citation], shape: str = "") -> list[Message]:
        system = _rules()
        budget = self.policy.prompt_chars
        sources = [
            {
                "n": c.n,
                "title": c.title,
                "section": c.section,
                "page": c.page,
                "text": focus(c.excerpt, question, budget[min(i, len(budget) - 1)]) if budget else c.excerpt,
            }
            for i, c in enumerate(citations)
        ]
        user = load_prompt("answer_user").render(sources=sources, question=question, shape=shape)
        return [Message("system", system), Message("user", user)]

    def _refuse(self, question: str, prefix: str = "", kind: str = "") -> Iterator[Event]:
        """The refusal; after a computed value (`prefix`), the computed answer alone."""
        if prefix:
            yield Done(Answer(prefix.strip(), True, (), "calculateur", question, kind))
            return
        text = load_prompt("refusal").render(refusal=REFUSAL)
        yield Retrieved(question, ())
        yield Delta(text, generated=False)
        yield Done(Answer(text, False, (), self.backend, question, kind))

    def _extractive(
        self, question: str, citations: Sequence[Citation], backend: str, prefix: str = "", kind: str = ""
    ) -> Iterator[Event]:
        passages = [
            {"n": c.n, "title": c.title, "section": c.section, "excerpt": clip(c.excerpt, 320)} for c in citations
        ]
        text = load_prompt("extractive").render(passages=passages)
        yield Delta(text, generated=False)
        yield Done(Answer(prefix + text, True, tuple(citations), backend, question, kind))
