"""Running the workout app itself (what `achilles` with no command does), and what it says on
the way out when it was quit in the middle of a session."""

from __future__ import annotations

import argparse
import shlex
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from session.records import DoneSet
    from tui.coach.coach import Coach
    from tui.coach.preview import PlanPreview

WAIT_FOR_FACTS = 10.0
"""Seconds to wait for the history's thread to answer (it first finishes every queued save)."""


def run_app(args: argparse.Namespace, preview: PlanPreview | None = None) -> int:
    # Textual is imported here, not at the top: every other command runs without it.
    from tui.app import make_app

    app = make_app(
        data_dir=args.data_dir,
        program=args.program,
        strength=getattr(args, "strength", None),
        no_voice=args.no_voice,
        refuse_damaged=args.refuse_damaged,
        time_scale=args.time_scale,
        preview=preview,
    )
    try:
        app.run()
        session_id = app.interrupted
        if session_id is not None:
            # Queued behind the last saves, so the facts are those on disk.
            facts = app.services.coach.call(lambda c: left_behind(c, session_id, args))
            print(facts.result(timeout=WAIT_FOR_FACTS))
    finally:
        app.services.close()
    import sys

    if app.services.demo_of is not None:
        from tui.coach.demo import demo_farewell

        print(f"achilles: {demo_farewell(app.services.data_dir)}", file=sys.stderr)
    if app.services.unsaved is not None:
        print(f"achilles: {app.services.unsaved}", file=sys.stderr)
        return app.return_code or 1
    return app.return_code or 0


def left_behind(coach: Coach, session_id: str, args: argparse.Namespace) -> str:
    """What a session quit in the middle keeps, and how to carry on with it, from the history."""
    record = coach.session(session_id)
    again = again_command(args)
    if record is None:  # never saved (quit within the first moment): nothing to carry on
        return f"achilles: the session had not started; nothing was saved. Start it with {again}."
    done = [s for s in record.all_sets if s.legs]  # part 1's calf raises first
    sets = ", ".join(f"{set_name(coach, s)} {s.set_index} of {s.sets_total}" for s in done)
    total = record.sets_prescribed
    if done:
        kept = f"Kept: {len(done)} of {total} sets, each saved when it ended ({sets})."
    else:
        kept = f"No set was finished yet (of {total})."
    unrated = (
        " The last one's pain rating is asked when you carry on."
        if done and (done[-1].pain is None)
        else ""
    )
    return (
        "achilles: you quit in the middle of the session. "
        f"{kept} The set in progress was not saved.{unrated}\n"
        f"To carry on today, run {again} and press r: it goes on from the next set. "
        "From tomorrow it is kept as ended early."
    )


def set_name(coach: Coach, done: DoneSet) -> str:
    """The exercise of a set, from the program of its part (a calf raise is part 1's)."""
    from session.strength.records import StrengthSet

    if isinstance(done, StrengthSet):
        try:
            return coach.strength.exercise(done.exercise).name
        except KeyError:  # dropped from the program since: its id stands in
            return done.exercise
    return coach.program.exercise(done.exercise).name


def again_command(args: argparse.Namespace) -> str:
    """`achilles`, with the options that pick the same history and program."""
    words = ["achilles"]
    if args.data_dir:
        words += ["--data-dir", str(args.data_dir)]
    if args.program:
        words += ["--program", str(args.program)]
    return shlex.join(words)
