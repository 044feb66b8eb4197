"""The one-page report for the runner's physio, as Markdown or as self-contained HTML: both parts,
the circuit and (`report.part1_section`) the calf raises.

Built from one reading of the history (session.report_facts.review_facts: the same rows, mornings
and setbacks as the History screen and the progression rules): the program and current step,
sessions (unfinished ones too), adherence in training days, the runner's usual morning pain, the
weeks (a table; in HTML also a chart) with morning pain and stiffness, the setbacks with each
flare's size and what the app did, the sessions left unfinished or started early, and the
check-in notes. No set is needed, so ten years cost no more than reading the store's index
(`Store.summaries()`). No UI imports; the caller loads the summaries and writes the text.

A new part of the page is a `Section` in `sections` (laid out alike in both formats), or a fact
in `_facts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from report import part1_section
from report.pain_chart import Series, pain_chart
from report.part1_section import PartOneSection
from report.speed import SpeedSection, speed_html, speed_markdown
from session.combined import next_day
from session.flares import Setback
from session.history import HistoryRow
from session.program import Program
from session.progression import counts_for_rules
from session.records import CheckIn, Prescription, SessionSummary, Settings
from session.report_facts import (
    ReviewFacts,
    adherence_text,
    checkin_lines,
    review_facts,
    sessions_text,
    started_early_lines,
    unfinished_lines,
    usual_text,
)
from session.strength.program import StrengthProgram
from session.trends import Streaks, Week

TABLE_WEEKS = 12
"""Weeks in the pain table: a page's worth, the most recent."""
CHART_WEEKS = 52
"""Weeks in the HTML chart."""
SETBACKS_SHOWN = 10
NOTES_SHOWN = 15
"""Check-ins with a note (or not counted as a morning) listed: the latest ones."""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything on the page, computed once from one reading of the history (ReviewFacts:
    the same rows, mornings and setbacks as the History screen); `markdown` and `html` only
    lay it out."""

    program: Program
    settings: Settings
    generated: dt.datetime
    facts: ReviewFacts
    speed: SpeedSection | None = None
    """Back to speed work: the readiness gate, the ladder, runs, symmetry, the score."""
    part1: PartOneSection | None = None
    """Part 1, the calf raises (None: the report was built without part 1's program)."""

    @property
    def upcoming(self) -> Prescription:
        return self.facts.upcoming

    @property
    def rows(self) -> Sequence[HistoryRow]:
        """Every session, unfinished ones too, newest first."""
        return self.facts.rows

    @property
    def weeks(self) -> Sequence[Week]:
        return self.facts.weeks

    @property
    def streaks(self) -> Streaks:
        return self.facts.streaks

    @property
    def setbacks(self) -> Sequence[Setback]:
        return self.facts.setbacks

    @property
    def checkins(self) -> int:
        """Every check-in, counted as a morning or not."""
        book = self.facts.book
        return len(book.mornings) + len(book.set_aside)

    @property
    def flares(self) -> int:
        return sum(1 for b in self.setbacks if b.kind == "flare")

    @property
    def stops(self) -> int:
        return sum(1 for b in self.setbacks if b.kind == "stopped")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, a sentence and a list: laid out the same way in Markdown and HTML."""

    heading: str
    intro: str
    items: tuple[str, ...] = ()


def build_report(
    program: Program,
    settings: Settings,
    sessions: Sequence[SessionSummary],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
    strength: StrengthProgram | None = None,
) -> Report:
    """The report as of `now` (aware; its zone gives the local dates), from every session's
    summary (unfinished ones too) and every check-in; with `strength`, part 1 too (the circuit's
    next dose is then read, as Today reads it, from the sessions that held it)."""
    if strength is None:
        return Report(program, settings, now, review_facts(program, sessions, checkins, now))
    nxt = next_day(program, strength, settings, sessions, checkins, now)
    facts = review_facts(program, sessions, checkins, now, upcoming=nxt.prescription)
    rx = None if nxt.part1 is None else nxt.part1.prescription
    counted = [s for s in sessions if counts_for_rules(s, now.date(), now.tzinfo)]
    part1 = part1_section.part1_section(strength, settings.strength.enabled, rx, counted, now)
    return Report(program, settings, now, facts, part1=part1)


# --------------------------------------------------------------------------- shared wording


def _n(value: int | None) -> str:
    return "–" if value is None else f"{value}/10"


def _minutes(value: int | None) -> str:
    return "–" if value is None else f"{value} min"


def _legs(settings: Settings) -> str:
    side = settings.sore_side or "not set"
    legs = "sore side only" if settings.train == "sore_only" else "both legs"
    return f"sore side: {side}; training {legs}"


def _facts(r: Report) -> list[tuple[str, str]]:
    """The key facts, as (label, value) pairs."""
    rx = r.upcoming
    ladder = r.program.ladder
    aside = len(r.facts.book.set_aside)
    checkins = str(r.checkins) + (f" ({aside} not counted as a morning)" if aside else "")
    return [
        ("Program", r.program.name),
        ("Runner", _legs(r.settings)),
        ("Current step", f"{rx.step + 1} of {len(ladder)}: {rx.label}"),
        ("Sessions done", sessions_text(r.rows)),
        ("Adherence", adherence_text(r.weeks, r.streaks)),
        ("Mornings", usual_text(r.facts.book, r.facts.today)),
        ("Morning check-ins", checkins),
        ("Setbacks", f"{r.flares} morning flare(s), {r.stops} session(s) stopped for pain"),
        *(part1_section.facts(r.part1) if r.part1 is not None else []),
    ]


def _zones(program: Program) -> str:
    return "; ".join(f"{z.low}-{z.high} {z.label}" for z in program.pain_zones)


def _table_weeks(r: Report) -> list[Week]:
    return list(r.weeks[-TABLE_WEEKS:])[::-1]


def _week_cells(w: Week) -> list[str]:
    step = "–" if w.step is None else str(w.step + 1)
    return [
        f"{w.start:%d %b %Y}",
        f"{w.training_days} of {w.planned}",
        step,
        str(w.reps),
        _n(w.peak_pain),
        _n(w.morning_pain),
        _minutes(w.morning_stiffness),
        str(w.flares) if w.flares else "",
    ]


WEEK_HEADERS = [
    "Week of",
    "Training days",
    "Step",
    "Reps",
    "Highest pain during",
    "Highest morning pain after",
    "Longest morning stiffness",
    "Flares",
]
WEEK_NOTE = (
    "Training days are days with at least one set done (two sessions in one evening are one "
    "day). Pain during is the highest rated in the week's sessions; morning pain and stiffness "
    "are the highest of the mornings after them, up to each next session."
)


def _g(value: float) -> str:
    return f"{value:g}"


def flare_size(b: Setback) -> str:
    """A flare's size for the physio: "+4 points, far above the usual", "stiffness +10 min"."""
    parts = []
    if b.rise is not None and b.rise > 0:
        parts.append(f"+{_g(b.rise)} point{'' if b.rise == 1 else 's'}")
    if b.far_above:
        parts.append("far above the usual")
    if b.stiffness_rise is not None and b.stiffness_rise > 0:
        parts.append(f"stiffness +{_g(b.stiffness_rise)} min")
    return ", ".join(parts)


def _setback_items(r: Report) -> tuple[str, ...]:
    items = []
    for b in list(r.setbacks)[-SETBACKS_SHOWN:][::-1]:
        size = flare_size(b) if b.kind == "flare" else ""
        label = f"flare: {size}" if size else ("flare" if b.kind == "flare" else "stopped")
        items.append(f"{b.day:%d %b %Y} ({label}): {b.what} {b.action}")
    return tuple(items)


def _setbacks(r: Report) -> Section:
    if not r.setbacks:
        intro = "None: no morning above the runner's usual and no session stopped for pain."
    elif len(r.setbacks) > SETBACKS_SHOWN:
        intro = f"The latest {SETBACKS_SHOWN} of {len(r.setbacks)}, newest first:"
    else:
        intro = "Newest first:"
    return Section("Setbacks and what the app did", intro, _setback_items(r))


def _records(r: Report) -> Section:
    """Sessions left unfinished (with their sets) and those started before the rest was over."""
    items = (*unfinished_lines(r.rows), *started_early_lines(r.rows, r.program))
    if not r.rows:
        intro = "No sessions yet."
    elif not items:
        rest = _g(r.program.rules.min_rest_hours)
        intro = f"None: every session was finished, and none started before the {rest} h rest."
    else:
        intro = "Newest first; their saved sets count in the figures above:"
    return Section("Sessions unfinished or started early", intro, items)


def _notes(r: Report) -> Section:
    lines = checkin_lines(r.facts.book, notes_only=True)
    if not lines:
        return Section("Check-in notes", "No check-in has a note.")
    shown = lines[:NOTES_SHOWN]
    intro = (
        "Newest first"
        if len(lines) <= NOTES_SHOWN
        else (f"The latest {NOTES_SHOWN} of {len(lines)}, newest first")
    )
    intro += "; with the pain against the runner's usual and the stiffness:"
    return Section("Check-in notes", intro, tuple(line.text for line in shown))


def sections(r: Report) -> list[Section]:
    """The lists after the weekly table, in order."""
    return [_setbacks(r), _records(r), _notes(r)]


# --------------------------------------------------------------------------- Markdown


def markdown(r: Report) -> str:
    """The report as Markdown (tables, no chart)."""
    out = [
        f"# Achilles rehab report: {r.generated:%d %b %Y}",
        "",
        *(f"- **{label}:** {value}" for label, value in _facts(r)),
        "",
        "**Why the next session is what it is:** " + " ".join(r.upcoming.reasons),
        "",
        f"## Pain, week by week (the last {TABLE_WEEKS} weeks)",
        "",
        f"Pain zones: {_zones(r.program)}. {WEEK_NOTE}",
        "",
    ]
    table = _table_weeks(r)
    if table:
        out.append("| " + " | ".join(WEEK_HEADERS) + " |")
        out.append("|" + "|".join(" --- " for _ in WEEK_HEADERS) + "|")
        out.extend("| " + " | ".join(_week_cells(w)) + " |" for w in table)
    else:
        out.append("No sessions yet.")
    if r.part1 is not None and (r.part1.enabled or r.part1.sessions):
        out += ["", *part1_section.markdown_lines(r.part1)]
    for section in sections(r):
        out += ["", f"## {section.heading}", "", section.intro]
        if section.items:
            out.append("")
            out.extend(f"- {item}" for item in section.items)
    if r.speed is not None:
        out += speed_markdown(r.speed)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- HTML

STYLE = """
body { font-family: sans-serif; max-width: 760px; margin: 1.5em auto; color: #222;
       font-size: 13px; }
h1 { font-size: 20px; margin: 0 0 .4em; } h2 { font-size: 15px; margin: 1.2em 0 .4em; }
dl { display: grid; grid-template-columns: 9em 1fr; gap: .15em .8em; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 2px 6px; text-align: left; }
th { border-bottom: 1px solid #888; } tr:nth-child(even) td { background: #f4f4f4; }
td:first-child { white-space: nowrap; }
ul { margin: 0; padding-left: 1.2em; } .muted { color: #666; }
@media print { body { margin: 0; } }
"""


def _chart(r: Report) -> str:
    chart_weeks = list(r.weeks[-CHART_WEEKS:])
    if not chart_weeks:
        return '<p class="muted">No sessions yet: nothing to chart.</p>'
    days = [w.start for w in chart_weeks]
    series = [
        Series("highest pain during sessions", "#1f5fa8", [w.peak_pain for w in chart_weeks]),
        Series(
            "highest morning pain after", "#c0392b", [w.morning_pain for w in chart_weeks], "5,3"
        ),
    ]
    title = f"Weekly pain, the last {len(chart_weeks)} weeks"
    return pain_chart(days, series, r.program.pain_zones, title)


def _part1_html(r: Report) -> str:
    if r.part1 is None or not (r.part1.enabled or r.part1.sessions):
        return ""
    return part1_section.html_part(r.part1)


def _section_html(section: Section) -> str:
    items = "".join(f"<li>{escape(item)}</li>" for item in section.items)
    body = f"<ul>{items}</ul>" if items else ""
    return f"<h2>{escape(section.heading)}</h2><p>{escape(section.intro)}</p>{body}"


def html(r: Report) -> str:
    """The report as one self-contained HTML page: inline CSS and an inline SVG chart."""
    facts = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in _facts(r))
    table = _table_weeks(r)
    if table:
        head = "".join(f"<th>{escape(h)}</th>" for h in WEEK_HEADERS)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in _week_cells(w)) + "</tr>"
            for w in table
        )
        weeks_html = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    else:
        weeks_html = '<p class="muted">No sessions yet.</p>'
    reasons = escape(" ".join(r.upcoming.reasons))
    title = f"Achilles rehab report: {r.generated:%d %b %Y}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><dl>{facts}</dl>"
        f"<p><b>Why the next session is what it is:</b> {reasons}</p>"
        "<h2>Pain over time</h2>"
        f'<p class="muted">Pain zones: {escape(_zones(r.program))}. Each point is the highest '
        "pain of a week: during its sessions, and on the mornings after them.</p>"
        f"{_chart(r)}"
        f"<h2>Week by week (the last {TABLE_WEEKS} weeks)</h2>"
        f'<p class="muted">{escape(WEEK_NOTE)}</p>{weeks_html}'
        f"{_part1_html(r)}"
        f"{''.join(_section_html(s) for s in sections(r))}"
        f"{speed_html(r.speed, r.generated.date()) if r.speed is not None else ''}"
        "</body></html>\n"
    )
