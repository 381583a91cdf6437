"""Numbers that identify a person and should not reach a public site.

Only the two that are unambiguous are flagged: a mainland mobile number and a resident ID
number with a valid check digit. Landlines are left alone: a window's service number
(咨询电话 0931-…) is meant to be public. Findings are shown masked, so the warning itself
does not copy the number into CI logs.
"""

from __future__ import annotations

import re
from typing import Iterator

# digits not glued to other digits: "2023年13812345678" still matches, "8613812345678x" does not
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_ID = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5})((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3}[\dXx])(?![\dA-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _id_valid(number: str) -> bool:
    """GB 11643 check digit: rules out order numbers and other 18-digit strings."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def personal_numbers(text: str) -> Iterator[tuple[str, str]]:
    """(problem code, masked number) for each phone or ID number in ``text``."""
    for m in _ID.finditer(text):
        if _id_valid("".join(m.groups())):
            yield "privacy.id_number", f"{m.group(1)[:3]}***********{m.group(3)[-4:]}"
    for m in _MOBILE.finditer(text):
        yield "privacy.phone", f"{m.group(1)}****{m.group(3)}"
