"""A real Learning Record Store on 127.0.0.1 for the tests: Ralph with its file-system backend.

`Ralph` writes its credentials with `ralph auth ... -w`, serves with `ralph runserver -b fs`,
waits for `/whoami` to answer, and can be stopped and started again on the same port with the
same data (the "LRS went away" tests). Each user has its own target, so tests that need an
LRS of their own share one server. Its fs backend is made to append (ralph_site/).
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

RALPH = Path(sys.executable).parent / "ralph"
SITE = Path(__file__).resolve().parent / "ralph_site"
HOME_PAGE = "https://lrs.test.invalid"
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Ralph:
    """One Ralph LRS process tree; `users` maps a name to its (secret, target)."""

    def __init__(self, root: Path, users: dict[str, tuple[str, str]]) -> None:
        self.root = root
        self.app_dir = root / "app"
        self.data = root / "data"
        self.cwd = root / "cwd"  # runserver's reloader watches its working folder: keep it empty
        for folder in (self.app_dir, self.data, self.cwd):
            folder.mkdir(parents=True, exist_ok=True)
        self.users = users
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = root / "ralph.log"
        self.env = {**os.environ, "RALPH_APP_DIR": str(self.app_dir),
                    "RALPH_RUNSERVER_BACKEND": "fs",
                    # Makes the fs backend append (see ralph_site/sitecustomize.py).
                    "PYTHONPATH": str(SITE)}
        # `ralph auth -w` once per user, side by side (each takes seconds: bcrypt and imports),
        # each into its own folder; their entries are then joined into the one auth.json.
        makers = []
        for name, (secret, target) in users.items():
            (self.data / target).mkdir(exist_ok=True)  # the fs backend writes there, not makes it
            own = root / f"auth-{name}"
            own.mkdir()
            makers.append((own, subprocess.Popen(
                [str(RALPH), "auth", "-u", name, "-p", secret, "-s", "all", "-t", target, "-w",
                 "-A", name, HOME_PAGE],
                env={**self.env, "RALPH_APP_DIR": str(own)}, cwd=self.cwd,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )))
        entries = []
        for own, maker in makers:
            _, err = maker.communicate(timeout=120)
            if maker.returncode:
                raise RuntimeError(f"ralph auth failed: {err.decode()[-2000:]}")
            entries += json.loads((own / "auth.json").read_text())
        (self.app_dir / "auth.json").write_text(json.dumps(entries, indent=2))

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(RALPH), "runserver", "-b", "fs", "--fs-default-directory-path",
                 str(self.data), "-h", "127.0.0.1", "-p", str(self.port)],
                env=self.env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # its reloader and server stop together, by group
            )
        name, (secret, _) = next(iter(self.users.items()))
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph exited: {self.log.read_text()[-2000:]}")
            try:
                self._get(f"http://127.0.0.1:{self.port}/whoami", name, secret, timeout=2)
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Ralph did not answer in {START_TIMEOUT}s: {self.log.read_text()}")

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(15)
        self.process = None
        # The port is free again only once nothing listens on it.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.1)

    def statements(self, user: str, **params: str) -> list[dict[str, Any]]:
        """Every statement the user's store holds (following `more`), as the LRS returns them."""
        secret, _ = self.users[user]
        url: str | None = f"{self.endpoint}statements?{urlencode({'limit': '500', **params})}"
        found: list[dict[str, Any]] = []
        while url:
            page = json.loads(self._get(url, user, secret))
            found += page["statements"]
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more and page["statements"] else None
        return found

    def of(self, user: str, account: str) -> list[dict[str, Any]]:
        """The statements of one learner's account, oldest first (as they were stored)."""
        return [s for s in self.statements(user)
                if s["actor"].get("account", {}).get("name") == account]

    @staticmethod
    def _get(url: str, user: str, secret: str, timeout: float = 10) -> bytes:
        token = base64.b64encode(f"{user}:{secret}".encode()).decode()
        request = urllib.request.Request(url, headers={
            "Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
