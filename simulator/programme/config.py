"""The programme a learner joined: its xAPI endpoint, key and secret, and their pseudonym.

Kept in one JSON file in the user's config folder, readable by its owner only (0600), because
it holds the programme's secret. No message, log line or export ever includes the key or the
secret: errors about this file name the file and the field, never a value.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit, urlunsplit

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints, ValidationError

from simulator.history.paths import chosen_path
from simulator.history.store import now
from simulator.xapi import Enrolment

CONFIG_ENV = "UPWARD_CONFIG"
CONFIG_NAME = "programme.json"
FORMAT = "upward-programme"
MAX_BYTES = 64 * 1024

Account = Annotated[str, StringConstraints(pattern=r"^learner-[0-9a-f]{32}$")]


class ProgrammeError(Exception):
    """The programme cannot be joined, read or reached; the message says why and what to do,
    and never holds the key or the secret."""


class Programme(BaseModel):
    """The programme file's content."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["upward-programme"] = "upward-programme"
    version: Literal[1] = 1
    endpoint: Annotated[str, Field(min_length=1)]
    """The LRS's xAPI endpoint, ending in `/` (statements are at `endpoint + "statements"`)."""
    key: SecretStr
    """The Basic-auth key the programme lead handed out."""
    secret: SecretStr
    account: Account
    """The learner's pseudonym in this programme only; a new one for every programme."""
    share_replies: bool = False
    """Send the text of each reply too (`result.response`); off unless the learner asks."""
    joined: str

    @property
    def enrolment(self) -> Enrolment:
        return Enrolment(self.endpoint, self.account, self.share_replies)


def new_account() -> str:
    return f"learner-{secrets.token_hex(16)}"


def default_config_path() -> Path:
    # appauthor=False: without it Windows paths repeat the name (../shared/PITFALLS.md).
    return Path(platformdirs.user_config_dir("upward", appauthor=False)) / CONFIG_NAME


def resolve_config_path(explicit: Path | None = None,
                        env: Mapping[str, str] | None = None) -> Path:
    """`--config PATH`, else `$UPWARD_CONFIG`, else programme.json in the user's config folder."""
    return chosen_path(explicit, CONFIG_ENV, default_config_path, env)


def check_endpoint(url: str) -> str:
    """The endpoint in its canonical form (ending in `/`), or a ProgrammeError saying why not."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise ProgrammeError(
            "the LRS address is not a URL; give the xAPI endpoint the programme lead sent, "
            "like https://lrs.example.org/xapi/") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ProgrammeError(
            "the LRS address must start with https:// (the xAPI endpoint the programme lead "
            "sent, like https://lrs.example.org/xapi/)")
    if parts.username is not None or parts.password is not None:
        raise ProgrammeError(
            "the LRS address must not hold a name or password; give them with --key and "
            "--secret instead")
    if parts.query or parts.fragment:
        raise ProgrammeError("the LRS address must not have a ?query or #fragment; give the "
                             "xAPI endpoint itself")
    if parts.scheme == "http" and not _loopback(host):
        raise ProgrammeError(
            f"http://{host} would send the programme's key and secret unencrypted; use the "
            "https:// address (plain http is only for an LRS on this machine)")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load(path: Path) -> Programme | None:
    """The programme in `path`, None when there is no file (not joined)."""
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ProgrammeError(f"{path}: cannot read the programme file "
                             f"({exc.strerror or exc}); check its permissions") from None
    if len(raw) > MAX_BYTES:
        raise ProgrammeError(f"{path}: too large to be a programme file; join again with "
                             "`upward programme join`")
    try:
        data = json.loads(raw)
        return Programme.model_validate(data)
    except (ValueError, RecursionError) as exc:
        where = ""
        if isinstance(exc, ValidationError):
            first = exc.errors()[0]  # its location and kind only: the input may be a secret
            where = f" (field {'.'.join(str(p) for p in first['loc']) or '?'}: {first['type']})"
        raise ProgrammeError(
            f"{path}: not a programme file Upward can read{where}; run `upward programme "
            "leave` and join again") from None


def save(path: Path, programme: Programme) -> None:
    """Write the file 0600 (folder 0700), beside it first, so a crash never leaves half."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = programme.model_dump(mode="json")
    data["key"] = programme.key.get_secret_value()
    data["secret"] = programme.secret.get_secret_value()
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:  # mkstemp creates it 0600
            json.dump(data, out, indent=2)
            out.write("\n")
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    path.chmod(0o600)


def remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def joined_now(endpoint: str, key: str, secret: str, share_replies: bool,
               previous: Programme | None) -> Programme:
    """The programme file for a join: the same programme joined again (new credentials)
    keeps its pseudonym, so the LRS still sees one learner."""
    account = previous.account if previous and previous.endpoint == endpoint else new_account()
    return Programme(endpoint=endpoint, key=SecretStr(key), secret=SecretStr(secret),
                     account=account, share_replies=share_replies, joined=now())
