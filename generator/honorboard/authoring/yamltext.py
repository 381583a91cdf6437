"""Text written into YAML by a command (``new``, ``import``) must read back as that text."""

from __future__ import annotations

import json
import re

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# what cannot stand as itself inside a double-quoted YAML scalar: characters YAML does not
# allow in a file (PyYAML's reader says the same), and YAML 1.1's extra line breaks
_UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def misread(text: str) -> bool:
    """Would this text, written plain as a value, read back as anything else?

    Tested, not guessed: PyYAML resolves YAML 1.1, the widest set of implicit types (yes, on,
    010, 18:00, 2024-05-01, =), so text it reads back unchanged is text for every reader.
    """
    if not text or "\n" in text or "\t" in text:  # libyaml and PyYAML differ on tabs: quote them
        return True
    try:
        return yaml.load(f"k: {text}\n", Loader=_SafeLoader) != {"k": text}
    except yaml.YAMLError:
        return True


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted
    (a JSON string is a valid YAML double-quoted scalar)."""
    if not misread(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # escapes C0 controls; the rest below
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def one_line(text: str) -> str:
    """Text for a ``#`` comment: a line break there would end the comment and start YAML."""
    return " ".join(text.split())
