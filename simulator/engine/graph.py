"""A scenario's beats and branches as Mermaid or Graphviz text.

Written from the scenario rather than through transitions' GraphMachine: the edges then carry
the trainer's own conditions in words ("band: strong") instead of guard object names, the
max-turns twins in the machine show as one dashed edge, endings get a class per outcome, and no
graph library or binary is needed. Node ids are generated (`n0`, `n1`...) because Mermaid
reads words like `end` and patterns like `o--` in ids as syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.conditions import describe_when
from simulator.model import Next, Outcome, Scenario

COLOURS = {
    Outcome.success: ("#d4edda", "#2e7d32"),
    Outcome.partial: ("#fff3cd", "#b8860b"),
    Outcome.setback: ("#f8d7da", "#c62828"),
}
"""Fill and border per outcome; the label names the outcome too, for readers who cannot see
colour."""


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    dest: str
    label: str
    dashed: bool = False


def branch_label(branch: Next) -> str:
    label = describe_when(branch.when)
    if branch.effects:
        changes = ", ".join(f"{meter} {change:+d}" for meter, change in branch.effects.items())
        label += f" ({changes})"
    return label


def edges(scenario: Scenario) -> list[Edge]:
    """Every branch in file order, then the dashed max-turns edges."""
    found = [
        Edge(beat_id, branch.to, branch_label(branch))
        for beat_id, beat in scenario.beats.items()
        for branch in beat.next
    ]
    if scenario.max_turns is not None and scenario.on_max_turns is not None:
        found += [
            Edge(beat_id, scenario.on_max_turns, f"after reply {scenario.max_turns}", dashed=True)
            for beat_id in scenario.beats
        ]
    return found


def _node_ids(scenario: Scenario) -> dict[str, str]:
    return {node: f"n{i}" for i, node in enumerate([*scenario.beats, *scenario.endings])}


def _ending_label(scenario: Scenario, ending_id: str) -> str:
    return f"{ending_id} ({scenario.endings[ending_id].outcome.value})"


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def to_mermaid(scenario: Scenario) -> str:
    """A `flowchart` that GitHub renders in a ```mermaid block."""
    ids = _node_ids(scenario)
    lines = ["flowchart TD", '    entry(("start"))']
    lines += [f'    {ids[beat]}["{_mermaid_text(beat)}"]' for beat in scenario.beats]
    lines += [
        f'    {ids[e]}(["{_mermaid_text(_ending_label(scenario, e))}"]):::{ending.outcome.value}'
        for e, ending in scenario.endings.items()
    ]
    lines.append(f"    entry --> {ids[scenario.start]}")
    for edge in edges(scenario):
        arrow = "-.->" if edge.dashed else "-->"
        lines.append(
            f'    {ids[edge.source]} {arrow}|"{_mermaid_text(edge.label)}"| {ids[edge.dest]}'
        )
    for outcome, (fill, stroke) in COLOURS.items():
        lines.append(f"    classDef {outcome.value} fill:{fill},stroke:{stroke},color:#000")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(scenario: Scenario) -> str:
    """A Graphviz `digraph`; render with `dot -Tsvg`."""
    lines = [
        f"digraph {_dot_text(scenario.id)} {{",
        "    rankdir=TB;",
        '    node [shape=box, style="rounded", fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        "    entry [shape=point, width=0.2];",
    ]
    lines += [f"    {_dot_text(beat)};" for beat in scenario.beats]
    for ending_id, ending in scenario.endings.items():
        fill, stroke = COLOURS[ending.outcome]
        lines.append(
            f"    {_dot_text(ending_id)} [label={_dot_text(_ending_label(scenario, ending_id))}, "
            f'style="rounded,filled", fillcolor="{fill}", color="{stroke}"];'
        )
    lines.append(f"    entry -> {_dot_text(scenario.start)};")
    for edge in edges(scenario):
        style = ", style=dashed" if edge.dashed else ""
        lines.append(
            f"    {_dot_text(edge.source)} -> {_dot_text(edge.dest)} "
            f"[label={_dot_text(edge.label)}{style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


FORMATS = {"mermaid": to_mermaid, "dot": to_dot}
