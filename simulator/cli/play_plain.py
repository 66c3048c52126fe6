"""`upward play ID --plain`: the whole conversation as plain lines on stdin and stdout.

Apart from `cmd_play` so that the app's first frame never imports the engine through it."""

from __future__ import annotations

import argparse
import io
import sys
from typing import TextIO

from simulator.cli.cmd_play import random_seed, resolve_scenario
from simulator.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
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
from simulator.loading import load_for_scenario
from simulator.safety.text import terminal_text
from simulator.scoring import ReplyError

HELP = """Commands:
  /1 .. /9   say the suggested reply with that number
  /back      take back your last reply and answer that line again (once per reply)
  /help      show this list
  /quit      leave the conversation (the run stays unfinished)
Anything else you type is your reply, on one line."""



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


def run_plain(args: argparse.Namespace) -> int:
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
