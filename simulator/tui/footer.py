"""The footer: Textual's, recomposed only when the keys it would show have changed.

Textual's footer throws its keys away and mounts new ones on every change of bindings, and
locking the reply box, a focus change or a refreshed screen each count as one. In a conversation
that was a dozen widgets restyled and laid out on every reply, for the same keys.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: Hashable = None

    def _keys(self) -> Hashable:
        """What compose reads: each active binding, whether it is enabled, and its tooltip."""
        return tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
        ), self.compact, self.show_command_palette

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if (self._bindings_ready and self.is_attached and screen is self.screen
                and self._keys() == self._shown):
            return
        super().bindings_changed(screen)
