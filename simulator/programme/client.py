"""A small xAPI client over the standard library: send statements, read them back page by page.

Stdlib `urllib` is enough for Basic auth and JSON, and adds no dependency. Redirects are never
followed: a redirect would carry the Authorization header to wherever it points. Messages name
the LRS's address and the HTTP status, never the key or the secret.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

XAPI_VERSION = "1.0.3"
TIMEOUT = 10.0
"""Seconds one request may take before the LRS counts as unreachable."""
MAX_PAGE_BYTES = 32 * 1024 * 1024


class Failure(StrEnum):
    unreachable = "unreachable"
    """Network down, LRS stopped, timed out: try again later."""
    credentials = "credentials"
    """401/403: the key or secret is wrong, or lacks the scope."""
    refused = "refused"
    """400: the LRS refuses a statement as malformed."""
    conflict = "conflict"
    """409: a statement with one of these ids already exists."""
    server = "server"
    """5xx or a reply that is not xAPI: try again later."""


class LrsError(Exception):
    """A request the LRS did not accept; `str()` is safe to show (no credentials)."""

    def __init__(self, failure: Failure, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.failure = failure
        self.status = status


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises the 3xx as an HTTPError


class LrsClient:
    """One LRS endpoint with one key and secret."""

    LEARNER_HINT = ("ask the programme lead for the current ones and run `upward programme "
                    "join` again")

    def __init__(self, endpoint: str, key: str, secret: str, timeout: float = TIMEOUT,
                 credentials_hint: str = LEARNER_HINT) -> None:
        self.credentials_hint = credentials_hint
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.statements_url = urljoin(self.endpoint, "statements")
        token = base64.b64encode(f"{key}:{secret}".encode()).decode("ascii")
        self._auth = f"Basic {token}"
        self._secrets = (key, secret, token)
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirects())

    def __repr__(self) -> str:
        return f"LrsClient({self.endpoint!r})"

    def post(self, statements: Sequence[str]) -> None:
        """Store these statements (JSON texts) in one request; 200 or 204 is success."""
        body = ("[" + ",".join(statements) + "]").encode("utf-8")
        self._request("POST", self.statements_url, body)

    def put(self, statement_id: str, statement: str) -> None:
        """Store one statement under its id (204); xAPI's way to send exactly once."""
        url = f"{self.statements_url}?{urlencode({'statementId': statement_id})}"
        self._request("PUT", url, statement.encode("utf-8"))

    def statements(self, params: Mapping[str, str]) -> Iterator[dict[str, Any]]:
        """Every statement the query matches, following the LRS's `more` links."""
        url: str | None = f"{self.statements_url}?{urlencode(params)}"
        origin = urlsplit(self.statements_url)[:2]
        while url:
            page = self._request("GET", url)
            try:
                result = json.loads(page)
                found = result["statements"]
                more = result.get("more") or None
                if not isinstance(found, list):
                    raise TypeError
            except (ValueError, TypeError, KeyError, AttributeError):
                raise LrsError(Failure.server, f"{self.endpoint} answered with something that "
                               "is not an xAPI statement result") from None
            yield from (s for s in found if isinstance(s, dict))
            if not found or not isinstance(more, str):
                return
            url = urljoin(self.statements_url, more)
            if urlsplit(url)[:2] != origin:
                raise LrsError(Failure.server, f"{self.endpoint} sent a `more` link to another "
                               "server; it was not followed (it would receive your key)")

    def _request(self, method: str, url: str, body: bytes | None = None) -> bytes:
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Authorization": self._auth,
            "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json",
            "Accept": "application/json",
        })
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return bytes(response.read(MAX_PAGE_BYTES))
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc) from None
        except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, resets
            reason = getattr(exc, "reason", exc)
            raise LrsError(Failure.unreachable,
                           f"cannot reach the LRS at {self.endpoint} "
                           f"({self._clean(str(reason))})") from None

    def _http_error(self, exc: urllib.error.HTTPError) -> LrsError:
        status = exc.code
        try:
            detail = self._clean(exc.read(2000).decode("utf-8", "replace"))
        except OSError:
            detail = ""
        finally:
            exc.close()
        where = f"the LRS at {self.endpoint}"
        if status in (401, 403):
            return LrsError(Failure.credentials, (
                f"{where} refused the programme's key and secret (HTTP {status}); "
                f"{self.credentials_hint}"),
                status)
        if status == 409:
            return LrsError(Failure.conflict, f"{where} already holds a statement with one of "
                            "these ids (HTTP 409)", status)
        if 300 <= status < 400:
            return LrsError(Failure.server, f"{where} redirects elsewhere (HTTP {status}); "
                            "ask the programme lead for the exact xAPI endpoint", status)
        if status in (400, 413, 422):
            return LrsError(Failure.refused, f"{where} refused a statement (HTTP {status}: "
                            f"{_short(detail)})", status)
        if status == 404:
            return LrsError(Failure.server, f"{where} has no xAPI statements resource "
                            "(HTTP 404); check the endpoint the programme lead sent", status)
        return LrsError(Failure.server, f"{where} failed (HTTP {status}); trying again later",
                        status)

    def _clean(self, text: str) -> str:
        """Text an LRS or the network produced, with any credential blanked out."""
        for secret in self._secrets:
            if len(secret) >= 3:  # blanking a one-letter key would garble every message
                text = text.replace(secret, "***")
        return text


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
