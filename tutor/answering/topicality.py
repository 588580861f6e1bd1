"""Are the passages about what the question asks? A check beyond raw cosine.

Cosine says a passage is near the question; it does not say it holds the question's subject: « ça broute en
finition d'alésage » lands near passages on reamers and fits. Here the question's key words (its stems, plus
the words the lexicon and glossary add, weighted by how rare they are in the corpus) must mostly be found in
one of the best passages. Words the corpus never uses carry no weight either way (a typo, an English word
whose French the expander already added).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tutor.documents import Chunk
from tutor.knowledge.glossary import looks_english
from tutor.knowledge.lexical import FrenchAnalyzer

COMMON = 0.12  # a stem in more than this share of passages says nothing about the subject (pièce, outil...)
CAP = 4.0  # highest weight of a stem: in about 2 % of the passages or fewer, every stem counts the same
_CODE = re.compile(r"^[gm]\d{1,3}(\.\d)?$")  # G and M codes, as the analyzer writes them (g83, m06)
# How people ask, not what they ask about: rare in the sheets, so their weight was high, and a question
# such as « Ø40 H7 à mesurer, je prends quoi ? » was judged off topic for want of « prends ». Folded forms; the
# search's stopwords (faire, peut...) are already out. Not stopwords of the search: « tenir une cote » is a subject.
ASKING = frozenset(
    """
    fais font faudrait puisse puis pouvoir pourrait pourrais veut veux voulez veulent vouloir dire dit
    signifie signifient indique indiquee indiquees indiquer
    prends prendre prend prenez mets mettre met mettez tiens tient tenir partent partir plusieurs pareil
    pareils lequel laquelle lesquels chef chefs gars collegue collegues matin soir journee semaine truc trucs
    machin becane idee gagner gratter normal normale possible exactement vraiment simple simplement toujours
    jamais souvent svp merci bonjour besoin savoir sais sait voir vois trouve trouver trouvons donne donner
    utiliser utilise choisir choisit meilleur mieux bon bonne mauvais marche fonctionne arrive explique
    expliquer expliquez difference differences exemple chose choses cas moment fois alors encore deja
    quelqu personne gens aide aider tuteur tutrice prof professeur formateur formatrice patron responsable
    stagiaire apprenti demande demandent participer probleme problemes souci soucis pose poser posent
    """.split()
)


@dataclass(frozen=True)
class Topicality:
    on_topic: bool
    coverage: float  # weighted share of the question's key stems found in the best passage
    best: int  # index of that passage among those judged
    missing: tuple[str, ...]  # the question's words (as typed) that no judged passage holds, rarest first


class TopicJudge:
    def __init__(
        self,
        chunks: Callable[[], Sequence[Chunk]],
        expand: Callable[[str], str] | None = None,
        threshold: float = 0.3,
        together: float = 0.45,
        analyzer: FrenchAnalyzer | None = None,
    ) -> None:
        self.chunks, self.expand, self.threshold, self.together = chunks, expand, threshold, together
        self.analyzer = analyzer or FrenchAnalyzer()
        self._key: tuple[int, int] | None = None
        self._df: Counter[str] = Counter()
        self._n = 0
        self._asking = frozenset(t for word in ASKING for t in self.analyzer.tokens(word))

    def _frequencies(self) -> tuple[Counter[str], int]:
        chunks = self.chunks()
        key = (id(chunks), len(chunks))
        if key != self._key:
            self._df = Counter(t for c in chunks for t in set(self.analyzer.tokens(c.search_text)))
            self._n, self._key = len(chunks), key
        return self._df, self._n

    def weights(self, question: str) -> dict[str, float]:
        """Key stems of the question and their weight (inverse document frequency, capped: a rare but generic
        word such as « plusieurs » must not outweigh the subject); common and unknown ones out, and numbers too
        (« 500 pièces » is not a subject; G and M codes are). An English question counts by the French words
        its expansion adds and by its codes: its English words say nothing about French passages."""
        df, n = self._frequencies()
        expanded = self.expand(question) if self.expand else question
        if looks_english(question):
            added = expanded[len(question) :]
            stems = [t for t in self.analyzer.tokens(question) if _CODE.match(t)] + self.analyzer.tokens(added)
        else:
            stems = self.analyzer.tokens(expanded)
        weights = {}
        for stem in dict.fromkeys(stems):
            if stem in self._asking:
                continue
            count = df.get(stem, 0)
            if count and count <= COMMON * n and (stem.isalpha() or _CODE.match(stem)):
                weights[stem] = min(CAP, math.log((n + 1) / (count + 0.5)))
        return weights

    def unknown_share(self, question: str) -> float:
        """Share of the question's words (3 letters or more, after expansion) the corpus never uses: « tarte »,
        « omelette », « dérailleur » say a question is not about the trade even when « fraiser » is in it. An
        English question is all foreign words to a French corpus: 0 for it."""
        if looks_english(question):
            return 0.0
        df, _ = self._frequencies()
        text = self.expand(question) if self.expand else question
        stems = [s for s in dict.fromkeys(self.analyzer.tokens(text)) if s.isalpha() and len(s) >= 3]
        return sum(df.get(s, 0) == 0 for s in stems) / len(stems) if stems else 0.0

    def judge(self, question: str, passages: Sequence[Chunk]) -> Topicality:
        """On topic when one of the first three passages holds `threshold` of the key words' weight, or all the
        passages together hold `together` of it (a two-part question answered by two passages).

        Calibrated on `evals/` questions whose passages were right, against the passages retrieved for another
        question: (0.3, 0.45) keeps 95 % of the first and lets 6 % of the second through.
        """
        weights = self.weights(question)
        if not weights or not passages:
            return Topicality(bool(passages), 1.0 if passages else 0.0, 0, ())
        total = sum(weights.values())
        found = [set(self.analyzer.tokens(p.search_text)) for p in passages]
        shares = [sum(w for s, w in weights.items() if s in stems) / total for stems in found]
        best = max(range(min(3, len(passages))), key=lambda i: shares[i])
        anywhere = set().union(*found)
        joint = sum(w for s, w in weights.items() if s in anywhere) / total
        missing_stems = sorted((s for s in weights if s not in anywhere), key=lambda s: -weights[s])
        missing = tuple(self._as_typed(question, s) for s in missing_stems)
        on_topic = shares[best] >= self.threshold or joint >= self.together
        return Topicality(on_topic, shares[best], best, tuple(m for m in missing if m))

    def _as_typed(self, question: str, stem: str) -> str:
        """The question's own word for a stem, to name it back to the user."""
        for word in question.replace("'", " ").replace("’", " ").split():
            word = word.strip(' ,.;:!?«»()"')
            if word and self.analyzer.tokens(word) == [stem]:
                return word
        return ""
