"""The debrief: how it ended, the path, each criterion across the turns, flags, the trainer's
debrief text and the suggested replies that would have scored higher."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Markdown, Static

from simulator.engine import Debrief, points
from simulator.tui.browser import shortened
from simulator.tui.footer import Footer
from simulator.tui.keys import OwnKeysFirst
from simulator.tui.messages import StartRun

OUTCOME_STYLES = {"success": "$text-success", "partial": "$text-warning", "setback": "$text-error"}
MARKS = {True: "✓", False: "✗", None: "·"}


def outcome_content(debrief: Debrief) -> Content:
    if not debrief.finished or debrief.outcome is None:
        return Content.styled("Unfinished", "bold")
    outcome = debrief.outcome.value
    why = " (out of turns)" if debrief.ran_out else ""
    lines = [Content.from_markup(
        "[b]$title[/b]\nOutcome: [b $style]$outcome[/] · ending [i]$ending[/i]$why",
        title=debrief.title, style=OUTCOME_STYLES.get(outcome, ""), outcome=outcome,
        ending=debrief.ending or "", why=why,
    )]
    if debrief.decided:
        lines.append(Content(debrief.decided))
    lines += [Content.from_markup("[b $style]To reach a better ending:[/] $line",
                                  style=OUTCOME_STYLES["success"], line=line)
              for line in debrief.better]
    lines.append(Content("Path: " + " → ".join(debrief.path)))
    summary = f"{debrief.turns} {'reply' if debrief.turns == 1 else 'replies'}"
    if debrief.mean_score is not None:
        summary += f", mean score {points(debrief.mean_score)}"
    if debrief.meters:
        summary += " · " + ", ".join(f"{k} {v}" for k, v in debrief.meter_labels.items())
    lines.append(Content(summary))
    return Content("\n").join(lines)


def flags_content(debrief: Debrief) -> Content:
    if not debrief.flags:
        return Content.from_markup("[b]Flags seen:[/b] none")
    lines = [Content.from_markup("[b]Flags seen[/b]")]
    for flag in debrief.flags:
        replies = ", ".join(str(n) for n in flag.turns)
        lines.append(Content.from_markup(
            "[$text-error]⚑ $label[/] [dim](reply $replies)[/dim] — $tip",
            label=flag.label, replies=replies, tip=flag.tip,
        ))
    return Content("\n").join(lines)


def alternatives_content(debrief: Debrief) -> Content:
    lines = [Content.from_markup("[b]Stronger alternatives[/b]")]
    for alt in debrief.alternatives:
        lines.append(Content.from_markup(
            "Reply $turn: you scored $yours; suggestion $number scores [b]$theirs[/b] ($band)\n"
            "  [i]“$text”[/i]",
            turn=alt.turn, yours=str(points(alt.yours.score)), number=alt.number,
            theirs=str(points(alt.result.score)), band=alt.result.band.value, text=alt.text,
        ))
    return Content("\n").join(lines)


class DebriefScreen(OwnKeysFirst):
    CSS_PATH = "debrief.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry"),
        Binding("b,escape", "back", "Back"),
    ]
    HELP = """\
**Debrief.** The arrows and **PgDn** read on: the path you took, each criterion
reply by reply, the flags and the replies that would have scored higher.
**r** tries the scenario again, **b** or **Esc** goes back.
"""

    def __init__(self, debrief: Debrief) -> None:
        super().__init__()
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        debrief = self.debrief
        with VerticalScroll(id="debrief"):
            yield Static(outcome_content(debrief), id="outcome")
            yield DataTable(id="criteria", cursor_type="none", zebra_stripes=True)
            yield Static(flags_content(debrief), id="flags")
            if debrief.text:
                yield Static(Content.from_markup("[b]What happened[/b]"))
                yield Markdown(debrief.text, id="story")
            if debrief.alternatives:
                yield Static(alternatives_content(debrief), id="alternatives")
        with Horizontal(id="debrief-buttons", classes="buttons"):
            yield Button("Retry", id="retry", variant="primary", compact=True)
            yield Button("Back", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#criteria", DataTable)
        replies = [f"R{n}" for n in range(1, self.debrief.turns + 1)]
        table.add_columns("Criterion", "Met", *replies)
        # A long run must not push its last replies off an 80-column screen: the labels
        # give way first (each cell has a space either side; the page has its scrollbar).
        room = self.app.size.width - 4 - 2 - (3 + 2) - sum(len(r) + 2 for r in replies)
        for item in self.debrief.criteria:
            label = f"{item.label} (this beat)" if item.focus else item.label
            table.add_row(Text(shortened(label, max(room, 16))), f"{item.met}/{item.turns}",
                          *(MARKS[m] for m in item.per_turn))
        # The scroll, not a button, takes focus: arrows and PageDown then read on; r and b act.
        self.query_one("#debrief").focus()

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        self.post_message(StartRun(self.debrief.scenario))

    @on(Button.Pressed, "#back")
    async def action_back(self) -> None:
        await self.app.run_action(f"back_from_debrief({self.debrief.scenario!r})")
