"""The VISA-A-based outcome score: the answers, their 0-100 scoring, when it is due, its trend.

Based on VISA-A (Robinson et al. 2001): its eight topics and its 0-100 scoring (100 = no
symptoms), with our own questions; so it is always labelled "VISA-A-based", never VISA-A.
Pain questions use the app's scale (0 none, 10 worst) and score 10 minus the rating.
Answers are kept as given, so a score can always be recomputed from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from session.running.speed_program import (
    ChoiceItem,
    CountItem,
    GridItem,
    Item,
    MinutesItem,
    Outcome,
    PainItem,
)

Answer = int | tuple[int, int]
"""A number (minutes, a rating, a count, an option's index), or a grid's (row, column)."""

STIFFNESS_MINUTES_MAX = 24 * 60


class OutcomeAnswerError(ValueError):
    """An answer that cannot be scored; the message names the question and says what fits."""


class OutcomeScore(BaseModel):
    """One completed questionnaire."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    recorded_at: AwareDatetime
    label: str
    answers: dict[str, Answer]
    points: dict[str, int]
    score: int = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _adds_up(self) -> Self:
        if self.points and sum(self.points.values()) != self.score:
            raise ValueError(
                f"score {self.score} is not the sum of its points ({sum(self.points.values())})"
            )
        return self


def item_points(item: Item, answer: Answer) -> int:
    """The points one answer scores. Raises OutcomeAnswerError naming the question."""
    where = f"{item.topic} ({item.id})"
    if isinstance(item, GridItem):
        if not isinstance(answer, tuple):
            raise OutcomeAnswerError(f"{where}: choose a row and a column.")
        row, col = answer
        if not (0 <= row < len(item.rows) and 0 <= col < len(item.columns)):
            raise OutcomeAnswerError(
                f"{where}: row {row + 1}, column {col + 1} is not on the grid of "
                f"{len(item.rows)} rows and {len(item.columns)} columns."
            )
        return item.rows[row].points[col]
    if isinstance(answer, tuple):
        raise OutcomeAnswerError(f"{where}: expects one number, not a row and a column.")
    if isinstance(item, MinutesItem):
        if not 0 <= answer <= STIFFNESS_MINUTES_MAX:
            raise OutcomeAnswerError(f"{where}: {answer} minutes is out of range.")
        # 0-4 minutes score 10, 5-14 score 9, ... 95 or more score 0.
        half = item.minutes_per_point // 2
        return max(0, 10 - (answer + half) // item.minutes_per_point)
    if isinstance(item, PainItem):
        if not 0 <= answer <= 10:
            raise OutcomeAnswerError(f"{where}: {answer} is outside the 0-10 scale.")
        return 10 - answer
    if isinstance(item, CountItem):
        if not 0 <= answer <= item.max:
            raise OutcomeAnswerError(f"{where}: {answer} is out of range; enter 0 to {item.max}.")
        return answer
    assert isinstance(item, ChoiceItem)
    if not 0 <= answer < len(item.options):
        raise OutcomeAnswerError(f"{where}: option {answer + 1} does not exist.")
    return item.options[answer].points


def score_answers(outcome: Outcome, answers: Mapping[str, Answer]) -> dict[str, int]:
    """Points per item; every item must be answered, and nothing else."""
    known = {i.id for i in outcome.items}
    extra = sorted(set(answers) - known)
    if extra:
        raise OutcomeAnswerError(f"{extra[0]}: not a question of the {outcome.label}.")
    missing = [i for i in outcome.items if i.id not in answers]
    if missing:
        raise OutcomeAnswerError(f"{missing[0].topic} ({missing[0].id}): not answered yet.")
    return {i.id: item_points(i, answers[i.id]) for i in outcome.items}


def make_score(outcome: Outcome, answers: Mapping[str, Answer], now: dt.datetime) -> OutcomeScore:
    points = score_answers(outcome, answers)
    stamp = now.astimezone(dt.UTC)
    return OutcomeScore(
        id=f"outcome-{stamp:%Y%m%dT%H%M%SZ}",
        recorded_at=stamp,
        label=outcome.label,
        answers=dict(answers),
        points=points,
        score=sum(points.values()),
    )


DueState = Literal["first", "not_yet", "due", "overdue"]


@dataclass(frozen=True, slots=True)
class Due:
    state: DueState
    last: OutcomeScore | None
    next_on: dt.date | None
    words: str

    @property
    def offer(self) -> bool:
        return self.state != "not_yet"


def outcome_due(outcome: Outcome, scores: Sequence[OutcomeScore], now: dt.datetime) -> Due:
    """Whether to offer the questionnaire today (every `every_days`, overdue after more)."""
    tz = now.tzinfo
    done = [s for s in scores if s.recorded_at <= now]
    if not done:
        return Due(
            "first",
            None,
            now.date(),
            f"The {outcome.label} has not been done yet: a first one gives the baseline.",
        )
    last = max(done, key=lambda s: s.recorded_at)
    last_day = last.recorded_at.astimezone(tz).date()
    days = (now.date() - last_day).days
    next_on = last_day + dt.timedelta(days=outcome.every_days)
    if days < outcome.every_days:
        return Due(
            "not_yet",
            last,
            next_on,
            f"{outcome.label} {last.score} on {last_day:%a %d %b}; the next one from "
            f"{next_on:%a %d %b}.",
        )
    state: DueState = "overdue" if days >= outcome.overdue_days else "due"
    return Due(
        state,
        last,
        next_on,
        f"The {outcome.label} is {'overdue' if state == 'overdue' else 'due'}: the last one was "
        f"{days} days ago ({last.score} on {last_day:%a %d %b}).",
    )


@dataclass(frozen=True, slots=True)
class TrendPoint:
    day: dt.date
    score: int


@dataclass(frozen=True, slots=True)
class OutcomeTrend:
    """Scores over time, with the two marks the chart and the report draw."""

    points: tuple[TrendPoint, ...]
    recovered: int
    """The line at 90: a score above it is usually called recovered."""
    target: int | None
    """The baseline plus the clinically important change (capped at 100)."""
    change: int | None
    """The latest score minus the one about `important_change_weeks` before it (or the first)."""
    change_weeks: float | None
    words: tuple[str, ...]


def _compared(points: Sequence[TrendPoint], weeks: int) -> TrendPoint:
    """The newest score at least `weeks` before the latest one; the first if none is that old."""
    latest = points[-1]
    old = [p for p in points if (latest.day - p.day).days >= weeks * 7]
    return old[-1] if old else points[0]


def outcome_trend(
    outcome: Outcome, scores: Sequence[OutcomeScore], tz: dt.tzinfo | None
) -> OutcomeTrend:
    ordered = sorted(scores, key=lambda s: s.recorded_at)
    points = tuple(TrendPoint(s.recorded_at.astimezone(tz).date(), s.score) for s in ordered)
    mark = outcome.recovered
    if not points:
        return OutcomeTrend((), mark, None, None, None, (f"No {outcome.label} yet.",))
    target = min(100, points[0].score + outcome.important_change)
    latest = points[-1]
    words = [f"{outcome.label} {latest.score} on {latest.day:%a %d %b %Y}."]
    if len(points) == 1:
        return OutcomeTrend(points, mark, target, None, None, (*words, _recovered(mark, latest)))
    base = _compared(points, outcome.important_change_weeks)
    change = latest.score - base.score
    weeks = (latest.day - base.day).days / 7
    direction = "Up" if change > 0 else "Down" if change < 0 else "No change,"
    amount = f"{abs(change)} point{'s' if abs(change) != 1 else ''}" if change else ""
    span = f"since {base.day:%d %b %Y} ({weeks:.0f} weeks)"
    rule = (
        f"about {outcome.important_change} points over {outcome.important_change_weeks} weeks "
        "is a clinically important change"
    )
    if change >= outcome.important_change:
        verdict = f"at least the {outcome.important_change} points that count as important"
        words.append(f"{direction} {amount} {span}: {verdict}.")
    else:
        words.append(" ".join(w for w in (direction, amount, span) if w) + f" ({rule}).")
    words.append(_recovered(mark, latest))
    return OutcomeTrend(points, mark, target, change, weeks, tuple(words))


def _recovered(mark: int, latest: TrendPoint) -> str:
    if latest.score > mark:
        return f"Above {mark}, which is usually called recovered."
    return f"Above {mark} is usually called recovered."


def _number(item: Item, text: str, what: str, low: int, high: int) -> int:
    value = text.strip()
    where = f"{item.topic}"
    if not value:
        raise OutcomeAnswerError(f"{where}: please enter {what}.")
    try:
        n = int(value)
    except ValueError:
        raise OutcomeAnswerError(
            f"{where}: {value!r} is not a whole number; enter {what}."
        ) from None
    if not low <= n <= high:
        raise OutcomeAnswerError(f"{where}: {n} is out of range; enter {what}.")
    return n


def parse_answer(item: Item, text: str) -> int:
    """One typed answer to a question that is not a grid: minutes, a 0-10 rating, a count, or an
    option's number (1-based on screen, kept 0-based). Raises OutcomeAnswerError."""
    if isinstance(item, MinutesItem):
        return _number(item, text, "the minutes (0 if none)", 0, STIFFNESS_MINUTES_MAX)
    if isinstance(item, PainItem):
        return _number(item, text, "0 to 10", 0, 10)
    if isinstance(item, CountItem):
        return _number(item, text, f"0 to {item.max}", 0, item.max)
    if isinstance(item, ChoiceItem):
        n = len(item.options)
        return _number(item, text, f"an option from 1 to {n}", 1, n) - 1
    raise OutcomeAnswerError(f"{item.topic}: this question takes a row and a column.")


def parse_grid(item: GridItem, row: str, column: str) -> tuple[int, int]:
    """A grid's answer: the row's number, then the column's (1-based on screen)."""
    r = _number(item, row, f"a row from 1 to {len(item.rows)}", 1, len(item.rows))
    c = _number(item, column, f"a column from 1 to {len(item.columns)}", 1, len(item.columns))
    return r - 1, c - 1
