"""Writing a data file so that nothing is lost or half-written.

The bytes go to a temporary file beside the target, reach the disk, and replace the target
by rename: a reader (an editor, ``mkdocs serve``, a concurrent check) sees the old file or
the new one, never a part. When the caller says what the file held when it was read, a
file saved meanwhile (say, from an editor) is not overwritten.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class Changed(Exception):
    """The file is no longer what the caller read: someone saved it meanwhile."""


def write_atomically(target: Path, data: bytes, expected: bytes | None = None) -> None:
    """Put ``data`` at ``target``; with ``expected`` (``b""`` for a file that did not exist),
    raise :class:`Changed` instead when the file no longer holds it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        mode = target.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if expected is not None and (target.read_bytes() if target.exists() else b"") != expected:
            raise Changed(target)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
