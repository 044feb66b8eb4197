"""`achilles run`: log a run (asked question by question, or given as options), import runs from
a watch's GPX, TCX or FIT files, or show where the return to speed work stands.

    achilles run                                   # asks: minutes, start, kind, pain, ...
    achilles run --kind easy --minutes 40 --pain 2 --after 1 --calming heel_lift
    achilles run --import ~/watch/                 # asks the kind and pain of each new run
    achilles run --import run.fit --kind easy --pain 2     # the same answers for every new run
    achilles run --status                          # the gate, the ladder, what to do next

A wrong answer is explained and asked again; nothing is saved until a run's answers are good.
After saving it says what the run means for the next one (the morning rule, the pain limits).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tui.cli.common import moment

if TYPE_CHECKING:
    from session.program import CalmingMeasure
    from session.running.imports import ImportedRun
    from session.running.runs import RunKind
    from tui.coach.coach import Coach
    from tui.coach.running import RunAnswers, RunForm, RunLogged

T = TypeVar("T")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "run",
        parents=[common],
        help="log a run (or import it from a watch file) under the same pain rules",
        description="A run is its kind, length, pain during and an hour after, and the "
        "calming measures in use; with no options, it asks for each answer. The files: GPX, TCX "
        "or FIT, or a folder of them. --status: the readiness gate and the ladder.",
    )
    p.add_argument("--import", dest="import_path", metavar="FILE|DIR", help="GPX, TCX or FIT")
    p.add_argument("--status", action="store_true", help="show the gate, the ladder, the plan")
    p.add_argument("--kind", type=_parsed("kind"), help="easy, long, hills, strides, ...")
    p.add_argument("--minutes", type=_parsed("minutes"), help="40, or h:mm (1:05)")
    p.add_argument("--distance", type=_parsed("distance"), metavar="KM", help="kilometres")
    p.add_argument("--pain", type=_parsed("pain"), metavar="N", help="highest pain during, 0-10")
    p.add_argument("--after", type=_parsed("after"), metavar="N", help="pain an hour after, 0-10")
    p.add_argument("--calming", metavar="IDS", help="measures in use, e.g. heel_lift,slow_pace")
    p.add_argument("--note", type=_parsed("note"), metavar="TEXT", help="a short note")
    p.add_argument(
        "--on",
        metavar="WHEN",
        type=moment(default_hour=12),
        help="when the run started (YYYY-MM-DDTHH:MM, or YYYY-MM-DD); default: it ended now",
    )
    p.set_defaults(run=run)


def _parsed(kind: str) -> Callable[[str], object]:
    def parse(text: str) -> object:
        from session.running import runs

        parsers: dict[str, Callable[[str], object]] = {
            "kind": runs.parse_kind,
            "minutes": runs.parse_minutes,
            "distance": runs.parse_distance,
            "pain": lambda t: runs.parse_rating(t, "pain during"),
            "after": lambda t: runs.parse_rating(t, "pain after", optional=True),
            "note": runs.parse_note,
        }
        try:
            return parsers[kind](text)
        except runs.RunEntryError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = kind
    return parse


def ask(prompt: str, parse: Callable[[str], T]) -> T:
    """Ask until the answer parses; EOF or Ctrl-C abandons (nothing is saved)."""
    from session.running.runs import RunEntryError

    while True:
        text = input(prompt)
        try:
            return parse(text)
        except RunEntryError as exc:
            print(f"  {exc}")


def run(args: argparse.Namespace) -> int:
    from session.running.runs import RunEntryError
    from tui.cli.common import fail, open_coach

    with open_coach(args, write=not args.status, failing="Nothing was saved.") as coach:
        coach.speed_program  # noqa: B018 (read now: a bad program file is named first)
        if args.status:
            print_status(coach)
            return 0
        try:
            if args.import_path:
                return import_runs(coach, args, Path(args.import_path))
            print_logged(coach, coach.log_run(_answers(coach, args)))
        except (EOFError, KeyboardInterrupt):
            print()
            return fail("run log abandoned: nothing was saved.")
        except RunEntryError as exc:  # a slip in the options (the questions ask again)
            return fail(f"{exc} Nothing was saved.", 2)
    return 0


def _calming(form: RunForm, given: str | None) -> tuple[str, ...]:
    """--calming's ids ("none" for none); without it, the measures of the last run."""
    from session.running.runs import RunEntryError

    if given is None:
        return form.in_use
    ids = tuple(i.strip() for i in given.split(",") if i.strip() and i.strip() != "none")
    known = [m.id for m in form.measures]
    for i in ids:
        if i not in known:
            raise RunEntryError(f"calming: unknown measure {i!r} (known: {', '.join(known)})")
    return ids


def _answers(coach: Coach, args: argparse.Namespace) -> RunAnswers:
    """With --pain: the options alone (--kind and --minutes needed). Else each answer not given
    as an option is asked."""
    form = coach.run_form()
    if args.pain is not None:
        return _from_options(form, args)
    return _asked(form, args)


def _from_options(form: RunForm, args: argparse.Namespace) -> RunAnswers:
    from session.running.runs import RunEntryError, parse_start
    from tui.coach.running import RunAnswers

    if args.kind is None or args.minutes is None:
        raise RunEntryError("--kind and --minutes are needed with --pain (or give none of them).")
    return RunAnswers(
        started_at=args.on or parse_start("", form.now, args.minutes),
        kind=args.kind,
        minutes=args.minutes,
        pain_during=args.pain,
        distance_km=args.distance,
        pain_after=args.after,
        note=args.note or "",
        calming=_calming(form, args.calming),
    )


def _asked(form: RunForm, args: argparse.Namespace) -> RunAnswers:
    from session.running import runs
    from tui.coach.running import RunAnswers

    minutes = args.minutes or ask("Minutes (40, or h:mm): ", runs.parse_minutes)
    started = args.on or ask(
        "Started at (HH:MM today, YYYY-MM-DD HH:MM; Enter: it ended just now): ",
        lambda t: runs.parse_start(t, form.now, minutes),
    )
    return RunAnswers(
        started_at=started,
        kind=args.kind or ask(_kind_prompt(form), runs.parse_kind),
        minutes=minutes,
        pain_during=_pain(),
        distance_km=_distance(args.distance),
        pain_after=_after(args.after),
        note=args.note or ask("Note (Enter to skip): ", runs.parse_note),
        calming=_calming(form, args.calming) if args.calming else _ask_calming(form),
    )


def _kind_prompt(form: RunForm) -> str:
    return "Kind (" + ", ".join(k.value for k, _ in form.kinds) + "): "


def _pain() -> int:
    from session.running.runs import parse_rating

    value = ask(
        "Highest Achilles pain during the run, 0-10: ", lambda t: parse_rating(t, "pain during")
    )
    assert value is not None
    return value


def _after(given: int | None) -> int | None:
    from session.running.runs import parse_rating

    if given is not None:
        return given
    return ask(
        "Pain an hour after, 0-10 (Enter if not yet): ",
        lambda t: parse_rating(t, "pain after", optional=True),
    )


def _distance(given: float | None) -> float | None:
    from session.running.runs import parse_distance

    if given is not None:
        return given
    return ask("Distance in km (Enter if not known): ", parse_distance)


def _ask_calming(form: RunForm) -> tuple[str, ...]:
    """The measures by number; Enter keeps the last run's."""
    print("Temporary calming measures in use on this run:")
    for n, m in enumerate(form.measures, start=1):
        mark = "x" if m.id in form.in_use else " "
        print(f"  [{mark}] {n}. {m.text}")
    return ask(
        "Numbers in use, e.g. 1,3 (Enter: as ticked; 0: none): ",
        lambda t: _pick(form.measures, form.in_use, t),
    )


def _pick(
    measures: Sequence[CalmingMeasure], in_use: tuple[str, ...], text: str
) -> tuple[str, ...]:
    from session.running.runs import RunEntryError

    value = text.strip()
    if not value:
        return in_use
    if value == "0":
        return ()
    picked: list[str] = []
    for part in value.replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= len(measures):
            raise RunEntryError(f"calming: {part!r} is not one of 1 to {len(measures)}.")
        picked.append(measures[int(part) - 1].id)
    return tuple(dict.fromkeys(picked))


# --- import ------------------------------------------------------------------------------------


def import_runs(coach: Coach, args: argparse.Namespace, path: Path) -> int:
    """Each new run in the file(s), completed with its kind and pain (asked, or the options')."""
    found = coach.read_run_files(path)
    for error in found.errors:
        print(f"achilles: {error}")
    for other in found.not_runs:
        print(f"Left out {other.source}: a {other.sport} activity, not a run.")
    for twin in (f for f in found.runs if f.logged is not None):
        assert twin.logged is not None
        print(f"Already logged: {twin.logged.words(coach.now().tzinfo)} ({twin.imported.source}).")
    saved = 0
    for imported in found.new:
        print(_found_words(coach, imported))
        answers = _import_answers(coach, args, imported)
        print_logged(coach, coach.log_imported(imported, answers))
        saved += 1
    print(f"Imported {saved} run(s) from {path}.")
    return 2 if found.errors and not found.runs else 0


def _found_words(coach: Coach, imported: ImportedRun) -> str:
    start = imported.started_at.astimezone(coach.now().tzinfo)
    km = f", {imported.distance_km:.2f} km" if imported.distance_km else ""
    return f"Found a run on {start:%a %d %b %Y at %H:%M}: {imported.minutes:g} min{km}."


def _import_answers(coach: Coach, args: argparse.Namespace, imported: ImportedRun) -> RunAnswers:
    from session.running import runs
    from tui.coach.running import RunAnswers

    form = coach.run_form()
    kind: RunKind = args.kind or ask("  " + _kind_prompt(form), runs.parse_kind)
    scripted = args.pain is not None
    return RunAnswers(
        started_at=imported.started_at,
        kind=kind,
        minutes=imported.minutes,
        pain_during=args.pain if scripted else _pain(),
        pain_after=args.after if scripted else _after(args.after),
        note=args.note or "",
        calming=_calming(form, args.calming) if scripted or args.calming else _ask_calming(form),
    )


# --- printing ----------------------------------------------------------------------------------


def print_logged(coach: Coach, logged: RunLogged) -> None:
    run = logged.run
    verb = "Updated" if logged.replaced else "Saved"
    print(f"{verb} your {run.words(coach.now().tzinfo)}.")
    for warning in logged.warnings:
        print(f"  {warning}")
    for reason in logged.advice.reasons:
        print(f"  {reason}")


def print_status(coach: Coach) -> None:
    today = coach.running_today()
    print(today.plan.gate.summary())
    for item in today.plan.gate.items:
        print(f"  [{'x' if item.met else ' '}] {item.title}: {item.detail}")
    print()
    for line in today.lines:
        if line != today.plan.gate.summary():
            print(line)
