"""The physio report: facts, the weekly pain table, the inline chart and the setbacks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from report.physio import TABLE_WEEKS, build_report, html, markdown
from session.records import Settings
from tests.review.builders import at, calm_mornings, morning, session, summaries
from tests.review.conftest import NOW, PROGRAM, RIGHT_SORE, history

SVG = "{http://www.w3.org/2000/svg}"


def test_markdown_has_the_program_step_sessions_and_a_weekly_table() -> None:
    sessions, checkins = history()
    report = build_report(PROGRAM, RIGHT_SORE, summaries(sessions), checkins, NOW)
    text = markdown(report)
    assert text.startswith("# Achilles rehab report: 04 Jun 2025\n")
    assert "- **Program:** Achilles plyometrics, part 2" in text
    assert "- **Runner:** sore side: right; training both legs" in text
    step = report.upcoming
    assert f"- **Current step:** {step.step + 1} of 6: {step.label}" in text
    done = len(sessions)
    assert re.search(rf"- \*\*Sessions done:\*\* {done} \(\d+ completed, \d+ stopped", text)
    assert "- **Mornings:** the runner's usual morning pain is 2/10 (median of the last 7" in text
    table = [line for line in text.splitlines() if re.match(r"\| \d\d \w\w\w \d{4} \|", line)]
    assert len(table) == TABLE_WEEKS
    assert table[0].startswith("| 02 Jun 2025 | 1 of 3 |")  # this week so far: Monday's
    assert "| Week of | Training days | Step | Reps |" in text
    assert "## Setbacks and what the app did" in text
    assert (
        "- **Adherence:** 11 of 12 planned training days in the 4 weeks before this one; "
        "this week 1 of 3 training days so far; 3 full weeks in a row (longest 9)"
    ) in text
    assert f"{report.flares} morning flare(s), {report.stops} session(s) stopped for pain" in text
    assert "The latest 10 of " in text or "Newest first:" in text


def test_a_flare_and_the_response_are_reported() -> None:
    sessions = summaries([session(4, at(0)), session(3, at(2))])
    checkins = [*calm_mornings(1, pain=2), morning(1, 4)]
    report = build_report(PROGRAM, RIGHT_SORE, sessions, checkins, at(3, 9))
    text = markdown(report)
    assert (
        "- 27 May 2025 (flare: +2 points): Morning pain 4/10, 2 points above the runner's usual "
        "morning pain (2/10), on Tue 27 May 2025, the morning after the session of Mon 26 May "
        "2025. Dialled back 1 step: the next session (Wed 28 May 2025) was "
        "Circuit 2, first session: 1 x 15. Temporary calming measures suggested."
    ) in text
    assert "| 26 May 2025 | 2 of 3 | 4 | 270 | 2/10 | 4/10 | – | 1 |" in text


def test_html_is_one_self_contained_page_with_a_chart() -> None:
    sessions, checkins = history()
    page = html(build_report(PROGRAM, RIGHT_SORE, summaries(sessions), checkins, NOW))
    assert page.startswith("<!DOCTYPE html>")
    for external in ("<script", "<link", " src=", "url(", "@import"):
        assert external not in page
    svg_text = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg_text is not None
    svg = ET.fromstring(svg_text.group(0))
    lines = svg.findall(f"{SVG}polyline")
    assert {line.get("stroke") for line in lines} == {"#1f5fa8", "#c0392b"}
    bands = [r for r in svg.findall(f"{SVG}rect")]
    assert len(bands) == len(PROGRAM.pain_zones)
    labels = [t.text for t in svg.findall(f"{SVG}text")]
    assert "too much 6-7" in labels and "high 8-10" in labels and "safe 0-3" in labels
    assert any(label and re.fullmatch(r"\d\d \w\w\w 2[45]", label) for label in labels)
    assert page.count("<tr>") == 1 + TABLE_WEEKS


def test_an_empty_history_still_makes_a_report() -> None:
    report = build_report(PROGRAM, Settings(), [], [], NOW)
    text = markdown(report)
    assert "- **Sessions done:** none yet" in text
    assert "No sessions yet." in text
    assert "None: no morning above the runner's usual and no session stopped for pain." in text
    assert "## Sessions unfinished or started early\n\nNo sessions yet.\n" in text
    assert "No sessions yet: nothing to chart." in html(report)
    assert "sore side: not set" in text


def test_the_report_has_the_notes_the_stiffness_and_each_flares_size() -> None:
    """For a physio: "the runner's usual morning pain", the check-in notes and stiffness, and
    how big each flare was (points above the usual, far above it, minutes of stiffness)."""
    sessions = summaries([session(4, at(0)), session(3, at(2))])
    earlier = [c.model_copy(update={"stiffness_minutes": 10}) for c in calm_mornings(0, pain=2)]
    tue = morning(1, 6).model_copy(update={"stiffness_minutes": 25, "note": "limping at first"})
    thu = morning(3, 3).model_copy(update={"note": "better"})
    report = build_report(PROGRAM, RIGHT_SORE, sessions, [*earlier, tue, thu], at(3, 9))
    for text in (markdown(report), html(report)):
        usual = (
            "the runner's usual morning pain is 2/10 (median of the last 7 mornings); usual "
            "morning stiffness 10 minutes"
        )
        assert usual.replace("'", "&#x27;") in text or usual in text
        assert "normal" not in text
    text = markdown(report)
    assert "| 26 May 2025 | 2 of 3 | 4 | 270 | 2/10 | 6/10 | 25 min | 2 |" in text
    assert (
        "- 27 May 2025 (flare: +4 points, far above the usual, stiffness +15 min): Morning pain "
        "6/10, 4 points above the runner's usual morning pain (2/10), far above it; morning "
        "stiffness 25 minutes, 15 longer than the runner's usual (10 minutes), on Tue 27 May "
        "2025, the morning after the session of Mon 26 May 2025."
    ) in text
    assert "- 29 May 2025 (flare: +1 point): Morning pain 3/10" in text
    notes = text[text.index("## Check-in notes") :].splitlines()
    assert notes[2:] == [
        "Newest first; with the pain against the runner's usual and the stiffness:",
        "",
        "- Thu 29 May 2025: 3/10 (the runner's usual 2/10, 1 above it), a flare; note: “better”",
        "- Tue 27 May 2025: 6/10 (the runner's usual 2/10, 4 above it), stiffness 25 min "
        "(usual 10 min), a flare; note: “limping at first”",
    ]
    assert "<li>Thu 29 May 2025: 3/10 (the runner&#x27;s usual 2/10" in html(report)


def test_a_flare_entered_at_night_is_listed_under_its_morning() -> None:
    """Tuesday's morning, entered at 01:00 on Wednesday (the runner said which morning): the
    report dates the flare Tuesday, as its words do."""
    sessions = summaries([session(4, at(0))])
    late = morning(2, 5, hour=1).model_copy(update={"day": at(1).date(), "confirmed": True})
    report = build_report(PROGRAM, RIGHT_SORE, sessions, [*calm_mornings(0), late], at(2, 9))
    (flare,) = report.setbacks
    assert flare.day == at(1).date() and flare.when.date() == at(2).date()
    assert "- 27 May 2025 (flare: +3 points, far above the usual): Morning pain 5/10" in (
        markdown(report)
    )
