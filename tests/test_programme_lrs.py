"""Programmes against a real Learning Record Store (Ralph, started on 127.0.0.1 by the tests).

A played run's statements arrive in cmi5's order and validate; an LRS that goes away mid-run
loses nothing and gets everything once when it is back; a learner killed between saving a turn
and sending it loses nothing; wrong credentials say so and keep the outbox; and `report --lrs`
prints what `report` prints from the same learners' exports.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

from simulator.history import SqliteStore
from simulator.programme import SendingStore, client_for, joined_now, load, send_waiting
from simulator.programme import sending as sending_module
from simulator.programme.lrs_report import exports_from, query
from simulator.report import build_export, dump_export
from simulator.xapi import UPWARD, statements
from tests.helpers import REPO, run_upward, turns_saved
from tests.holding_proxy import HoldingProxy
from tests.lrs import Ralph
from tests.programme_helpers import LIBRARY, PLAYS, SCENARIO, play, wait_for

SECRET = "lead-secret-8f3a"
COHORT_SECRET = "cohort-secret-2b7c"
ORDER = ["initialized", "answered", "answered", "completed", "passed", "terminated"]


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    # One LRS for the module; "cohort" has a store of its own for the report test.
    server = Ralph(tmp_path_factory.mktemp("ralph"),
                   {"lead": (SECRET, "lead"), "cohort": (COHORT_SECRET, "cohort")})
    server.start()
    try:
        yield server
    finally:
        server.stop()


def learner(tmp_path: Path, name: str = "me") -> dict[str, str]:
    folder = tmp_path / name
    folder.mkdir()
    return {"UPWARD_CONFIG": str(folder / "programme.json"), "UPWARD_DB": str(folder / "h.db")}


def join(ralph: Ralph, env: dict[str, str], key: str = "lead", secret: str = SECRET,
         endpoint: str | None = None) -> str:
    joined = run_upward("programme", "join", endpoint or ralph.endpoint, "--key", key,
                        "--secret", secret, env=env)
    assert joined.returncode == 0, joined.stderr
    assert secret not in joined.stdout + joined.stderr
    return str(json.loads(Path(env["UPWARD_CONFIG"]).read_text())["account"])


def verbs(found: list[dict[str, object]]) -> list[str]:
    return [str(s["verb"]["id"]).rsplit("/", 1)[-1] for s in found]  # type: ignore[index]


def test_a_played_run_arrives_in_cmi5_order_and_validates(ralph: Ralph, tmp_path: Path) -> None:
    env = learner(tmp_path)
    account = join(ralph, env)
    assert Path(env["UPWARD_CONFIG"]).stat().st_mode & 0o777 == 0o600

    played = run_upward("--library", str(LIBRARY), "play", SCENARIO, "--plain", "--seed", "0",
                        input="/2\nFor example, I think the legend is missing.\n", env=env)
    assert played.returncode == 0, played.stderr
    # The background sender had the run's length and two seconds at exit; sync sends the rest.
    synced = run_upward("sync", env=env)
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.startswith("Sent ") and "nothing is waiting" in synced.stdout

    stored = ralph.of("lead", account)
    assert verbs(stored) == ORDER
    assert len({s["id"] for s in stored}) == len(ORDER)
    for raw in stored:
        BaseXapiStatement.model_validate(raw)  # ralph's own base model, as stored
        assert statements.read(raw) is not None, raw
        assert raw["actor"] == {"objectType": "Agent", "account": {
            "homePage": f"{UPWARD}/learners", "name": account}}
        assert "response" not in raw.get("result", {})  # no reply text without opting in
    assert len({s["context"]["registration"] for s in stored}) == 1

    history = json.loads(run_upward("history", "--json", env=env).stdout)
    turns = history[0]["turns"]
    answered = [s for s in stored if s["verb"]["id"].endswith("answered")]
    key = f"{UPWARD}/extensions/"
    assert [(a["result"]["score"]["scaled"], a["result"]["extensions"][key + "band"],
             a["result"]["extensions"][key + "met"], a["context"]["extensions"][key + "beat"])
            for a in answered] == [
        (t["score"], t["band"], t["met"], t["beat"]) for t in turns]
    assert [a["result"]["success"] for a in answered] == [t["band"] == "strong" for t in turns]
    assert all(a["context"]["extensions"][key + "rubric"] == "test-challenge" for a in answered)
    listed = run_upward("history", env=env)
    assert "Programme: all 6 statements sent." in listed.stdout


def test_an_lrs_that_stops_mid_run_loses_nothing_and_gets_each_statement_once(
    ralph: Ralph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sending_module, "FIRST_DELAY", 0.05)
    monkeypatch.setattr(sending_module, "MAX_DELAY", 0.4)
    programme = joined_now(ralph.endpoint, "lead", SECRET, False, None)
    store = SendingStore(tmp_path / "h.db", programme)
    try:
        play(store, ["/2"])
        wait_for(lambda: store.outbox_counts().waiting == 0, what="the first turn to be sent")
        assert verbs(ralph.of("lead", programme.account)) == ORDER[:2]
        ralph.stop()
        try:
            started = time.monotonic()
            play_second_turn = ["/2", "For example, I think the legend is missing."]
            # A fresh attempt while the LRS is away: saving never waits for it.
            play(store, play_second_turn)
            assert time.monotonic() - started < 3
            wait_for(lambda: store.outbox_counts().last_error is not None, what="a failed try")
            counts = store.outbox_counts()
            assert counts.waiting == len(ORDER) and counts.sent == 2
            assert "cannot reach the LRS" in str(counts.last_error)
        finally:
            ralph.start()
        wait_for(lambda: store.outbox_counts().waiting == 0, what="the outbox to empty")
    finally:
        store.close()
    stored = ralph.of("lead", programme.account)
    assert verbs(stored) == ORDER[:2] + ORDER
    assert len({s["id"] for s in stored}) == len(stored)
    assert len({s["context"]["registration"] for s in stored}) == 2

    # Sending it all again (as after a crash before the outbox heard back) adds nothing.
    with SqliteStore(tmp_path / "h.db") as again:
        again.db.write(lambda conn: conn.execute("UPDATE outbox SET sent_at = NULL"))
        result = send_waiting(again, programme, client_for(programme))
    assert (result.sent, result.waiting, result.error) == (len(stored), 0, None)
    assert ralph.of("lead", programme.account) == stored


@pytest.mark.parametrize("mode", ["hold", "deliver"])
def test_kill_9_between_saving_a_turn_and_sending_it_loses_nothing(
    ralph: Ralph, tmp_path: Path, mode: str,
) -> None:
    proxy = HoldingProxy(ralph.port, hold_if=b"/verbs/answered")
    env = learner(tmp_path)
    try:
        account = join(ralph, env, endpoint=proxy.endpoint)
        proxy.mode = mode
        child = subprocess.Popen(
            [sys.executable, "-m", "simulator", "--library", str(LIBRARY), "play", SCENARIO,
             "--plain", "--seed", "0"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(REPO), **env},
        )
        try:
            assert child.stdin is not None
            child.stdin.write(b"/2\n")
            child.stdin.flush()
            # The synchronisation point: the turn's statement is on the wire (and, in
            # `deliver`, stored by the LRS), and the learner's side has not heard back.
            assert proxy.arrived.wait(60), "the answered statement never left"
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(30)
        assert turns_saved(Path(env["UPWARD_DB"])) == 1
        held = ralph.of("lead", account)
        assert verbs(held) == (["initialized", "answered"] if mode == "deliver"
                               else ["initialized"][: len(held)])

        proxy.mode = "pass"
        synced = run_upward("sync", env=env)
        assert synced.returncode == 0, synced.stderr
        assert "nothing is waiting" in synced.stdout
    finally:
        proxy.close()
    stored = ralph.of("lead", account)
    assert verbs(stored) == ["initialized", "answered"]


def test_wrong_credentials_say_so_and_keep_the_outbox(ralph: Ralph, tmp_path: Path) -> None:
    env = learner(tmp_path)
    wrong = "not-the-secret-51c"
    account = join(ralph, env, secret=wrong)
    programme = load(Path(env["UPWARD_CONFIG"]))
    assert programme is not None
    with SqliteStore(Path(env["UPWARD_DB"]), programme.enrolment) as store:
        play(store, PLAYS["apologises it away"])

    synced = run_upward("sync", env=env)
    assert synced.returncode == 1
    assert ("refused the programme's key and secret (HTTP 401); ask the programme lead for "
            "the current ones and run `upward programme join` again") in synced.stderr
    assert "Sent 0 statements" in synced.stderr and "5 still waiting" in synced.stderr
    assert wrong not in synced.stdout + synced.stderr
    listed = run_upward("history", env=env)
    assert "Programme: 5 of 5 statements not sent yet" in listed.stdout
    assert "HTTP 401" in listed.stdout and wrong not in listed.stdout
    assert Path(env["UPWARD_CONFIG"]).read_text().count(wrong) == 1  # kept only where it lives
    assert ralph.of("lead", account) == []

    again = run_upward("programme", "join", ralph.endpoint, "--key", "lead", "--secret", SECRET,
                       env=env)
    assert "same pseudonym" in again.stdout
    synced = run_upward("sync", env=env)
    assert (synced.returncode, synced.stdout) == (
        0, f"Sent 5 statements to {ralph.endpoint}; nothing is waiting.\n")
    assert verbs(ralph.of("lead", account)) == [
        "initialized", "answered", "completed", "failed", "terminated"]

    left = run_upward("programme", "leave", env=env)
    assert left.returncode == 0
    assert f"5 statements had been sent as {account}" in left.stdout
    assert not Path(env["UPWARD_CONFIG"]).exists()


def test_report_from_the_lrs_matches_report_from_the_learners_exports(
    ralph: Ralph, tmp_path: Path,
) -> None:
    plays = [
        [(PLAYS["specific and curious"], 0, False)],
        [(PLAYS["apologises it away"], 0, False), (["/3"], 0, True)],
        [(PLAYS["blames, then recovers"], 7, False)],
        [(PLAYS["circles until time runs out"], 0, False)],
        # Every learner holds an attempt no other export has: the report counts an export whose
            # attempts all appear in another as the same learner's (see report.themes).
            [(PLAYS["apologises it away"], 0, False),
             (["/2", "I noticed three directors misread the legend; shall we test a new one?"],
              1, False)],
    ]
    files = []
    for number, attempts in enumerate(plays, start=1):
        env = learner(tmp_path, f"learner{number}")
        join(ralph, env, key="cohort", secret=COHORT_SECRET)
        programme = load(Path(env["UPWARD_CONFIG"]))
        assert programme is not None
        with SqliteStore(Path(env["UPWARD_DB"]), programme.enrolment) as store:
            for responses, seed, leave in attempts:
                play(store, responses, seed=seed, leave=leave)
            sent = send_waiting(store, programme, client_for(programme))
            assert (sent.waiting, sent.error) == (0, None)
            files.append(tmp_path / f"learner{number}.json")
            files[-1].write_text(dump_export(build_export(store.pseudonym(), store.attempts())))
    # Another tool's statement under Upward's activity is read past, not trusted.
    client = client_for(programme)
    client.post([json.dumps({
        "actor": {"objectType": "Agent", "account": {"homePage": "https://x.test", "name": "x"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": f"{UPWARD}/scenarios/{SCENARIO}", "objectType": "Activity"},
        "context": {"contextActivities": {"grouping": [{"id": UPWARD}]}},
        "timestamp": "2026-01-01T00:00:00Z"})])

    # The `more` links are followed: seven to a page reads what one page of 500 reads.
    whole = exports_from(client.statements({**query(), "limit": "500"}))
    paged = exports_from(client.statements({**query(), "limit": "7"}))
    assert paged == whole and whole.statements > 7 and whole.ignored == 1
    assert len(whole.exports) == 5

    for shape in ([], ["--markdown"]):
        from_lrs = run_upward("--library", str(LIBRARY), "report", "--lrs", ralph.endpoint,
                              "--key", "cohort", "--secret", COHORT_SECRET, *shape)
        from_files = run_upward("--library", str(LIBRARY), "report", *map(str, files), *shape)
        assert from_files.returncode == 0, from_files.stderr
        assert from_lrs.returncode == 0, from_lrs.stderr
        assert from_lrs.stdout == from_files.stdout
        assert "5 learners, 7 attempts" in from_lrs.stdout
        assert "missed in" in from_lrs.stdout or "| Turns |" in from_lrs.stdout
        assert COHORT_SECRET not in from_lrs.stdout + from_lrs.stderr
        assert "1 statement under Upward's activity" in from_lrs.stderr
