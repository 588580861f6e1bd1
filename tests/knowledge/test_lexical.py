import numpy as np

from tutor.knowledge.lexical import FrenchAnalyzer, LexicalIndex, fold


def test_fold_keeps_diameter_sign():
    assert fold("Réglage ÉTAU Ø20") == "reglage etau ø20"


def test_codes_kept_whole_and_normalised():
    tokens = FrenchAnalyzer().tokens("G01 puis G41 D01, M06 T0101, alésage Ø20 H7, plaquette CNMG120408, f=0,2")
    for token in ("g1", "g41", "d01", "m6", "t0101", "ø20", "h7", "cnmg120408", "0.2"):
        assert token in tokens


def test_stopwords_dropped_and_words_stemmed():
    analyzer = FrenchAnalyzer()
    assert analyzer.tokens("les alésages") == analyzer.tokens("alésage")
    assert "de" not in analyzer.tokens("vitesse de coupe")


def test_g1_matches_g01():
    index = LexicalIndex(["interpolation linéaire G01 avance F", "perçage G81", "arrosage M08"])
    assert index.search("que fait G1", 3)[0][0] == 0
    assert index.search("M8", 3)[0][0] == 2


def test_mask_filters_and_zero_scores_dropped():
    index = LexicalIndex(["taraudage G84", "taraudage rigide", "fraisage"])
    assert [i for i, _ in index.search("taraudage", 3, mask=np.array([False, True, True]))] == [1]
    assert index.search("inconnu", 3) == []


def test_empty_index():
    assert LexicalIndex([]).search("G41", 5) == []


def test_small_numbers_spelled_out_match_digits():
    analyzer = FrenchAnalyzer()
    assert analyzer.tokens("cinq normales") == analyzer.tokens("5 normales")
    assert analyzer.tokens("trois mors") == analyzer.tokens("3 mors")
    assert "9" not in analyzer.tokens("un programme neuf")


def test_saved_index_read_without_bm25s_scores_like_bm25s(tmp_path):
    texts = [
        "Vitesse de coupe Vc en m/min pour l'acier, plaquette CNMG120408 en tournage.",
        "Alésage Ø20 H7 : alésoir machine, avance f=0,2 mm/tr, lubrification abondante.",
        "G01 interpolation linéaire, G02 et G03 circulaires ; G41 compensation à gauche.",
        "Rugosité Ra 1,6 en finition : rayon de bec et avance, Ra ≈ f²/(32 r).",
        "Vibrations (ça broute) : réduire le porte-à-faux, baisser la vitesse, augmenter l'avance.",
    ] * 7
    built = LexicalIndex(texts)
    built.save(tmp_path)
    loaded = LexicalIndex.load(tmp_path)
    analyzer = FrenchAnalyzer()
    for query in ("vitesse de coupe acier", "G1 G41", "ça broute vitesse vitesse", "Ø20 H7 alésoir", "inconnu zzz"):
        tokens = analyzer.tokens(query)
        expected = built._bm25.get_scores(tokens) if any(t in built._bm25.vocab_dict for t in tokens) else None
        got = loaded._bm25.get_scores(tokens)
        if expected is None:
            assert not got.any()
        else:
            np.testing.assert_array_equal(got, expected)
        assert loaded.search(query, 5) == built.search(query, 5)
