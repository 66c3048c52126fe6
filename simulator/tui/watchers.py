"""Letting go of finished conversations despite two of Textual's caches (textual 8.2).

- `widget.watch(app, "theme", ...)`, which every TextArea does, keeps the widget in the app's
  list of watchers until `app.theme` next changes (Textualize/textual#6666): each conversation's
  reply box stayed alive with all it had drawn.
- `StylesCache.get_inner_outer` is an `lru_cache` on an instance method, so its keys keep the
  render caches of the last 1,024 widgets ever drawn alive, with every line they drew.

Together the heap grew by about a thousand objects a reply, and each full collection took longer
(from 40 ms to half a second after a hundred replies), a pause that lands on some reply.
"""

from __future__ import annotations

from typing import Any

from textual._styles_cache import StylesCache
from textual.dom import DOMNode

_WATCHERS = "__watchers"  # where Textual's reactive module keeps `watch(obj, ...)` callbacks


def forget_closed_watchers(obj: DOMNode) -> None:
    """Drop the watchers of `obj` whose widgets have been removed, as Textual itself does the
    next time the watched attribute changes."""
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(obj, _WATCHERS, {})
    for entries in watchers.values():
        entries[:] = [(node, callback) for node, callback in entries if not node._closing]


def let_go(app: DOMNode) -> None:
    """After a screen has gone: forget its watchers and the render caches of its widgets."""
    forget_closed_watchers(app)
    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if callable(clear):
        clear()  # two styles per background pair: recomputed at once on the next frame
