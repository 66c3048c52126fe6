"""`upward play --plain` through the real entry point, and its loop on in-memory streams."""

from __future__ import annotations

import functools
import io

from simulator.cli.play_plain import play_plain
from simulator.engine import Run, Session, TurnResult
from simulator.loading import Library, load_library
from tests.helpers import FIXTURES, run_upward

LIBRARY = FIXTURES / "engine" / "library"


def play(*responses: str, seed: str = "0") -> tuple[int, list[str], str]:
    result = run_upward(
        "--library", str(LIBRARY), "play", "fixture-dashboard", "--plain", "--seed", seed,
        input="".join(f"{r}\n" for r in responses),
    )
    return result.returncode, result.stdout.splitlines(), result.stderr


@functools.cache
def library() -> Library:
    return load_library(LIBRARY)


def test_a_full_run_prints_the_conversation_feedback_and_debrief() -> None:
    code, out, err = play("/2", "For example, I think the legend is missing.")
    assert (code, err) == (0, "")
    assert out[:3] == ["The dashboard nobody reads", "==========================", ""]
    start = out.index("Margaret Hale: So, you wanted to talk about the dashboard?")
    assert out[start + 1:start + 5] == [
        "Meters: trust: 0",
        "  /1 Sorry to bother you, maybe it could be better?",
        "  /2 Last week I noticed the red column confused the board. What do you think?",
        "  /3 For example, the dashboard.",
    ]
    assert out[start + 5:] == [
        "> /2",  # the prompt, and the reply echoed: the output reads as the conversation
        "You: Last week I noticed the red column confused the board. What do you think?",
        "",
        "Feedback: Strong · 100",
        '  Met: Names a specific moment ("Last week"). You anchored it in a moment.',
        '  Met: Invites their view ("What do you think"). You asked for their view.',
        '  Met: Owns the view ("I noticed"). You owned the view.',
        '  Met: Stays on the dashboard (this turn) ("column").',
        "",
        "Margaret Hale: Walk me through it.",
        "Meters: trust: 1 (up 1)",
        "  /1 I think the column needs a legend.",
        "  /2 For example, last week I noticed three questions. What do you think?",
        "> For example, I think the legend is missing.",
        "",
        "Feedback: Strong · 75",
        '  Met: Names a specific moment ("For example"). You anchored it in a moment.',
        '  Met: Owns the view ("I think"). You owned the view.',
        '  Try next: Invites their view. Ask "what do you think?"',
        "",
        "Margaret Hale: Let's fix it together.",
        "",
        "Debrief",
        "=======",
        "Outcome: success, ending 'redesign'",
        "What decided it: reply 2 was strong (75) and trust was 1, so the conversation ended "
        "in success.",
        "Path: opening -> curious -> redesign",
        "Replies: 2, mean score 88",
        "Meters: trust: 1",
        "",
        "Criteria (times met / replies that scored it; then reply by reply):",
        "  Names a specific moment  2/2  (1 met, 2 met)",
        "  Invites their view       1/2  (1 met, 2 missed)",
        "  Owns the view            2/2  (1 met, 2 met)",
        "  Stays on the dashboard   1/1  (1 met, 2 not scored)",
        "",
        "Flags seen:",
        "  none",
        "",
        "What happened:",
        "  You were specific and asked for her view.",
        "",
        "Stronger alternatives:",
        "  Reply 2 at curious: you scored 75 (strong); /2 scores 100 (strong):",
        '    "For example, last week I noticed three questions. What do you think?"',
    ]
    assert not any("**" in line for line in out)  # plain text, not Markdown


def test_flags_are_shown_with_the_words_and_the_tip() -> None:
    code, out, _ = play("You never listen to the board.", "/quit")
    assert code == 0
    assert '  Flag: Blame ("You never"). Tip: Describe the effect, not the person.' in out
    assert out[-1] == "You left the conversation; the run was left unfinished."


def test_end_of_input_mid_run_leaves_it_unfinished() -> None:
    code, out, err = play("/3")
    assert (code, err) == (0, "")
    assert out[-4:] == [
        "  /1 I think it matters.",
        "  /2 For example, last week I noticed the board skipped it. What do you think?",
        "> ",
        "End of input: the run was left unfinished.",
    ]
    assert "Debrief" not in out


def test_bad_lines_are_explained_and_asked_again() -> None:
    code, out, _ = play("", "/9", "/foo", "/1")
    assert code == 0
    after_choices = out.index("  /3 For example, the dashboard.") + 1
    assert out[after_choices:after_choices + 8] == [
        "> ",
        "Your reply is empty; say something to them first. Try again.",
        "> /9",
        "/9: pick /1 to /3, or type your own reply. Try again.",
        "> /foo",
        "Unknown command /foo; /help lists commands.",
        "> /1",
        "You: Sorry to bother you, maybe it could be better?",
    ]
    assert "Outcome: setback, ending 'brushed-off'" in out


def test_help_lists_the_commands_and_the_choices() -> None:
    _, out, _ = play("/help")
    at = out.index("Commands:")
    assert out[at + 1:at + 5] == [
        "  /1 .. /9   say the suggested reply with that number",
        "  /back      take back your last reply and answer that line again (once per reply)",
        "  /help      show this list",
        "  /quit      leave the conversation (the run stays unfinished)",
    ]
    assert out[at + 6] == "  /1 Sorry to bother you, maybe it could be better?"


def test_the_seed_picks_the_line_variants() -> None:
    openings = {
        next(line for line in play(seed=str(seed))[1] if line.startswith("Margaret Hale:"))
        for seed in range(6)
    }
    assert len(openings) > 1


def test_no_save_is_accepted() -> None:
    result = run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
                        "--seed", "0", "--no-save", input="/1\n")
    assert result.returncode == 0
    assert "Outcome: setback, ending 'brushed-off'" in result.stdout.splitlines()


def test_an_unknown_scenario_is_a_usage_error() -> None:
    result = run_upward("--library", str(LIBRARY), "play", "nope", "--plain", input="")
    assert result.returncode == 2
    assert "no scenario 'nope'" in result.stderr


class Recording:
    """A saver that writes into the transcript, to show when it is called."""

    def __init__(self, out: io.StringIO) -> None:
        self.out = out

    def turn_completed(self, session: Session, turn: TurnResult) -> None:
        self.out.write(f"[saved turn {turn.number}]\n")

    def turn_taken_back(self, session: Session, turn: TurnResult) -> None:
        self.out.write(f"[took back turn {turn.number}]\n")

    def run_left(self, session: Session) -> None:
        self.out.write("[left]\n")


def test_each_turn_is_saved_then_announced_before_the_next_line_is_shown() -> None:
    out = io.StringIO()
    session = Session.from_library(library(), "fixture-dashboard")
    announced = lambda _session, turn: out.write(f"[announced turn {turn.number}]\n")  # noqa: E731
    run = Run(session, Recording(out), [announced])
    code = play_plain(run, io.StringIO("/2\n/2\n"), out)
    text = out.getvalue().splitlines()
    assert code == 0
    assert text.index("[saved turn 1]") < text.index("[announced turn 1]") \
        < text.index("Margaret Hale: Walk me through it.")
    assert text.index("[saved turn 2]") < text.index("Margaret Hale: Let's fix it together.")
    assert not any(model is session for model in session._machine.models)


def test_leaving_is_reported_to_the_saver_and_frees_the_session() -> None:
    out = io.StringIO()
    session = Session.from_library(library(), "fixture-dashboard")
    assert play_plain(Run(session, Recording(out)), io.StringIO("/3\n"), out) == 0
    assert out.getvalue().splitlines()[-3:] == [
        "> [left]", "", "End of input: the run was left unfinished.",
    ]
    assert not any(model is session for model in session._machine.models)


def test_back_takes_the_last_reply_back_once_and_the_retry_replaces_it() -> None:
    out = io.StringIO()
    session = Session.from_library(library(), "fixture-dashboard")
    run = Run(session, Recording(out))
    play_plain(run, io.StringIO("/3\n/back\n/back\n/2\n/back\n/quit\n"), out)
    text = out.getvalue().splitlines()
    assert "[took back turn 1]" in text and "Reply 1 taken back; answer again." in text
    assert "Nothing taken back: no reply to take back." in text
    assert "Nothing taken back: that reply was already a second try; it stands." in text
    [turn] = session.turns
    assert turn.retry and turn.response.startswith("Last week I noticed")
    assert [t.response for t in session.taken_back] == ["For example, the dashboard."]
