"""`upward serve` with a real server on 127.0.0.1 and a real websocket client (aiohttp's)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest

from simulator.cli.serve_guard import TEMPLATES
from tests.helpers import FIXTURES, REPO

LIBRARY = FIXTURES / "engine" / "library"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(tmp_path: Path, *extra: str) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "UPWARD_DB": str(tmp_path / "h.db")}
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator", "--library", str(LIBRARY), "serve",
         "--port", str(port), *extra],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.1)
        yield port, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server and the app processes it started
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def status_of_ws(port: int, headers: dict[str, str], path: str = "/ws") -> int:
    """101 when the websocket was accepted (and an app started), else the refusal's status."""
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(f"http://127.0.0.1:{port}{path}?width=80&height=24",
                                         headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    async with aiohttp.ClientSession() as client, \
            client.get(f"http://127.0.0.1:{port}{path}", headers=headers or {}) as response:
        return response.status, await response.text()


def test_foreign_origin_and_foreign_host_are_refused(tmp_path: Path) -> None:
    with serving(tmp_path) as (port, _):
        own = f"http://127.0.0.1:{port}"
        assert asyncio.run(status_of_ws(port, {"Origin": "http://evil.example"})) == 403
        assert asyncio.run(status_of_ws(port, {"Origin": "null"})) == 403
        assert asyncio.run(status_of_ws(port, {"Host": "evil.example"})) == 403
        assert asyncio.run(status_of_ws(port, {"Host": f"evil.example:{port}",
                                               "Origin": f"http://evil.example:{port}"})) == 403
        status, text = asyncio.run(get(port, "/", {"Host": f"rebind.example:{port}"}))
        assert status == 403 and "Wrong address" in text
        assert asyncio.run(status_of_ws(port, {"Origin": own})) == 101
        assert asyncio.run(status_of_ws(port, {})) == 101  # no Origin: not a web page


def test_the_page_asks_nothing_from_the_internet(tmp_path: Path) -> None:
    with serving(tmp_path) as (port, _):
        status, text = asyncio.run(get(port, "/"))
    assert status == 200
    urls = set(re.findall(r"(?:https?|wss?)://[^\"'\s)]+", text)) - {"http://www.w3.org/2000/svg"}
    assert len(urls) >= 4, text  # styles, both fonts, the script, the websocket
    own = (f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/")
    assert all(url.startswith(own) for url in urls), urls
    assert "googleapis" not in text and "fonts/RobotoMono" in text
    assert "googleapis" not in (TEMPLATES / "app_index.html").read_text(encoding="utf-8")


def test_the_session_cap_holds_and_the_page_says_so(tmp_path: Path) -> None:
    async def scenario(port: int) -> tuple[int, int, str, int]:
        async with aiohttp.ClientSession() as client:
            url = f"http://127.0.0.1:{port}/ws?width=80&height=24"
            async with client.ws_connect(url) as first:
                await first.receive(timeout=30)  # the app process is running
                try:
                    async with client.ws_connect(url):
                        second = 101
                except aiohttp.WSServerHandshakeError as exc:
                    second = exc.status
                async with client.get(f"http://127.0.0.1:{port}/") as response:
                    page_status, page = response.status, await response.text()
            await asyncio.sleep(0.5)  # the first session's process stops
            async with client.ws_connect(url) as third:
                await third.close()
            return second, page_status, page, 101

    with serving(tmp_path, "--max-sessions", "1") as (port, _):
        second, page_status, page, third = asyncio.run(scenario(port))
    assert second == 503
    assert page_status == 503 and "Too many sessions" in page and "--max-sessions 1" in page
    assert third == 101


def test_binding_beyond_loopback_needs_the_flag(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "serve", "--host", "0.0.0.0", "--port",
         str(free_port())],
        capture_output=True, text=True, timeout=30, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2
    assert "add --allow-remote if you mean it" in result.stderr


def test_off_loopback_the_printed_token_is_required(tmp_path: Path) -> None:
    with serving(tmp_path, "--host", "0.0.0.0", "--allow-remote") as (port, process):
        assert process.stderr is not None
        banner = ""
        while "token=" not in banner:
            banner += process.stderr.readline()
        assert "warning: listening on 0.0.0.0, reachable from other machines" in banner
        token = re.search(r"\?token=([\w-]+)", banner)
        assert token is not None
        status, text = asyncio.run(get(port, "/"))
        assert status == 401 and "Access token needed" in text
        assert asyncio.run(status_of_ws(port, {})) == 401
        assert asyncio.run(get(port, "/?token=wrong"))[0] == 401

        async def with_token() -> tuple[int, int]:
            # Browsers keep cookies for an IP address; aiohttp does only when told to.
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
                async with client.get(f"http://127.0.0.1:{port}/?token={token.group(1)}") as r:
                    page = r.status
                # The page's websocket carries the token in its same-site cookie.
                async with client.ws_connect(f"http://127.0.0.1:{port}/ws") as ws:
                    await ws.close()
                return page, 101

        assert asyncio.run(with_token()) == (200, 101)


def test_a_port_in_use_is_named_not_called_an_output_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "simulator", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=30, check=False,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "cannot write the output" not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_need_no_flag(host: str) -> None:
    from simulator.cli.serve_guard import is_loopback

    assert is_loopback(host)
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
