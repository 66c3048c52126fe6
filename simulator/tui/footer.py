"""The footer: Textual's, recomposed only when the keys it would show have changed.

Textual's footer throws its keys away and mounts new ones on every change of bindings, and
locking the reply box, a focus change or a refreshed screen each count as one. In a conversation
that was a dozen widgets restyled and laid out on every reply, for the same keys.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from simulator.tui.frames import after_frame

SOON = 0.05
"""Seconds: a key's new state waits for the frame under way, but no longer than this."""

Keys = tuple[tuple[str, Binding, str], ...]
"""Each active binding's key, the binding and its tooltip: what the footer lays out."""


class Footer(TextualFooter):
    _shown: tuple[Keys, bool, bool] | None = None
    _enabled: dict[str, bool] | None = None

    def _keys(self) -> tuple[tuple[Keys, bool, bool], dict[str, bool]]:
        """What compose reads (the keys, laid out), and which of them are enabled."""
        active = self.screen.active_bindings
        keys = tuple((key, binding, tooltip) for key, (_, binding, _, tooltip) in active.items())
        enabled = {binding.action: on for _, binding, on, _ in active.values()}
        return (keys, self.compact, self.show_command_palette), enabled

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown, self._enabled = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._bindings_ready and self.is_attached and screen is self.screen:
            shown, enabled = self._keys()
            if shown == self._shown:
                if enabled != self._enabled:
                    # The same keys, some now enabled or disabled: say so on those keys alone,
                    # once the frame under way is drawn. Restyling a key takes a couple of
                    # milliseconds, and that frame is the one bringing a reply's feedback.
                    self._enabled = enabled
                    after_frame(self, self._show_enabled)
                    # A change of bindings without a new layout brings no frame: then soon.
                    self.set_timer(SOON, self._show_enabled)
                return
        super().bindings_changed(screen)

    def _show_enabled(self) -> None:
        enabled = self._enabled or {}
        for key in self.query(FooterKey):
            # As FooterKey draws a disabled key: a class, and no bell on click.
            off = not enabled.get(key.action, True)
            if off != key._disabled:
                key._disabled = off
                key.set_class(off, "-disabled")
