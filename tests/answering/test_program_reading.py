"""A program pasted in a question is answered by the checker and the explainer."""

from tutor.answering.program_reading import read_program

PROGRAM = "%\nO1000\nG21 G17 G40 G49 G80 G90\nT1 M06\nG54 G00 X0 Y0\nS1200 M03\nG43 H1 Z50.\nG01 Z-5. F100\n"
PROGRAM += "G02 X10. Y10. R5.\nG00 Z50.\nM30\n%"


def test_errors_first_then_block_by_block():
    text = read_program(PROGRAM)
    assert "Commande : ISO (Fanuc)" in text and "Ligne 9 : Arc G02" in text
    assert text.index("Points à corriger") < text.index("Bloc par bloc")
    assert "`G43 H1 Z50.` : Correction de longueur d'outil positive (G43)" in text


def test_a_clean_program_says_so():
    clean = PROGRAM.replace("G02 X10. Y10. R5.", "G01 X10. Y10.")
    assert "Aucune erreur ni alerte" in read_program(clean)
