"""Production calculators: the worked figures of the sheets, and one-line French errors on impossible data."""

import pytest

from tutor.shop import production
from tutor.shop.calc import CalcError


def test_oee_from_rates_multiplies_the_three_rates():
    assert production.oee_from_rates(0.9, 0.8, 0.95).value == pytest.approx(68.4)


def test_oee_from_times_gives_each_rate_and_the_trs():
    d, p, q, trs = production.oee_from_times(480, 72, 2, 180, 9)  # the TPM sheet's worked example
    assert (d.value, q.value) == (pytest.approx(85.0), pytest.approx(95.0))
    assert p.value == pytest.approx(360 / 408 * 100)
    assert trs.value == pytest.approx(71.25)
    assert "342 / 480" in trs.lines[-1]


@pytest.mark.parametrize(
    "args, message",
    [
        ((480, 500, 2, 100, 0), "arrêts invalides"),
        ((480, 0, 2, 100, 101), "rebuts invalides"),
        ((480, 60, 5, 100, 0), "données incohérentes"),  # 500 min of cycles in 420 min
    ],
)
def test_oee_from_times_refuses_impossible_shifts(args, message):
    with pytest.raises(CalcError, match=message):
        production.oee_from_times(*args)


def test_taylor_life_at_a_lower_speed():
    assert production.taylor_life(15, 200, 160, 0.25).value == pytest.approx(15 * 1.25**4)


def test_taylor_speed_is_the_inverse_of_taylor_life():
    speed = production.taylor_speed(15, 200, 30, 0.25).value
    assert production.taylor_life(15, 200, speed, 0.25).value == pytest.approx(30)


def test_taylor_refuses_an_exponent_outside_zero_one():
    with pytest.raises(CalcError, match="exposant de Taylor invalide"):
        production.taylor_life(15, 200, 160, 4)


def test_part_cost_adds_the_tool_share():
    result = production.part_cost(60, 4.5, 9, 2, 40)
    assert result.value == pytest.approx(4.5 + 9 / 80)
    assert production.part_cost(60, 4.5).value == pytest.approx(4.5)


def test_thermal_expansion_of_steel_over_ten_degrees():
    result = production.thermal_expansion(100, production.EXPANSION["acier"], 10, "acier")
    assert result.value == pytest.approx(0.0115)
    assert "11,5 µm" in result.lines[-1]


def test_thermal_expansion_needs_a_temperature_difference():
    with pytest.raises(CalcError, match="écart de température"):
        production.thermal_expansion(100, 11.5, 0)
