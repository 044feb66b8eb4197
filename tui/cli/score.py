"""`achilles score`: the VISA-A-based questionnaire in the terminal, question by question.

    achilles score            # eight questions; then the 0-100 score and its trend

Based on VISA-A (Robinson et al. 2001): its eight topics and its 0-100 scoring, the questions in
our own words, so not the validated form. Nothing is saved until every answer is in.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from session.running.outcome import Answer
    from session.running.speed_program import Item

T = TypeVar("T")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "score",
        parents=[common],
        help="answer the VISA-A-based questionnaire (every two to four weeks)",
        description="Eight questions, a 0-100 score, and its trend.",
    )
    p.set_defaults(run=run)


def _ask(prompt: str, parse: Callable[[str], T]) -> T:
    from session.running.outcome import OutcomeAnswerError

    while True:
        text = input(prompt)
        try:
            return parse(text)
        except OutcomeAnswerError as exc:
            print(f"  {exc}")


def ask_item(item: Item) -> Answer:
    from session.running.outcome import parse_answer, parse_grid
    from session.running.speed_program import ChoiceItem, GridItem

    print(item.question)
    if isinstance(item, GridItem):
        for n, text in enumerate(r.text for r in item.rows):
            print(f"  {n + 1}. {text}")
        row = _ask("  Which describes you (number)? ", lambda t: parse_grid(item, t, "1")[0])
        for n, col in enumerate(item.columns, start=1):
            print(f"  {n}. {col}")
        return _ask("  For how long (number)? ", lambda t: parse_grid(item, str(row + 1), t))
    if isinstance(item, ChoiceItem):
        for n, option in enumerate(item.options, start=1):
            print(f"  {n}. {option.text}")
    return _ask("  Your answer: ", lambda t: parse_answer(item, t))


def run(args: argparse.Namespace) -> int:
    from tui.cli.common import fail, open_coach

    with open_coach(args, write=True, failing="Nothing was saved.") as coach:
        q = coach.questionnaire()
        print(q.due.words)
        print("Based on VISA-A; the questions are in our own words, not the validated form.")
        print()
        try:
            answers = {item.id: ask_item(item) for item in q.outcome.items}
        except (EOFError, KeyboardInterrupt):
            print()
            return fail("questionnaire abandoned: nothing was saved.")
        saved = coach.save_score(answers)
    print()
    print(f"{saved.score.label}: {saved.score.score} of 100. Saved.")
    for line in saved.trend.words:
        print(f"  {line}")
    return 0
