import math

import pytest

from tutor.gcode.macro import Parameters, evaluate, parameter_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1+2*3]", 7.0),
        ("[[1+2]*3]", 9.0),
        ("[#1+[#2*2.]]", 11.0),
        ("-#1", -5.0),
        ("-[#1*2]", -10.0),
        ("#<depth>", 3.5),
        ("[#<Depth> * 2]", 7.0),
        ("[SIN[30]]", 0.5),
        ("[ATAN[1]/[1]]", 45.0),
        ("[ATAN[1,1]]", 45.0),
        ("[SQRT[16]+ABS[-2]]", 6.0),
        ("[10 MOD 3]", 1.0),
        ("[2**3]", 8.0),
        ("[FIX[2.7]+FUP[2.1]+ROUND[2.5]]", 8.0),
        ("[#1 GT 4]", 1.0),
        ("##3", 5.0),  # #3 holds 1: #1
        ("#[#3+1]", 3.0),  # #2
    ],
)
def test_known_expressions_evaluated(text, expected):
    params = {"1": 5.0, "2": 3.0, "3": 1.0, "<DEPTH>": 3.5}
    assert math.isclose(evaluate(text, params), expected, abs_tol=1e-9)


@pytest.mark.parametrize("text", ["#9", "[#9+1]", "[1/0]", "[SQRT[-1]]", "[1+", "[FOO[2]]", "[1 2]", "#<nope>"])
def test_unknown_or_impossible_is_nan(text):
    assert math.isnan(evaluate(text, {"1": 5.0}))


def test_parameter_names_fold_case_and_spaces():
    assert parameter_name("#<Depth>") == parameter_name("# <DEPTH>") == "<DEPTH>"
    assert parameter_name("# 12") == "12"


def test_top_level_assignments_are_followed():
    params = Parameters()
    assert params.statement("#1=10.")
    assert params.statement("#<R>=[#1/2]")
    assert params.statement("#[#1-8]=3")  # #2
    assert params.values == {"1": 10.0, "<R>": 5.0, "2": 3.0}


def test_assignments_in_loops_conditions_and_subs_become_unknown():
    params = Parameters()
    params.statement("#1=1")
    params.statement("WHILE [#1 LT 5] DO1")
    assert not params.statement("#1=[#1+1]")
    params.statement("END1")
    assert "1" not in params.values
    params.statement("#2=4")
    params.statement("IF [#5 EQ 1] THEN #2=7")
    assert "2" not in params.values  # perhaps 4, perhaps 7
    params.statement("O100 SUB")
    params.statement("#<X>=2")
    params.statement("O100 ENDSUB")
    assert "<X>" not in params.values
    params.statement("O101 DO")
    params.statement("#3=1")
    params.statement("O101 WHILE [#3 LT 2]")  # closes the do loop
    assert params.statement("#4=2") and params.values["4"] == 2.0
