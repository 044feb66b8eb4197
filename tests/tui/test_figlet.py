"""The big text's own FIGlet drawing (tui.widgets.figlet) against pyfiglet's, for the fonts the
app uses: every printable ASCII character alone, the app's own words and numbers, and random
strings of them; both ways of trimming (`render_figlet`) agree too."""

from __future__ import annotations

import random
import string

import pyfiglet
import pytest

from tui.widgets.big_text import FONTS, render_figlet
from tui.widgets.figlet import FontError, glyphs, render

FONT_NAMES = sorted({font for font, _ in FONTS})
WORDS = ["3X15RM + 1X15", "2 X 15", "18:42", "LEFT", "RIGHT LEG", "PAUSED", "0", "15", "GO"]
random.seed(13)
RANDOM = [
    "".join(random.choices(string.printable[:95], k=random.randint(1, 14))) for _ in range(200)
]


def pyfiglet_rows(text: str, font: str) -> list[str]:
    return [
        row.rstrip() for row in pyfiglet.figlet_format(text, font=font, width=1000).splitlines()
    ]


def trimmed(rows: list[str]) -> list[str]:
    rows = [row.rstrip() for row in rows]
    while rows and not rows[-1].strip():
        rows.pop()
    while rows and not rows[0].strip():
        rows.pop(0)
    return rows


@pytest.mark.parametrize("font", FONT_NAMES)
def test_every_ascii_character_is_drawn_as_pyfiglet_draws_it(font: str) -> None:
    for char in string.printable[:95]:
        assert trimmed(render(char, font)) == trimmed(pyfiglet_rows(char, font)), repr(char)


@pytest.mark.parametrize("font", FONT_NAMES)
def test_words_and_random_strings_are_drawn_as_pyfiglet_draws_them(font: str) -> None:
    for text in [*WORDS, *RANDOM]:
        assert trimmed(render(text, font)) == trimmed(pyfiglet_rows(text, font)), repr(text)


@pytest.mark.parametrize(("font", "scale"), FONTS)
def test_the_big_texts_renderings_are_pyfiglets(font: str, scale: int) -> None:
    for text in WORDS:
        ours = render_figlet(text, font, scale)
        theirs = trimmed(pyfiglet_rows(text, font))
        wide = ["".join(c * scale for c in row) for row in theirs]
        assert list(ours) == [row for row in wide for _ in range(scale)]


def test_a_font_that_is_not_there_is_named() -> None:
    with pytest.raises(FontError, match="no_such_font"):
        glyphs("no_such_font")
