"""Unit conversions: each unit to the metric one of its quantity, and never between two quantities."""

import pytest

from tutor.shop import units
from tutor.shop.calc import CalcError


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (1, "in", "mm", 25.4),
        (25.4, "mm", "in", 1),
        (2, "pouces", "mm", 50.8),
        (1000, "SFM", "m/min", 304.8),
        (200, "m/min", "sfm", 656.168),
        (0.01, "ipr", "mm/tr", 0.254),
        (0.2, "mm/tr", "IPR", 0.007874),
        (100, "ipm", "mm/min", 2540),
        (-1.5, "in", "mm", -38.1),
    ],
)
def test_convert(value, source, target, expected):
    assert units.convert(value, source, target).value == pytest.approx(expected, rel=1e-5)


def test_convert_errors():
    assert units.convert(1, "in", "mm").formula == "1 in = 25,4 mm"
    with pytest.raises(CalcError, match="^unité inconnue « yard » \\(connues : mm, in, m/min"):
        units.convert(1, "yard", "mm")
    with pytest.raises(CalcError, match="^conversion impossible de in en m/min : grandeurs différentes$"):
        units.convert(1, "in", "m/min")
