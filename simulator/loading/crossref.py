"""Checks that span a file or files: references, reachability, fallbacks. Run after the schema."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from simulator.loading.lexicons import focus_refs
from simulator.loading.problems import Problem, did_you_mean
from simulator.loading.yaml_source import Document
from simulator.model import Beat, Ending, Line, Rubric, Scenario, When
from simulator.model.detectors import outcome_refs
from simulator.model.rubric import FlagLoop, flag_order
from simulator.model.scenario import QUOTE


def check_rubric(rubric: Rubric, doc: Document) -> Iterator[Problem]:
    """Ids unique within the rubric, across criteria and flags."""
    seen: dict[str, str] = {}
    for section in ("criteria", "flags"):
        for index, item in enumerate(getattr(rubric, section)):
            if item.id in seen:
                yield doc.problem(
                    (section, index, "id"),
                    f"id '{item.id}' is already used by a {seen[item.id]}; ids must be unique "
                    "within a rubric",
                )
            seen[item.id] = "criterion" if section == "criteria" else "flag"
    for index, name in enumerate(rubric.strong_needs_one_of or ()):
        if seen.get(name) == "criterion":
            continue
        if name in seen:
            message = (f"'{name}' is a flag; `strong_needs_one_of` names criteria (a flag "
                       "holds the band with `caps: adequate`)")
        else:
            criteria = {c.id for c in rubric.criteria}
            message = f"no criterion '{name}' in this rubric{did_you_mean(name, criteria)}"
        yield doc.problem(("strong_needs_one_of", index), message)
    yield from _check_outcome_refs(rubric, doc)


def _check_outcome_refs(rubric: Rubric, doc: Document) -> Iterator[Problem]:
    """`met` names a criterion judged before, `raised` a flag; flags never depend on each
    other in a loop. Criteria are judged in file order, then flags."""
    criteria = [c.id for c in rubric.criteria]
    flags = {f.id for f in rubric.flags}
    items: list[tuple[str, int, str, object, tuple[str | int, ...]]] = [
        *(("criteria", i, c.id, c.detect, ("criteria", i, "detect"))
          for i, c in enumerate(rubric.criteria)),
        *(("flags", i, f.id, f.detect, ("flags", i, "detect")) for i, f in enumerate(rubric.flags)),
    ]
    if rubric.strong_needs is not None:
        # Judged after every criterion and flag, so it may name any of them.
        items.append(("strong_needs", 0, "", rubric.strong_needs, ("strong_needs",)))
    for section, index, own, detect, base in items:
        for path, kind, name in outcome_refs(detect, base):
            message = _outcome_problem(section, index, own, kind, name, criteria, flags)
            if message:
                yield doc.problem(path, message)
    try:
        flag_order(rubric.flags)
    except FlagLoop as exc:
        at = next(i for i, f in enumerate(rubric.flags) if f.id == exc.loop[0])
        yield doc.problem(
            ("flags", at, "detect"),
            f"{exc}; a flag judged by another cannot judge it back: drop one of the "
            "`raised` names",
        )


def _outcome_problem(
    section: str, index: int, own: str, kind: str, name: str,
    criteria: list[str], flags: set[str],
) -> str | None:
    if own and name == own:
        return f"`{kind}: [{name}]` names this {'criterion' if section == 'criteria' else 'flag'}" \
            " itself; name another one"
    if kind == "raised" and section == "criteria":
        return (
            f"`raised: [{name}]` in a criterion: criteria are judged before flags, so a "
            "criterion cannot depend on one; move this test into a flag"
        )
    if kind == "met":
        if name in flags:
            return f"'{name}' is a flag; `met` names criteria, so write `raised: [{name}]`"
        if name not in criteria:
            return f"no criterion '{name}' in this rubric{did_you_mean(name, set(criteria))}"
        if section == "criteria" and criteria.index(name) > index:
            return (
                f"criterion '{name}' comes after this one; criteria are judged in file "
                "order, so move it above this one"
            )
        return None
    if name in criteria:
        return f"'{name}' is a criterion; `raised` names flags, so write `met: [{name}]`"
    if name not in flags:
        return f"no flag '{name}' in this rubric{did_you_mean(name, flags)}"
    return None


def check_scenario(
    scenario: Scenario, doc: Document, rubrics: dict[str, Rubric],
    unloaded: Mapping[str, Path] | None = None,
) -> Iterator[Problem]:
    """Every reference resolves; every beat is reachable and can reach an ending. `unloaded`:
    rubric files that were found but did not load, by the id they give."""
    nodes = set(scenario.beats) | set(scenario.endings)
    for name in sorted(set(scenario.beats) & set(scenario.endings)):
        yield doc.problem(
            ("endings", name), f"'{name}' is both a beat and an ending; rename one", key=True
        )
    rubric = rubrics.get(scenario.rubric)
    if rubric is None and unloaded and scenario.rubric in unloaded:
        # The rubric is there but has problems of its own: say so, rather than that it is
        # missing, and point at the file whose messages to fix first.
        yield doc.problem(
            ("rubric",),
            f"rubric '{scenario.rubric}' did not load: fix the problems reported for "
            f"{unloaded[scenario.rubric].name} first; this scenario is checked against it "
            "once it loads",
        )
    elif rubric is None:
        known = ", ".join(sorted(rubrics)) or "none found"
        yield doc.problem(
            ("rubric",), f"no rubric with id '{scenario.rubric}' (known: {known})"
        )
    elif rubric.track != scenario.track:
        yield doc.problem(
            ("rubric",),
            f"rubric '{rubric.id}' is for the {rubric.track} track but this scenario is "
            f"{scenario.track}",
        )
    if scenario.start not in scenario.beats:
        named = "an ending" if scenario.start in scenario.endings else "no beat"
        hint = "" if scenario.start in scenario.endings \
            else did_you_mean(scenario.start, set(scenario.beats))
        yield doc.problem(
            ("start",), f"`start` names {named} '{scenario.start}'{hint or '; name a beat'}"
        )
    if (scenario.max_turns is None) != (scenario.on_max_turns is None):
        yield doc.problem(
            ("max_turns",) if scenario.max_turns is not None else ("on_max_turns",),
            "`max_turns` and `on_max_turns` go together; give both or neither",
        )
    if scenario.on_max_turns is not None and scenario.on_max_turns not in scenario.endings:
        yield doc.problem(
            ("on_max_turns",), f"`on_max_turns` names no ending '{scenario.on_max_turns}'"
        )
    rubric_ids = (
        {c.id for c in rubric.criteria} | {f.id for f in rubric.flags} if rubric else set()
    )
    flag_ids = {f.id for f in rubric.flags} if rubric else set()
    for beat_id, beat in scenario.beats.items():
        base = ("beats", beat_id)
        focus_ids = {c.id for c in beat.focus}
        for ref_path, ref in focus_refs(beat.focus, (*base, "focus")):
            yield doc.problem(
                ref_path,
                f"`@{ref}`: a beat's focus cannot use lexicons; write the words out here, "
                "or move the criterion into the rubric",
            )
        for index, focus in enumerate(beat.focus):
            for ref_path, kind, _ in outcome_refs(focus.detect, (*base, "focus", index, "detect")):
                yield doc.problem(
                    ref_path,
                    f"`{kind}`: a beat's focus cannot use the rubric's results; move the "
                    "criterion into the rubric",
                )
            if focus.id in rubric_ids:
                yield doc.problem(
                    (*base, "focus", index, "id"),
                    f"focus criterion '{focus.id}' has the same id as one in rubric "
                    f"'{scenario.rubric}'; give it its own id",
                )
        fallbacks = [i for i, branch in enumerate(beat.next) if branch.when is None]
        if not fallbacks:
            yield doc.problem(
                (*base, "next"),
                f"beat '{beat_id}' has no fallback: add a last `- to: ...` entry without `when`",
            )
        for extra in fallbacks[1:]:
            yield doc.problem(
                (*base, "next", extra),
                f"beat '{beat_id}' has more than one entry without `when`; keep one fallback",
            )
        if fallbacks and fallbacks[0] != len(beat.next) - 1:
            yield doc.problem(
                (*base, "next", fallbacks[0]),
                "the fallback (no `when`) must be the last entry: entries after it never run",
            )
        for index, branch in enumerate(beat.next):
            where = (*base, "next", index)
            if branch.to not in nodes:
                yield doc.problem(
                    (*where, "to"),
                    f"`to` names no beat or ending '{branch.to}'{did_you_mean(branch.to, nodes)}",
                )
            for meter in branch.effects:
                if meter not in scenario.meters:
                    yield doc.problem(
                        (*where, "effects", meter),
                        f"meter '{meter}' is not declared; add it under `meters:`",
                        key=True,
                    )
            if branch.when is not None:
                yield from _check_when(
                    branch.when, (*where, "when"), doc, scenario,
                    rubric_ids | focus_ids, flag_ids, rubric is not None,
                )
    all_focus = {c.id for beat in scenario.beats.values() for c in beat.focus}
    yield from _check_lines(scenario, doc, rubric_ids | all_focus, flag_ids, rubric is not None)
    yield from _check_reachability(scenario, doc)
    yield from _check_examples(scenario, doc, nodes)


def _check_lines(
    scenario: Scenario, doc: Document, ids: set[str], flag_ids: set[str], have_rubric: bool
) -> Iterator[Problem]:
    """`say` lines' conditions and quotes, and debrief parts' conditions, name things that exist."""
    spoken: list[tuple[str, str, Beat | Ending]] = [
        ("beats", k, v) for k, v in scenario.beats.items()
    ] + [("endings", k, v) for k, v in scenario.endings.items()]
    for section, node, item in spoken:
        lines = [] if isinstance(item.say, str) else list(enumerate(item.say))
        for index, line in lines:
            where: tuple[str | int, ...] = (section, node, "say", index)
            text = line if isinstance(line, str) else line.line
            if have_rubric:
                for quoted in QUOTE.findall(text):
                    if quoted not in ids:
                        yield doc.problem(
                            where if isinstance(line, str) else (*where, "line"),
                            f"{{quote:{quoted}}} names no criterion or flag of rubric "
                            f"'{scenario.rubric}' or a beat's focus{did_you_mean(quoted, ids)}",
                        )
            if isinstance(line, Line) and line.when is not None:
                yield from _check_when(line.when, (*where, "when"), doc, scenario,
                                       ids, flag_ids, have_rubric)
    if not have_rubric:
        return
    for ending_id, ending in scenario.endings.items():
        parts = [] if isinstance(ending.debrief, str) else list(enumerate(ending.debrief))
        for index, part in parts:
            if isinstance(part, str):
                continue
            at: tuple[str | int, ...] = ("endings", ending_id, "debrief", index, "when")
            for key, known in (("met", ids - flag_ids), ("never_met", ids - flag_ids),
                               ("flags_any", flag_ids), ("not_flags", flag_ids)):
                for n, item_id in enumerate(getattr(part.when, key) or []):
                    if item_id not in known:
                        yield doc.problem(
                            (*at, key, n),
                            f"'{item_id}' is not a {'flag' if 'flags' in key else 'criterion'} "
                            f"of rubric '{scenario.rubric}'{did_you_mean(item_id, known)}",
                        )
            if part.when.last is not None:
                yield from _check_when(part.when.last, (*at, "last"), doc, scenario,
                                       ids, flag_ids, have_rubric)


def _check_when(
    when: When,
    path: tuple[str | int, ...],
    doc: Document,
    scenario: Scenario,
    criterion_ids: set[str],
    flag_ids: set[str],
    have_rubric: bool,
) -> Iterator[Problem]:
    if have_rubric:
        for key in ("met", "missed"):
            for index, cid in enumerate(getattr(when, key) or []):
                if cid not in criterion_ids - flag_ids:
                    yield doc.problem(
                        (*path, key, index),
                        f"no criterion '{cid}' in rubric '{scenario.rubric}' or this beat's "
                        f"focus{did_you_mean(cid, criterion_ids - flag_ids)}",
                    )
        for index, fid in enumerate(when.flags_any or []):
            if fid not in flag_ids:
                yield doc.problem(
                    (*path, "flags_any", index),
                    f"no flag '{fid}' in rubric '{scenario.rubric}'{did_you_mean(fid, flag_ids)}",
                )
    for meter in when.meter or {}:
        if meter not in scenario.meters:
            yield doc.problem(
                (*path, "meter", meter),
                f"meter '{meter}' is not declared; add it under `meters:`",
                key=True,
            )
    if when.score_at_least is not None and when.score_below is not None \
            and when.score_at_least >= when.score_below:
        yield doc.problem(
            (*path, "score_below"), "`score_below` must be above `score_at_least`; nothing matches"
        )
    for index, inner in enumerate(when.any or []):
        yield from _check_when(
            inner, (*path, "any", index), doc, scenario, criterion_ids, flag_ids, have_rubric
        )
    if when.not_ is not None:
        yield from _check_when(
            when.not_, (*path, "not"), doc, scenario, criterion_ids, flag_ids, have_rubric
        )


def _edges(scenario: Scenario) -> dict[str, set[str]]:
    edges = {beat_id: {b.to for b in beat.next} for beat_id, beat in scenario.beats.items()}
    if scenario.on_max_turns is not None:
        for targets in edges.values():
            targets.add(scenario.on_max_turns)
    return edges


def _check_reachability(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    if scenario.start not in scenario.beats:
        return
    edges = _edges(scenario)
    seen = {scenario.start}
    stack = [scenario.start]
    while stack:
        for target in edges.get(stack.pop(), ()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    for section, ids in (("beats", scenario.beats), ("endings", scenario.endings)):
        for node in ids:
            if node not in seen:
                yield doc.problem(
                    (section, node),
                    f"'{node}' cannot be reached from start '{scenario.start}'; "
                    "add a `to: " + node + "` somewhere or remove it",
                    key=True,
                )
    # Walk backwards from the endings: every beat must lead to one.
    reverse: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, set()).add(source)
    finishing = set(scenario.endings)
    stack = list(finishing)
    while stack:
        for source in reverse.get(stack.pop(), ()):
            if source not in finishing:
                finishing.add(source)
                stack.append(source)
    for beat_id in scenario.beats:
        if beat_id in seen and beat_id not in finishing:
            yield doc.problem(
                ("beats", beat_id),
                f"no ending can be reached from beat '{beat_id}': the learner would be "
                "trapped; add a branch towards an ending",
                key=True,
            )


def _check_examples(scenario: Scenario, doc: Document, nodes: set[str]) -> Iterator[Problem]:
    for index, example in enumerate(scenario.examples):
        where = ("examples", index, "expect")
        if example.expect.ending not in scenario.endings:
            yield doc.problem(
                (*where, "ending"),
                f"no ending '{example.expect.ending}'"
                f"{did_you_mean(example.expect.ending, set(scenario.endings))}",
            )
        path = example.expect.path or []
        for step, node in enumerate(path):
            if node not in nodes:
                yield doc.problem(
                    (*where, "path", step), f"no beat or ending '{node}'{did_you_mean(node, nodes)}"
                )
        # With a broken `start` every example would repeat the one problem reported above.
        if path and path[0] != scenario.start and scenario.start in scenario.beats:
            yield doc.problem((*where, "path", 0), f"a path begins at start '{scenario.start}'")
        if path and path[-1] != example.expect.ending:
            yield doc.problem(
                (*where, "path", len(path) - 1),
                f"the path ends at '{path[-1]}' but `ending` is '{example.expect.ending}'",
            )

