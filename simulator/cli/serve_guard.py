"""A guarded textual-serve: which requests `upward serve` answers, and how many apps it runs.

textual-serve answers anyone: a page on any site could open `ws://127.0.0.1:PORT/ws`, drive a
fresh app process and read the learner's history, and a foreign `Host` (DNS rebinding) was
served. Every request here passes `guard` first:

- `Host` must be the address served (or, bound to all interfaces, an IP address of this
  machine's form; never a name another site could point at us);
- `Origin`, when the browser sends one, must be this same origin;
- off loopback, the access token printed at start must come with the request (once, in the
  URL; the page then keeps it in a same-site cookie for its websocket and downloads).

Each websocket starts one app process; at most `max_sessions` run at once, and the page says so
when the cap is reached. The page template is our own copy, with the web font served locally.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).resolve().parent / "serve_templates"
TOKEN_COOKIE = "upward_token"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or `localhost`: reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_HOST = re.compile(r"^(?:\[(?P<v6>[0-9a-fA-F:.]+)\]|(?P<name>[^:\[\]]+))(?::(?P<port>\d{1,5}))?$")


def _split_host(header: str) -> tuple[str, int | None] | None:
    """`127.0.0.1:8000` -> ("127.0.0.1", 8000); `[::1]` -> ("::1", None); junk -> None."""
    found = _HOST.match(header)
    if found is None:
        return None
    name = (found.group("v6") or found.group("name")).lower()
    return name, int(found.group("port")) if found.group("port") else None


def page(title: str, message: str, status: int) -> web.Response:
    """A small page that says what happened and what to do (no external resource)."""
    body = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Upward: "
        f"{escape(title)}</title></head><body style='font-family: sans-serif; margin: 3em'>"
        f"<h1>{escape(title)}</h1><p>{escape(message)}</p></body></html>"
    )
    return web.Response(text=body, status=status, content_type="text/html")


class GuardedServer(Server):
    """textual-serve's server with the checks above; everything else is textual-serve's own."""

    def __init__(
        self, command: str, host: str, port: int, *, max_sessions: int, token: str | None,
    ) -> None:
        super().__init__(command, host=host, port=port, title="Upward",
                         templates_path=TEMPLATES)
        self.max_sessions = max_sessions
        self.token = token
        self.sessions = 0
        self.wildcard = host in ("0.0.0.0", "::", "")
        names = {host.strip("[]").lower()}
        if is_loopback(host):
            names |= {"localhost", "127.0.0.1", "::1"}
        self.host_names = names

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    def host_allowed(self, header: str | None) -> bool:
        if not header:
            return False
        split = _split_host(header)
        if split is None:
            return False
        name, port = split
        if port != self.port and not (port is None and self.port == 80):
            return False
        if name in self.host_names:
            return True
        if self.wildcard:
            # Any of this machine's addresses, written as an address: a DNS name could be a
            # rebinding attacker's, an IP literal cannot.
            try:
                ipaddress.ip_address(name)
            except ValueError:
                return False
            return True
        return False

    def _token_ok(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        given = request.query.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.host_allowed(request.headers.get("Host")):
            return page("Wrong address", "This server answers only at the address it was "
                        "started on; open the URL `upward serve` printed.", 403)
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{request.host}":
            return page("Refused", "Another web site tried to use Upward; it was refused. "
                        "Open Upward from the URL `upward serve` printed.", 403)
        if request.path.startswith("/static/"):
            return await handler(request)  # textual-serve's own script and styles
        if not self._token_ok(request):
            return page("Access token needed", "Open the full URL `upward serve` printed "
                        "when it started, including its ?token=… part.", 401)
        response = await handler(request)
        if self.token is not None and request.query.get("token") and not response.prepared:
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="Strict",
                                path="/")
        return response

    def _full(self) -> web.Response:
        return page("Too many sessions", f"Upward is already open in {self.sessions} browser "
                    f"tabs, the most this server runs at once (--max-sessions "
                    f"{self.max_sessions}). Close one and reload this page.", 503)

    async def handle_index(self, request: web.Request) -> Any:
        if self.sessions >= self.max_sessions:
            return self._full()
        # The page's own URLs use the address the browser asked for (already checked above),
        # not the bind address, which for 0.0.0.0 no browser can reach.
        self.public_url = f"http://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text="Too many sessions: close another tab")
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1


def new_token() -> str:
    return secrets.token_urlsafe(24)
