"""A TCP front for the LRS that can hold requests: the synchronisation point of the crash tests.

In `hold` mode a request is read whole and never answered (the statement left the learner's
machine, the LRS never got it); in `deliver` mode it is forwarded and the LRS's answer is held
back (the LRS has it, the learner's machine never hears so); in `pass` mode it is forwarded and
answered. Only requests holding `hold_if` are held. `arrived` is set when a held request has
been read (and, in `deliver` mode, stored).
"""

from __future__ import annotations

import socket
import threading


class HoldingProxy:
    def __init__(self, upstream_port: int, hold_if: bytes = b"") -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.hold_if = hold_if
        """Only requests holding these bytes are held; others pass (b"": every request)."""
        self.mode = "pass"
        self.arrived = threading.Event()
        self._release = threading.Event()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def close(self) -> None:
        self._release.set()
        self._server.close()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        with client:
            request = _read_request(client)
            if request is None:
                return
            mode = self.mode if self.hold_if in request else "pass"
            if mode == "hold":
                self.arrived.set()
                self._release.wait()
                return
            response = _forward(self.upstream, request)
            if mode == "deliver":
                self.arrived.set()
                self._release.wait()
                return
            client.sendall(response)


def _read_request(client: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = client.recv(65536)
        if not chunk:
            return None
        body += chunk
    # One request per connection, so the answer ends where the connection does.
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body


def _forward(upstream: tuple[str, int], request: bytes) -> bytes:
    with socket.create_connection(upstream, timeout=30) as conn:
        conn.sendall(request)
        response = b""
        while chunk := conn.recv(65536):
            response += chunk
    return response
