"""F1 and the footer list Upward's own keys before the generic ones Textual's widgets bring
(a text area alone adds a dozen editing keys)."""

from __future__ import annotations

from functools import cache

from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import Screen


@cache
def _our_keys(cls: type[DOMNode]) -> frozenset[str]:
    """The keys declared by the classes of ours in `cls`'s ancestry."""
    keys: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.startswith("simulator.") and "BINDINGS" in vars(base):
            for binding in vars(base)["BINDINGS"]:
                key = binding.key if isinstance(binding, Binding) else binding[0]
                keys.update(part.strip() for part in key.split(","))
    return frozenset(keys)


class OwnKeysFirst(Screen[None]):
    """A screen whose active bindings list Upward's keys first, in their usual order."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        ours = {k: b for k, b in bindings.items() if k in _our_keys(type(b.node))}
        return ours | {k: b for k, b in bindings.items() if k not in ours}
