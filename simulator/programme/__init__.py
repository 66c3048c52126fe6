"""Programmes: a learner's results flow to the organisation's Learning Record Store.

Above the history: `config` keeps the joined programme (endpoint, key, secret, pseudonym),
`client` speaks xAPI over HTTP, `sending` empties the outbox the history fills, `store` opens
a history store that sends, and `lrs_report` turns an LRS's statements back into the anonymous
exports the cohort report reads.
"""

from simulator.programme.client import Failure, LrsClient, LrsError
from simulator.programme.config import (
    CONFIG_ENV,
    Programme,
    ProgrammeError,
    check_endpoint,
    joined_now,
    load,
    remove,
    resolve_config_path,
    save,
)
from simulator.programme.sending import Pass, Sender, client_for, send_waiting
from simulator.programme.store import SendingStore, current_programme, open_store

__all__ = [
    "CONFIG_ENV",
    "Failure",
    "LrsClient",
    "LrsError",
    "Pass",
    "Programme",
    "ProgrammeError",
    "Sender",
    "SendingStore",
    "check_endpoint",
    "client_for",
    "current_programme",
    "joined_now",
    "load",
    "open_store",
    "remove",
    "resolve_config_path",
    "save",
    "send_waiting",
]
