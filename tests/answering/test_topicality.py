"""The topic check: the question's rare words must be in the passages, not only near them."""

from tutor.answering.topicality import TopicJudge
from tutor.documents import Chunk


def chunk(n: int, section: str, text: str) -> Chunk:
    return Chunk(f"c{n}", f"d{n}", text, f"Fiche {n}", "fiche", "h", section)


CORPUS = [
    chunk(1, "Vibrations en alésage", "La barre d'alésage broute quand elle sort trop : vibrations, broutement."),
    chunk(2, "Ajustements", "H7/k6 pour une bague de roulement montée serrée sur l'arbre."),
    chunk(3, "Alésoir", "L'alésoir finit un trou H7 après perçage."),
    chunk(4, "Codes G", "G98 et G99 choisissent le plan de retrait des cycles."),
    *[chunk(10 + n, f"Pièce {n}", "La pièce et l'outil sur la machine.") for n in range(20)],
]


def judge(**kwargs) -> TopicJudge:
    return TopicJudge(lambda: CORPUS, **kwargs)


def test_passages_holding_the_subject_are_on_topic():
    result = judge().judge("ça broute en alésage", [CORPUS[0], CORPUS[2]])
    assert result.on_topic and result.best == 0 and result.coverage == 1.0


def test_near_but_not_about_it_is_off_topic_and_names_what_is_missing():
    result = judge().judge("Ça broute en finition d'alésage, je change quoi ?", [CORPUS[1], CORPUS[3]])
    assert not result.on_topic and "broute" in result.missing


def test_common_and_unknown_words_weigh_nothing():
    weights = judge().weights("la pièce broute sur la machine zorglub")
    assert set(weights) == {"brout"}


def test_the_expander_adds_the_corpus_words():
    plain = judge().judge("chatter in my boring bar", [CORPUS[0]])
    expanded = judge(expand=lambda q: q + " (vibrations, broutement)").judge("chatter in my boring bar", [CORPUS[0]])
    assert expanded.on_topic and expanded.coverage >= plain.coverage


def test_words_foreign_to_the_corpus_are_counted_for_french_questions_only():
    assert judge().unknown_share("comment fraiser le bord d'une tarte aux pommes") >= 0.5
    assert judge().unknown_share("la barre d'alésage broute") == 0.0
    assert judge().unknown_share("my bike chain keeps skipping, how do I fix the derailleur?") == 0.0


def test_how_people_ask_is_not_the_subject():
    """« je prends quoi », « veut dire », « le chef » are rare in the sheets but say nothing of the subject."""
    corpus = [*CORPUS, chunk(5, "Prendre", "Le chef prend et veut dire ce qu'il prend.")]
    weights = TopicJudge(lambda: corpus).weights("Pour un alésoir H7, je prends quoi ? Le chef veut savoir.")
    assert set(weights) == {"alesoir"}
