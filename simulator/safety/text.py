"""One sanitiser for every text shown to a person: nothing in it can drive a terminal.

A terminal acts on escape sequences (ESC `[`…: colours, cursor moves; ESC `]`…: the window title,
hyperlinks, the clipboard) and on other control characters. Trainer files, learner replies,
history rows and exports may all hold them, on purpose or by a paste. `terminal_text` removes
whole escape sequences and shows any other control character as a visible symbol, keeping only
newlines and tabs; `one_line` also flattens those, for a message or a table cell.
"""

from __future__ import annotations

import re

# An escape sequence, whole: CSI (ESC [ or U+009B ... final byte), OSC/DCS/APC/PM/SOS strings
# (ESC ] P _ ^ X or their C1 forms, up to BEL or ST), and two-character escapes (ESC and one
# byte). An unterminated string loses only its introducer: what follows is plain text again.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]P_^X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x7e]?"
)
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    # Bidirectional overrides and isolates reorder what a reader sees ("Trojan source").
    "\u202a-\u202e\u2066-\u2069"
    "]"
)
_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r")
_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")

NAMES = {0x1B: "ESC", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x7F: "DEL", 0x9B: "CSI",
         0x9D: "OSC", 0x00: "NUL", 0x0C: "FF", 0x0B: "VT"}


def _visible(found: re.Match[str]) -> str:
    """A control character as a symbol a terminal prints but never acts on."""
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidirectional overrides have no picture


def terminal_text(text: str) -> str:
    """`text` with every escape sequence removed and every other control made visible.

    Newlines and tabs stay (a briefing has paragraphs); CR LF and lone CR become a newline, so no
    line can be overwritten by the one after it.
    """
    if not _ANY_CONTROL.search(text) and "\u2028" not in text and "\u2029" not in text:
        return text  # the common case: one scan, no copy
    text = _BREAKS.sub("\n", text)
    text = _SEQUENCE.sub("", text)
    return _CONTROL.sub(_visible, text)


def one_line(text: str) -> str:
    """`terminal_text`, with newlines and tabs as spaces: for a message, a label, a cell."""
    cleaned = terminal_text(text)
    return cleaned.replace("\n", " ").replace("\t", " ") if "\n" in cleaned or "\t" in cleaned \
        else cleaned


def clean_reply(text: str) -> str:
    """A learner's reply as typed or pasted: a leading byte-order mark and controls removed.

    Unlike `terminal_text` nothing is made visible: the reply is scored and saved, and a
    pasted colour code is no part of what the learner meant to say.
    """
    text = text.lstrip("\ufeff")
    if not _ANY_CONTROL.search(text):
        return text
    text = _BREAKS.sub("\n", text)
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def has_control(text: str) -> bool:
    """Whether the text holds a control character a terminal acts on (see `first_control`)."""
    return _ANY_CONTROL.search(text) is not None


def first_control(text: str) -> tuple[int, str] | None:
    """The offset and a readable name of the first control character a terminal acts on."""
    found = _ANY_CONTROL.search(text)  # one scan: it runs on every string a trainer wrote
    if found is None:
        return None
    code = ord(found.group())
    name = NAMES.get(code)
    label = f"U+{code:04X}" + (f" ({name})" if name else "")
    return found.start(), label


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_for_terminal(text: str) -> str:
    """JSON text with the controls `json.dumps(ensure_ascii=False)` leaves raw (C1, DEL, bidi
    overrides) written as `\\uXXXX` escapes: the same JSON value, safe to print."""
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
