"""Loaded by the test LRS's Python processes only (tests/lrs.py puts this folder on their path).

Two limits of Ralph 5.1.0's file-system LRS backend (its development backend), fixed here so
the tests exercise what a production LRS does:

- It writes with operation type CREATE, which refuses an existing file: the first POST of
  statements creates fs_lrs.jsonl and every later one fails with HTTP 500 ("already exists and
  overwrite is not allowed"). An LRS appends.
- The API turns `activity` and `verb` query parameters into `IRI` objects, which the backend's
  filters compare with the plain strings of stored statements, so `?activity=...` matches
  nothing. The filters get strings.
"""

from typing import Any

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

_query_statements = FSLRSBackend.query_statements


def _query_with_strings(self: FSLRSBackend, params: Any, target: Any = None) -> Any:
    for name in ("activity", "verb"):
        value = getattr(params, name, None)
        if value is not None and not isinstance(value, str):
            object.__setattr__(params, name, str(value))
    return _query_statements(self, params, target)


FSLRSBackend.query_statements = _query_with_strings  # type: ignore[method-assign]
