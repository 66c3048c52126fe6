"""The sender and the client without an LRS: never blocking, never following, never telling."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.programme import Failure, LrsClient, LrsError, SendingStore, joined_now
from tests.holding_proxy import HoldingProxy
from tests.programme_helpers import PLAYS, play

SECRET = "s3cret-value-77aa"


class Echo(http.server.BaseHTTPRequestHandler):
    """Answers with a status chosen by the path, echoing the request's Authorization header."""

    def _answer(self) -> None:
        status = int(self.path.strip("/").split("/")[0])
        body = f"detail: {self.headers.get('Authorization')} {SECRET}".encode()
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "http://127.0.0.1:9/steal")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def echo() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("status", "failure", "says"), [
    (401, Failure.credentials, "refused the programme's key and secret (HTTP 401)"),
    (403, Failure.credentials, "(HTTP 403)"),
    (400, Failure.refused, "refused a statement (HTTP 400"),
    (409, Failure.conflict, "already holds a statement"),
    (503, Failure.server, "failed (HTTP 503)"),
    (302, Failure.server, "redirects elsewhere (HTTP 302)"),
])
def test_lrs_errors_are_plain_and_never_carry_the_credentials(
    echo: str, status: int, failure: Failure, says: str,
) -> None:
    client = LrsClient(f"{echo}/{status}/", "lead-key", SECRET)
    with pytest.raises(LrsError) as caught:
        client.post(["{}"])
    assert caught.value.failure is failure and caught.value.status == status
    message = str(caught.value)
    assert says in message
    assert SECRET not in message and "lead-key" not in message
    assert "Basic " not in message or "***" in message
    assert SECRET not in repr(client)


def test_an_lrs_that_is_not_there_is_unreachable() -> None:
    from tests.lrs import free_port

    client = LrsClient(f"http://127.0.0.1:{free_port()}/xAPI/", "k", SECRET, timeout=2)
    with pytest.raises(LrsError, match="cannot reach the LRS") as caught:
        client.post(["{}"])
    assert caught.value.failure is Failure.unreachable


def test_saving_never_waits_for_a_stuck_lrs_and_closing_waits_only_briefly(
    tmp_path: Path,
) -> None:
    stuck = HoldingProxy(upstream_port=9)  # holds every request and never answers
    stuck.mode = "hold"
    programme = joined_now(stuck.endpoint, "k", SECRET, False, None)
    store = SendingStore(tmp_path / "h.db", programme)
    try:
        started = time.monotonic()
        play(store, PLAYS["specific and curious"])
        saved_in = time.monotonic() - started
        assert stuck.arrived.wait(30)  # the sender is inside a request that will not end
        assert saved_in < 5
        assert store.attempts()[0].finished
    finally:
        started = time.monotonic()
        store.close()
        closed_in = time.monotonic() - started
        stuck.close()
    assert closed_in < 4


async def test_the_app_plays_on_while_the_lrs_hangs_and_queues_every_statement(
    tmp_path: Path,
) -> None:
    from simulator.history import SqliteStore
    from simulator.programme import resolve_config_path, save
    from simulator.tui.conversation import ConversationScreen
    from tests.tui_snapshot_app import SIZE, make_app, reply, text_of

    stuck = HoldingProxy(upstream_port=9)
    stuck.mode = "hold"
    save(resolve_config_path(), joined_now(stuck.endpoint, "k", SECRET, False, None))
    db = tmp_path / "h.db"
    try:
        app = make_app("fixture-dashboard", db=db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            assert isinstance(app.screen, ConversationScreen)
            started = time.monotonic()
            await reply(pilot, "/2")
            assert stuck.arrived.wait(30)  # the sender is stuck inside a request
            await reply(pilot, "For example, I think the legend is missing.")
            assert "Let's fix it together." in text_of(app, "CounterpartLine:last-of-type")
            assert time.monotonic() - started < 8  # two turns, neither waiting 10 s for HTTP
    finally:
        stuck.close()
    with SqliteStore(db) as store:
        counts = store.outbox_counts()
    assert (counts.sent, counts.waiting) == (0, 6)


def test_report_lrs_with_wrong_credentials_says_what_to_check(echo: str) -> None:
    from tests.helpers import run_upward

    result = run_upward("report", "--lrs", f"{echo}/401/", "--key", "trainer-key",
                        "--secret", SECRET)
    assert result.returncode == 1 and result.stdout == ""
    assert ("refused the programme's key and secret (HTTP 401); check --key and --secret: they "
            "need to read statements from this LRS") in result.stderr
    assert "the LRS could not be read; no report made" in result.stderr
    assert SECRET not in result.stderr and "trainer-key" not in result.stderr
    both = run_upward("report", "x.json", "--lrs", f"{echo}/200/", "--key", "k", "--secret", "s")
    assert both.returncode == 2 and "either export FILEs or --lrs URL" in both.stderr
