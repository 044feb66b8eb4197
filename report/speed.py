"""The report's back-to-speed-work part: "is this runner ready for speed work, and why".

The readiness gate item by item (met or missing, the detail, the source), the return ladder, what
the run rule and weaning say now, running week by week beside the pain, the limb symmetry over
time and the VISA-A-based score with its marks (in HTML also as a chart). Pure text from the
pure review data (session.running); `report.physio` lays it into the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from session.running.outcome import OutcomeTrend
from session.running.plan import SpeedPlan
from session.running.review import RunWeek, SymmetryPoint
from session.running.speed_program import SpeedProgram

TABLE_WEEKS = 12
SYMMETRY_SHOWN = 8


@dataclass(frozen=True, slots=True)
class SpeedSection:
    speed: SpeedProgram
    plan: SpeedPlan
    weeks: Sequence[RunWeek]
    symmetry: Sequence[SymmetryPoint]
    trend: OutcomeTrend

    @property
    def answer(self) -> str:
        return self.plan.gate.summary()

    @property
    def ladder(self) -> str:
        steps = self.speed.ladder.steps
        ladder = self.plan.ladder
        if ladder.started:
            return (
                f"Return ladder: step {ladder.step + 1} of {len(steps)}, "
                f"{steps[ladder.step].label.lower()}. {ladder.reason}"
            )
        return f"Return ladder: not started (easy running only). {ladder.reason}"

    @property
    def now(self) -> tuple[str, ...]:
        """What the run rule and weaning say today."""
        return (*self.plan.advice.reasons, *self.plan.weaning.reasons)


def _n(value: int | None) -> str:
    return "–" if value is None else f"{value}/10"


WEEK_HEADERS = ["Week of", "Runs", "Minutes", "Longest", "Speed runs", "Pain during", "Morning"]


def _week_cells(w: RunWeek) -> list[str]:
    flare = f" ({w.flares} flare{'s' if w.flares != 1 else ''})" if w.flares else ""
    return [
        f"{w.start:%d %b %Y}",
        str(w.runs),
        f"{w.minutes:g}",
        f"{w.longest:g}",
        str(w.speed_runs),
        _n(w.peak_pain),
        _n(w.morning_pain) + flare,
    ]


SYMMETRY_HEADERS = ["Date", "Test", "Sore side", "Other side", "Symmetry"]


def _symmetry_cells(p: SymmetryPoint, speed: SpeedProgram) -> list[str]:
    return [f"{p.day:%d %b %Y}", speed.tests.name(p.kind), str(p.sore), str(p.other), f"{p.lsi:g}%"]


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def speed_markdown(s: SpeedSection) -> list[str]:
    """The section as Markdown lines."""
    out = ["", f"## {s.speed.name}: ready for hills and speed?", "", f"**{s.answer}**", ""]
    for item in s.plan.gate.items:
        mark = "met" if item.met else "missing"
        out.append(f"- **{item.title}: {mark}.** {item.detail}")
        if item.source:
            out.append(f"  *Source: {item.source}*")
    out += ["", s.ladder, ""]
    out += [f"- {line}" for line in s.now]
    out += ["", f"### Running, week by week (the last {TABLE_WEEKS} weeks)", ""]
    weeks = list(s.weeks[-TABLE_WEEKS:])[::-1]
    out += _table(WEEK_HEADERS, [_week_cells(w) for w in weeks]) if weeks else ["No runs yet."]
    out += ["", "### Limb symmetry (sore side as a share of the other side)", ""]
    points = list(s.symmetry[-SYMMETRY_SHOWN:])[::-1]
    rows = [_symmetry_cells(p, s.speed) for p in points]
    out += _table(SYMMETRY_HEADERS, rows) if rows else ["No test with both legs and one sore side."]
    out += ["", f"### {s.speed.outcome.label}", "", _score_note(s), ""]
    out += [f"- {w}" for w in s.trend.words]
    return out


def _score_note(s: SpeedSection) -> str:
    o = s.speed.outcome
    return (
        f"Based on VISA-A (Robinson et al. 2001): its eight topics and 0-100 scoring with the "
        f"questions in our own words, not the validated form. Above {o.recovered} is usually "
        f"called recovered; about {o.important_change} points over {o.important_change_weeks} "
        "weeks is a clinically important change."
    )


# --------------------------------------------------------------------------- HTML

W, H = 720, 200
L, R, T, B = 40, 20, 12, 30


def _score_chart(trend: OutcomeTrend, today: dt.date) -> str:
    """The score over time (0-100), with the recovered line and the baseline's target."""
    points = trend.points
    if not points:
        return ""
    first, last = points[0].day, max(points[-1].day, today)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return L + (W - L - R) * (day - first).days / span

    def y(v: float) -> float:
        return T + (H - T - B) * (100 - v) / 100

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" role="img">']
    parts += ["<title>Score over time</title>"] + [
        f'<text x="{L - 6}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end">{v}</text>'
        for v in (0, 50, 100)
    ]
    marks = [(trend.recovered, "#2e7d32", f"{trend.recovered}: recovered")]
    if trend.target is not None:
        marks.append((trend.target, "#1f5fa8", f"{trend.target}: baseline + important change"))
    for value, color, label in marks:
        parts.append(
            f'<line x1="{L}" x2="{W - R}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{color}" '
            'stroke-dasharray="5,3"/>'
            f'<text x="{L + 4}" y="{y(value) - 3:.1f}" font-size="11" fill="{color}">'
            f"{escape(label)}</text>"
        )
    xy = " ".join(f"{x(p.day):.1f},{y(p.score):.1f}" for p in points)
    parts.append(f'<polyline points="{xy}" fill="none" stroke="#c0392b" stroke-width="2"/>')
    parts += [
        f'<circle cx="{x(p.day):.1f}" cy="{y(p.score):.1f}" r="3" fill="#c0392b"/>' for p in points
    ]
    parts.append(
        f'<text x="{L}" y="{H - 8}" font-size="11">{first:%d %b %Y}</text>'
        f'<text x="{W - R}" y="{H - 8}" font-size="11" text-anchor="end">{last:%d %b %Y}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def speed_html(s: SpeedSection, today: dt.date) -> str:
    """The section as HTML (inside the report's page)."""
    items = "".join(
        f"<li><b>{escape(i.title)}: {'met' if i.met else 'missing'}.</b> {escape(i.detail)}"
        + (f'<br><span class="muted">Source: {escape(i.source)}</span>' if i.source else "")
        + "</li>"
        for i in s.plan.gate.items
    )
    now = "".join(f"<li>{escape(line)}</li>" for line in s.now)
    weeks = list(s.weeks[-TABLE_WEEKS:])[::-1]
    weeks_html = (
        _html_table(WEEK_HEADERS, [_week_cells(w) for w in weeks])
        if weeks
        else '<p class="muted">No runs yet.</p>'
    )
    points = list(s.symmetry[-SYMMETRY_SHOWN:])[::-1]
    sym_html = (
        _html_table(SYMMETRY_HEADERS, [_symmetry_cells(p, s.speed) for p in points])
        if points
        else '<p class="muted">No test with both legs and one sore side.</p>'
    )
    trend = "".join(f"<li>{escape(w)}</li>" for w in s.trend.words)
    return (
        f"<h2>{escape(s.speed.name)}: ready for hills and speed?</h2>"
        f"<p><b>{escape(s.answer)}</b></p><ul>{items}</ul>"
        f"<p>{escape(s.ladder)}</p><ul>{now}</ul>"
        f"<h2>Running, week by week (the last {TABLE_WEEKS} weeks)</h2>{weeks_html}"
        f"<h2>Limb symmetry</h2>{sym_html}"
        f"<h2>{escape(s.speed.outcome.label)}</h2>"
        f'<p class="muted">{escape(_score_note(s))}</p>'
        f"{_score_chart(s.trend, today)}<ul>{trend}</ul>"
    )
