"""An inline SVG line chart of weekly pain, with the program's pain zones shaded: for the report.

No external assets, no plotting library: a few hundred bytes of SVG per series, readable in any
browser and printable. Gaps (weeks without sessions) break the lines.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from session.program import PainZone

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 110, 12, 34

ZONE_FILLS = ("#d9f2d9", "#fff0c2", "#f9d6d5")
"""Safe, acceptable, too much (the stop zone is always the last colour)."""


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    color: str
    values: Sequence[int | None]
    dash: str = ""


def _x(i: int, n: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * i / (n - 1) if n > 1 else span / 2)


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (10 - value) / 10


def _zone_fill(zone: PainZone, index: int) -> str:
    if zone.stops:
        return ZONE_FILLS[2]
    return ZONE_FILLS[min(index, 1)]


def _bands(zones: Sequence[PainZone]) -> list[str]:
    parts: list[str] = []
    for i, z in enumerate(sorted(zones, key=lambda z: z.low)):
        top, bottom = _y(min(z.high + 0.5, 10)), _y(max(z.low - 0.5, 0))
        parts.append(
            f'<rect x="{LEFT}" y="{top:.1f}" width="{WIDTH - LEFT - RIGHT}" '
            f'height="{bottom - top:.1f}" fill="{_zone_fill(z, i)}"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT + 6}" y="{(top + bottom) / 2 + 4:.1f}" '
            f'font-size="11" fill="#555">{escape(z.label)} {z.low}-{z.high}</text>'
        )
    return parts


def _axes(days: Sequence[dt.date]) -> list[str]:
    parts = [
        f'<line x1="{LEFT}" y1="{_y(0)}" x2="{WIDTH - RIGHT}" y2="{_y(0)}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{_y(0)}" x2="{LEFT}" y2="{_y(10)}" stroke="#333"/>',
    ]
    for v in range(0, 11, 2):
        parts.append(
            f'<text x="{LEFT - 6}" y="{_y(v) + 4:.1f}" font-size="11" text-anchor="end">{v}</text>'
        )
    n = len(days)
    every = max(1, math.ceil((n - 1) / 7))
    for i in range(0, n, every):
        x = _x(i, n)
        parts.append(
            f'<line x1="{x:.1f}" y1="{_y(0)}" x2="{x:.1f}" y2="{_y(0) + 4}" stroke="#333"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{_y(0) + 17}" font-size="11" text-anchor="middle">'
            f"{days[i]:%d %b %y}</text>"
        )
    parts.append(
        f'<text x="14" y="{_y(5):.1f}" font-size="11" transform="rotate(-90 14 {_y(5):.1f})" '
        'text-anchor="middle">pain 0-10</text>'
    )
    return parts


def _line(series: Series, n: int) -> list[str]:
    parts: list[str] = []
    run: list[str] = []
    dots: list[str] = []

    def flush() -> None:
        if len(run) > 1:
            dash = f' stroke-dasharray="{series.dash}"' if series.dash else ""
            parts.append(
                f'<polyline fill="none" stroke="{series.color}" stroke-width="2"{dash} '
                f'points="{" ".join(run)}"/>'
            )
        run.clear()

    for i, v in enumerate(series.values):
        if v is None:
            flush()
            continue
        point = f"{_x(i, n):.1f},{_y(v):.1f}"
        run.append(point)
        if n <= 60:
            x, y = point.split(",")
            dots.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{series.color}"/>')
    flush()
    return parts + dots


def _legend(series: Sequence[Series]) -> list[str]:
    parts: list[str] = []
    x = LEFT
    y = HEIGHT - 4
    for s in series:
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}" stroke="{s.color}" '
            f'stroke-width="2"{dash}/>'
        )
        parts.append(f'<text x="{x + 22}" y="{y}" font-size="11">{escape(s.label)}</text>')
        x += 30 + 7 * len(s.label)
    return parts


def pain_chart(
    days: Sequence[dt.date], series: Sequence[Series], zones: Sequence[PainZone], title: str
) -> str:
    """An SVG chart: one point per day in `days` for each series, zones shaded behind."""
    body = [*_bands(zones), *_axes(days)]
    for s in series:
        body.extend(_line(s, len(days)))
    body.extend(_legend(series))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )
