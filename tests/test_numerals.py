import pytest

from akapen.numerals import parse_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("１２", 12),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("百", 100),
        ("百五", 105),
        ("五百六十二", 562),
        ("千二百", 1200),
        ("一二", 12),
        ("二〇", 20),
        ("一万二千", 12000),
        ("〇", 0),
    ],
)
def test_numerals(text: str, value: int) -> None:
    assert parse_int(text) == value


@pytest.mark.parametrize("text", ["", "◯", "十二条", "a", "二二十"])
def test_not_numerals(text: str) -> None:
    assert parse_int(text) is None
