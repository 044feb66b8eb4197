"""FIGlet fonts read and drawn here: the big text's letters, without importing pyfiglet.

pyfiglet's import costs tens of milliseconds (its command line's optparse, importlib.resources,
zipfile), paid by the first big text on screen: Today's dose, in its first frame
(bench/startup.py). Its fonts are plain files: this module reads them from pyfiglet's package
folder (found without importing it) and draws text the way FIGlet's full-width layout does, a
glyph beside the other. The fonts used (`tui.widgets.big_text.FONTS`) have that layout;
tests/tui/test_figlet.py checks every drawing against pyfiglet's own.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

GERMAN = (196, 214, 220, 228, 246, 252, 223)
"""The characters a FIGlet font holds after ASCII, in this order (Ä Ö Ü ä ö ü ß)."""


class FontError(ValueError):
    """A font file that is missing or not a FIGlet font."""


def font_file(font: str) -> Path:
    """The file of `font` among pyfiglet's fonts (.flf or .tlf)."""
    spec = importlib.util.find_spec("pyfiglet")
    if spec is None or not spec.submodule_search_locations:
        raise FontError("pyfiglet is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    for suffix in (".flf", ".tlf"):
        if (folder / f"{font}{suffix}").is_file():
            return folder / f"{font}{suffix}"
    raise FontError(f"no FIGlet font {font!r} in {folder}")


@lru_cache(maxsize=8)
def glyphs(font: str) -> dict[str, tuple[str, ...]]:
    """Each character of `font`, as its rows (hard blanks made spaces, end marks cut)."""
    lines = font_file(font).read_text(encoding="utf-8").splitlines()
    head = lines[0].split()
    if len(head) < 6 or not head[0].startswith(("flf2a", "tlf2a")):
        raise FontError(f"{font}: not a FIGlet font ({lines[0][:20]!r})")
    hardblank, height, comments = head[0][-1], int(head[1]), int(head[5])
    body = lines[1 + comments :]
    found: dict[str, tuple[str, ...]] = {}
    codes = [*range(32, 127), *GERMAN]
    at = 0
    while at + height <= len(body):
        if codes:
            code = codes.pop(0)
        else:  # a code-tagged character: "196  LATIN CAPITAL LETTER A WITH DIAERESIS"
            tag = body[at].split(maxsplit=1)
            at += 1
            try:
                code = int(tag[0], 0)
            except (IndexError, ValueError):
                break
            if at + height > len(body):
                break
        rows = body[at : at + height]
        at += height
        end = rows[-1][-1:] or "@"
        found[chr(code)] = tuple(row.rstrip(end).replace(hardblank, " ") for row in rows)
    return found


def render(text: str, font: str) -> list[str]:
    """`text` in `font`, its characters side by side (characters the font lacks are left out)."""
    table = glyphs(font)
    height = len(table[" "])
    drawn = [table[c] for c in text if c in table]
    return ["".join(glyph[row] for glyph in drawn) for row in range(height)]
