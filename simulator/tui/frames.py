"""Work that can wait for the frame under way: a reply's feedback is drawn first."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget


def after_frame(widget: Widget, callback: Callable[[], object]) -> None:
    """Call `callback` once `widget`'s screen has laid out and drawn its next frame.

    Textual's `call_after_refresh` runs when the screen is next idle, and while a turn's widgets
    are being mounted the screen goes idle before their layout is even asked for: work handed
    to it still landed in the frame bringing the feedback. The screen's layout signal comes
    after that frame is drawn. (`widget` must not listen to that signal otherwise: unsubscribing
    takes all of a widget's callbacks.)
    """
    signal = widget.screen.screen_layout_refresh_signal

    def once(_: object) -> None:
        signal.unsubscribe(widget)
        callback()

    signal.subscribe(widget, once)
