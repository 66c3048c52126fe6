"""`upward play ID --plain`: the whole conversation as plain lines on stdin and stdout."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import PurePath
from typing import Protocol, TextIO

from simulator.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    UsageError,
    add_db_option,
    library_root,
    open_library,
)
from simulator.engine import Debrief, RubricBook, Session, TurnResult
from simulator.engine.session import ChoiceError
from simulator.engine.transcript import (
    briefing_lines,
    choice_lines,
    debrief_lines,
    feedback_lines,
    opening_lines,
    say_line,
)
from simulator.loading import Library, Loaded, load_for_scenario, load_library
from simulator.loading.problems import did_you_mean
from simulator.model import Scenario
from simulator.scoring import ReplyError

HELP = """Commands:
  /1 .. /9   say the suggested reply with that number
  /help      show this list
  /quit      leave the conversation (the run stays unfinished)
Anything else you type is your reply, on one line."""


class RunObserver(Protocol):
    """Hears about a run as it happens; history saving plugs in here.

    `turn_completed` runs before the counterpart's next line is printed, so a saved turn is
    never behind what the learner has seen.
    """

    def turn_completed(self, session: Session, turn: TurnResult) -> None: ...

    def run_ended(self, session: Session, debrief: Debrief) -> None: ...

    def run_left(self, session: Session) -> None: ...


class NoHistory:
    """Keeps nothing: what `play_plain` hears about a run when no observer is given."""

    def turn_completed(self, session: Session, turn: TurnResult) -> None:
        return None

    def run_ended(self, session: Session, debrief: Debrief) -> None:
        return None

    def run_left(self, session: Session) -> None:
        return None


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "play",
        parents=parents,
        help="play one scenario (--plain: line by line on stdin/stdout)",
        description="Play one scenario. With --plain, each line you type is one reply, /1../9 "
        "picks a suggested reply, /quit leaves; the counterpart's lines, feedback and the "
        "debrief are printed as plain text, for screen readers and scripts.",
    )
    parser.add_argument("scenario", metavar="ID", help="the scenario's id")
    parser.add_argument("--plain", action="store_true", help="plain text on stdin/stdout")
    parser.add_argument(
        "--seed", type=int, default=0, metavar="N",
        help="picks among a line's variants; the same seed replays the same lines (default 0)",
    )
    parser.add_argument(
        "--no-save", action="store_true",
        help="keep nothing from this run (by default each answered turn is saved to your "
        "history before the next line is shown)",
    )
    add_db_option(parser)
    parser.set_defaults(func=run)


def resolve_scenario(library: Library, scenario_id: str) -> Loaded[Scenario]:
    """The loaded scenario, or a UsageError that says why it cannot be used."""
    if scenario_id in library.scenarios:
        return library.scenarios[scenario_id]
    broken = [p for p in library.errors if p.path.stem == scenario_id]
    if broken:
        raise UsageError(
            f"scenario '{scenario_id}' has {len(broken)} problem(s), the first: {broken[0]}; "
            "run `upward validate` for all of them"
        )
    known = set(library.scenarios)
    stem = PurePath(scenario_id).stem
    if stem != scenario_id and stem in known:
        raise UsageError(f"'{scenario_id}' looks like a file; give the scenario's id: {stem}")
    hint = did_you_mean(scenario_id, known) or (
        f" (known: {', '.join(sorted(known))})" if known else " (the library has none)"
    )
    raise UsageError(f"no scenario '{scenario_id}' in {library.root}{hint}")


def _write(out: TextIO, lines: list[str] | str = "") -> None:
    for line in [lines] if isinstance(lines, str) else lines:
        out.write(line + "\n")
    out.flush()


def _undecodable(text: str) -> bool:
    """Bytes that were not UTF-8 arrive as lone surrogates (`surrogateescape`)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def play_plain(
    session: Session,
    stdin: TextIO,
    stdout: TextIO,
    observer: RunObserver | None = None,
    *,
    prompt: bool = False,
) -> int:
    """Run the conversation over the two streams until an ending, /quit or end of input."""
    observer = observer or NoHistory()
    try:
        return _converse(session, stdin, stdout, observer, prompt=prompt)
    except KeyboardInterrupt:
        # Ctrl-C: every answered turn is already saved; the run stays unfinished.
        observer.run_left(session)
        session.close()
        _write(stdout, ["", "Interrupted: the run was left unfinished."])
        return EXIT_INTERRUPTED


def _converse(
    session: Session, stdin: TextIO, stdout: TextIO, observer: RunObserver, *, prompt: bool
) -> int:
    scenario = session.scenario
    speaker = scenario.counterpart.name
    _write(stdout, briefing_lines(scenario))
    _write(stdout, ["", "Type your reply on one line; /help lists commands.", ""])
    _write(stdout, opening_lines(session.start()))
    while True:
        if prompt:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            observer.run_left(session)
            session.close()
            _write(stdout, ["", "End of input: the run was left unfinished."])
            return EXIT_OK
        reply = line.rstrip("\r\n")
        if _undecodable(reply):
            _write(stdout, "That line is not UTF-8 text, so it cannot be scored; check your "
                   "terminal's encoding. Try again.")
            continue
        command = reply.strip().lower()
        if command == "/quit":
            observer.run_left(session)
            session.close()
            _write(stdout, "You left the conversation; the run was left unfinished.")
            return EXIT_OK
        if command == "/help":
            _write(stdout, [HELP, *choice_lines(session.choices)])
            continue
        if command.startswith("/") and not command[1:].isdigit():
            _write(stdout, f"Unknown command {reply.strip()}; /help lists commands.")
            continue
        try:
            turn = session.respond(reply)
        except (ReplyError, ChoiceError) as exc:
            message = str(exc)
            ending = "" if message.endswith((".", "!", "?")) else "."
            _write(stdout, f"{message}{ending} Try again.")
            continue
        observer.turn_completed(session, turn)
        if turn.choice is not None:
            _write(stdout, f"You: {turn.response}")
        _write(stdout, ["", *feedback_lines(turn.result), "", say_line(speaker, turn.say)])
        if turn.ended:
            debrief = session.debrief()
            observer.run_ended(session, debrief)
            _write(stdout, ["", *debrief_lines(debrief)])
            return EXIT_OK
        _write(stdout, choice_lines(turn.choices))


def run_app(args: argparse.Namespace, scenario: str | None = None) -> int:
    """Open the Textual app, at the scenario's briefing when one is named."""
    # Imported here: the plain mode and the other commands never pay for Textual.
    from simulator.tui.app import UpwardApp

    root = library_root(args)
    part = load_for_scenario(root, scenario) if scenario is not None else None
    if part is not None:
        # The briefing paints from the scenario and its rubric; the rest loads behind it.
        library, rest_of = part, root
    else:
        library, rest_of = load_library(root), None
        if scenario is not None:
            resolve_scenario(library, scenario)  # an unknown id is a usage error, before a screen
    UpwardApp(
        library, db=getattr(args, "db", None), save=not getattr(args, "no_save", False),
        seed=getattr(args, "seed", 0), scenario=scenario, rest_of=rest_of,
    ).run()
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if not args.plain:
        return run_app(args, args.scenario)
    # Like the app: the scenario and its rubric are all a run needs; the whole library is read
    # only when they are not where their ids say, for its messages.
    library = load_for_scenario(library_root(args), args.scenario) or open_library(args)
    loaded = resolve_scenario(library, args.scenario)
    rubric = RubricBook.of(library).get(loaded.model.rubric)
    if rubric is None:
        raise UsageError(f"scenario '{args.scenario}' names rubric '{loaded.model.rubric}', "
                         "which is not in the library")
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A terminal that cannot show a curly quote must not end the run with a traceback.
        sys.stdout.reconfigure(errors="replace")
    # A closed standard input (`<&-`) is no input at all: the run ends as at Ctrl-D.
    stdin = sys.stdin if sys.stdin is not None else io.StringIO("")
    if isinstance(stdin, io.TextIOWrapper):
        # Bytes that are not UTF-8 reach `play_plain` as lone surrogates, which it refuses
        # line by line, instead of a UnicodeDecodeError ending the run.
        stdin.reconfigure(errors="surrogateescape")
    session = Session(loaded.model, rubric, seed=args.seed)
    # Here, not at the top: the app's first frame needs no history (it opens it later).
    from simulator.cli.cmd_history import fail
    from simulator.history import HistoryError, Recorder, file_sha256, open_store

    try:
        with open_store(args.db, save=not args.no_save) as store:
            recorder = Recorder(store, file_sha256(loaded.path))
            return play_plain(session, stdin, sys.stdout, recorder, prompt=stdin.isatty())
    except HistoryError as exc:
        return fail("play", exc)
    finally:
        session.close()  # a store that fails to open must not leave it on the shared machine
