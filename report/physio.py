"""The one-page report for the runner's physio, as Markdown or as self-contained HTML.

Built from session summaries and check-ins with the pure review functions (session.history,
session.trends, session.flares): the program and current step, sessions done, pain during sessions
and the next morning over the recent weeks (a table; in HTML also a chart), and the setbacks with
what the app did about each. No set is needed, so ten years cost no more than reading the store's
index (`Store.summaries()`). No UI imports; the caller loads the summaries and writes the text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from report.pain_chart import Series, pain_chart
from report.speed import SpeedSection, speed_html, speed_markdown
from session.flares import Setback, setbacks
from session.history import HistoryRow, history_rows
from session.program import Program
from session.progression import prescribe
from session.records import CheckIn, Prescription, SessionStatus, SessionSummary, Settings
from session.trends import Streaks, Week, streaks, weeks

TABLE_WEEKS = 12
"""Weeks in the pain table: a page's worth, the most recent."""
CHART_WEEKS = 52
"""Weeks in the HTML chart."""
SETBACKS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class Report:
    """Everything on the page, computed once; `markdown` and `html` only lay it out."""

    program: Program
    settings: Settings
    generated: dt.datetime
    upcoming: Prescription
    rows: Sequence[HistoryRow]
    """Newest first."""
    weeks: Sequence[Week]
    streaks: Streaks
    setbacks: Sequence[Setback]
    checkins: int
    speed: SpeedSection | None = None
    """Back to speed work: the readiness gate, the ladder, runs, symmetry, the score."""

    @property
    def statuses(self) -> Counter[SessionStatus]:
        return Counter(r.session.status for r in self.rows)

    @property
    def flares(self) -> int:
        return sum(1 for b in self.setbacks if b.kind == "flare")

    @property
    def stops(self) -> int:
        return sum(1 for b in self.setbacks if b.kind == "stopped")


def build_report(
    program: Program,
    settings: Settings,
    sessions: Sequence[SessionSummary],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
) -> Report:
    """The report as of `now` (aware; its zone gives the local dates)."""
    tz = now.tzinfo
    window = program.rules.morning_normal_window
    finished = [s for s in sessions if s.finished]
    upcoming = prescribe(program, finished, checkins, now)
    rows = history_rows(finished, checkins, window, tz)
    week_list = weeks(rows, now.date())
    return Report(
        program=program,
        settings=settings,
        generated=now,
        upcoming=upcoming,
        rows=rows,
        weeks=week_list,
        streaks=streaks(week_list, now.date()),
        setbacks=setbacks(finished, checkins, window, program.stop_threshold, tz, upcoming),
        checkins=len(checkins),
    )


# --------------------------------------------------------------------------- shared wording


def _n(value: int | None) -> str:
    return "–" if value is None else f"{value}/10"


def _legs(settings: Settings) -> str:
    side = settings.sore_side or "not set"
    legs = "sore side only" if settings.train == "sore_only" else "both legs"
    return f"sore side: {side}; training {legs}"


def _facts(r: Report) -> list[tuple[str, str]]:
    """The key facts, as (label, value) pairs."""
    rx = r.upcoming
    ladder = r.program.ladder
    statuses = r.statuses
    rows = r.rows
    if rows:
        span = f"{rows[-1].day:%d %b %Y} to {rows[0].day:%d %b %Y}"
        done = (
            f"{len(rows)} ({statuses[SessionStatus.COMPLETED]} completed, "
            f"{statuses[SessionStatus.STOPPED_FOR_PAIN]} stopped for pain, "
            f"{statuses[SessionStatus.ENDED_EARLY]} ended early), {span}"
        )
    else:
        done = "none yet"
    adherence = _adherence(r)
    return [
        ("Program", r.program.name),
        ("Runner", _legs(r.settings)),
        ("Current step", f"{rx.step + 1} of {len(ladder)}: {rx.label}"),
        ("Sessions done", done),
        ("Adherence", adherence),
        ("Morning check-ins", str(r.checkins)),
        ("Setbacks", f"{r.flares} morning flare(s), {r.stops} session(s) stopped for pain"),
    ]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _adherence(r: Report) -> str:
    """Sessions done against planned over the last four whole weeks (this one is not over)."""
    if not r.weeks:
        return "–"
    this_week = r.weeks[-1]
    recent = list(r.weeks[-5:-1])
    text = f"this week {this_week.sessions} of {this_week.planned} so far"
    if recent:
        done = sum(min(w.sessions, w.planned) for w in recent)
        planned = sum(w.planned for w in recent)
        text = (
            f"{done} of {planned} planned sessions in the {_plural(len(recent), 'week')} "
            f"before this one; {text}"
        )
    s = r.streaks
    return f"{text}; {_plural(s.current, 'full week')} in a row (longest {s.longest})"


def _zones(program: Program) -> str:
    return "; ".join(f"{z.low}-{z.high} {z.label}" for z in program.pain_zones)


def _table_weeks(r: Report) -> list[Week]:
    return list(r.weeks[-TABLE_WEEKS:])[::-1]


def _week_cells(w: Week) -> list[str]:
    step = "–" if w.step is None else str(w.step + 1)
    return [
        f"{w.start:%d %b %Y}",
        f"{w.sessions} of {w.planned}",
        step,
        str(w.reps),
        _n(w.peak_pain),
        _n(w.morning_pain),
        str(w.flares) if w.flares else "",
    ]


WEEK_HEADERS = [
    "Week of",
    "Sessions",
    "Step",
    "Reps",
    "Highest pain during",
    "Highest next-morning pain",
    "Flares",
]


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
        f"Pain zones: {_zones(r.program)}. Pain is the highest rated in the week's sessions, "
        "and the highest on the mornings after them.",
        "",
    ]
    table = _table_weeks(r)
    if table:
        out.append("| " + " | ".join(WEEK_HEADERS) + " |")
        out.append("|" + "|".join(" --- " for _ in WEEK_HEADERS) + "|")
        out.extend("| " + " | ".join(_week_cells(w)) + " |" for w in table)
    else:
        out.append("No sessions yet.")
    out += ["", "## Setbacks and what the app did", ""]
    out += [_setbacks_intro(r), ""] if r.setbacks else [_setbacks_intro(r)]
    out.extend(f"- {item}" for item in _setback_items(r))
    if r.speed is not None:
        out += speed_markdown(r.speed)
    return "\n".join(out) + "\n"


def _setbacks_intro(r: Report) -> str:
    if not r.setbacks:
        return "None: no morning above normal and no session stopped for pain."
    if len(r.setbacks) > SETBACKS_SHOWN:
        return f"The latest {SETBACKS_SHOWN} of {len(r.setbacks)}, newest first:"
    return "Newest first:"


def _setback_items(r: Report) -> list[str]:
    items = []
    for b in list(r.setbacks)[-SETBACKS_SHOWN:][::-1]:
        label = "flare" if b.kind == "flare" else "stopped"
        items.append(f"{b.when:%d %b %Y} ({label}): {b.what} {b.action}")
    return items


# --------------------------------------------------------------------------- HTML

STYLE = """
body { font-family: sans-serif; max-width: 760px; margin: 1.5em auto; color: #222;
       font-size: 13px; }
h1 { font-size: 20px; margin: 0 0 .4em; } h2 { font-size: 15px; margin: 1.2em 0 .4em; }
dl { display: grid; grid-template-columns: 9em 1fr; gap: .15em .8em; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 2px 6px; text-align: left; }
th { border-bottom: 1px solid #888; } tr:nth-child(even) td { background: #f4f4f4; }
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
            "highest next-morning pain", "#c0392b", [w.morning_pain for w in chart_weeks], "5,3"
        ),
    ]
    title = f"Weekly pain, the last {len(chart_weeks)} weeks"
    return pain_chart(days, series, r.program.pain_zones, title)


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
    items = "".join(f"<li>{escape(item)}</li>" for item in _setback_items(r))
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
        f"<h2>Week by week (the last {TABLE_WEEKS} weeks)</h2>{weeks_html}"
        f"<h2>Setbacks and what the app did</h2><p>{escape(_setbacks_intro(r))}</p>"
        f"<ul>{items}</ul>"
        f"{speed_html(r.speed, r.generated.date()) if r.speed is not None else ''}"
        "</body></html>\n"
    )
