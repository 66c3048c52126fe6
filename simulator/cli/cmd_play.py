"""`upward play ID --plain`: the whole conversation as plain lines on stdin and stdout."""

from __future__ import annotations

import argparse
import io
import secrets
import sys
from pathlib import PurePath
from typing import TextIO

from simulator.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_db_option,
    library_root,
    open_library,
)
from simulator.engine import CannotTakeBack, ChoiceError, RubricBook, Run, Session
from simulator.engine.feedback import plain_feedback_lines
from simulator.engine.transcript import (
    briefing_lines,
    choice_lines,
    debrief_lines,
    say_line,
    scene_lines,
)
from simulator.loading import Library, Loaded, load_for_scenario, load_library
from simulator.loading.problems import did_you_mean
from simulator.model import Scenario
from simulator.safety.bounds import bounded_int
from simulator.safety.text import terminal_text
from simulator.scoring import ReplyError

SEED_MAX = 2**63 - 1
"""The history stores the seed as a SQLite INTEGER; a larger one would lose the first turn."""

HELP = """Commands:
  /1 .. /9   say the suggested reply with that number
  /back      take back your last reply and answer that line again (once per reply)
  /help      show this list
  /quit      leave the conversation (the run stays unfinished)
Anything else you type is your reply, on one line."""


def random_seed() -> int:
    """A fresh seed when none is given: each run shuffles the suggestions its own way (seed 0,
    which keeps the trainer's order, only when asked for)."""
    return 1 + secrets.randbelow(999_999)


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
        "--seed", type=bounded_int(-SEED_MAX, SEED_MAX), default=None, metavar="N",
        help="orders the suggested replies and picks among a line's variants; the same seed "
        "replays the same run; 0 keeps the trainer's order (default: a new seed each run, "
        "saved with the attempt)",
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
        out.write(terminal_text(line) + "\n")  # nothing printed can drive the terminal
    out.flush()


def _undecodable(text: str) -> bool:
    """Bytes that were not UTF-8 arrive as lone surrogates (`surrogateescape`)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def play_plain(
    run: Run, stdin: TextIO, stdout: TextIO, *, echo: bool = True,
) -> int:
    """Run the conversation over the two streams until an ending, /quit or end of input.

    A prompt is shown before each reply; with `echo` (input that is not a terminal) the reply
    is written after it, so the output reads as the whole conversation.
    """
    try:
        return _converse(run, stdin, stdout, echo=echo)
    except KeyboardInterrupt:
        # Ctrl-C: every answered turn is already saved; the run stays unfinished.
        run.leave()
        _write(stdout, ["", "Interrupted: the run was left unfinished."])
        return EXIT_INTERRUPTED
    finally:
        run.leave()


PROMPT = "> "


def _converse(run: Run, stdin: TextIO, stdout: TextIO, *, echo: bool) -> int:
    session = run.session
    _write(stdout, briefing_lines(session.scenario))
    _write(stdout, ["", "Type your reply on one line; /help lists commands.", ""])
    scene = run.scene()
    _write(stdout, [say_line(scene.speaker, scene.say), *scene_lines(scene, meters=True)])
    while True:
        stdout.write(PROMPT)
        stdout.flush()
        line = stdin.readline()
        if not line:
            run.leave()
            _write(stdout, ["", "End of input: the run was left unfinished."])
            return EXIT_OK
        reply = line.rstrip("\r\n").lstrip("\ufeff")  # a BOM before `/1` is still a choice
        if echo:
            _write(stdout, reply)
        if _undecodable(reply):
            _write(stdout, "That line is not UTF-8 text, so it cannot be scored; check your "
                   "terminal's encoding. Try again.")
            continue
        command = reply.strip().lower()
        if command == "/quit":
            run.leave()
            _write(stdout, "You left the conversation; the run was left unfinished.")
            return EXIT_OK
        if command == "/help":
            _write(stdout, [HELP, *choice_lines(session.choices)])
            continue
        if command == "/back":
            try:
                taken = run.take_back()
            except CannotTakeBack as exc:
                _write(stdout, f"Nothing taken back: {exc}.")
                continue
            scene = run.scene()
            _write(stdout, [f"Reply {taken.number} taken back; answer again.", "",
                            say_line(scene.speaker, scene.say), *scene_lines(scene)])
            continue
        if command.startswith("/") and not command[1:].isdigit():
            _write(stdout, f"Unknown command {reply.strip()}; /help lists commands.")
            continue
        try:
            step = run.reply(reply)
        except (ReplyError, ChoiceError) as exc:
            message = str(exc)
            ending = "" if message.endswith((".", "!", "?")) else "."
            _write(stdout, f"{message}{ending} Try again.")
            continue
        turn = step.turn
        if turn.choice is not None:
            _write(stdout, f"You: {turn.response}")
        _write(stdout, ["", *plain_feedback_lines(step.feedback)])
        if step.save_problem:
            # The reply and its feedback stay on screen; going on would lose every later turn.
            _write(stdout, ["", "This turn was not saved, so the run stops here."])
            sys.stderr.write(terminal_text(f"upward play: {step.save_problem}") + "\n")
            return EXIT_PROBLEMS
        _write(stdout, ["", say_line(step.scene.speaker, step.scene.say)])
        if turn.ended:
            _write(stdout, ["", *debrief_lines(run.debrief())])
            return EXIT_OK
        _write(stdout, scene_lines(step.scene))


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
        seed=getattr(args, "seed", None), scenario=scenario, rest_of=rest_of,
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
    seed = random_seed() if args.seed is None else args.seed
    session = Session(loaded.model, rubric, seed=seed, shuffle=True)
    # Here, not at the top: the app's first frame needs no history (it opens it later).
    from simulator.cli.cmd_history import fail
    from simulator.history import HistoryError, Recorder, file_sha256
    from simulator.programme import open_store

    try:
        with open_store(args.db, save=not args.no_save) as store:
            run = Run(session, Recorder(store, file_sha256(loaded.path)))
            return play_plain(run, stdin, sys.stdout, echo=not stdin.isatty())
    except HistoryError as exc:
        return fail("play", exc)
    finally:
        session.close()  # a store that fails to open must not leave it on the shared machine
