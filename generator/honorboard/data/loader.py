"""``data/`` → every problem, or a linked model: the one entry point of the core.

    result = load(Path("data"))
    if result.errors: print(*result.lines(), sep="\\n")
    else: result.site ...
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .fields import INVALID, Ctx, Rec
from .link import link
from .model import Site
from .problems import Pos, Problem, did_you_mean, sorted_problems
from .schema import FILE_KINDS, FileKind
from .validate import Records, validate
from .yamlio import read_document

YAML_SUFFIXES = (".yml", ".yaml")
MEDIA_FOLDER = "media"


@dataclass
class LoadResult:
    data_dir: Path
    site: Site | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    records: Records | None = None  # what each file held, as checked (for commands that edit data)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def lines(self, base: Path | None = None) -> list[str]:
        return [p.format(base) for p in self.problems]


@dataclass
class ReadMemo:
    """What each file held when last read, by path and stat: a preview (`serve`) that keeps
    one, or a command that keeps it on disk (``on_disk``), reads again only the files saved
    since. ``stamps`` is every data file's stat of the last load: what a page built from them
    is fingerprinted with."""

    entries: dict[Path, tuple[tuple, Rec | None, list[Problem], tuple]] = field(default_factory=dict)
    stamps: dict[Path, tuple] = field(default_factory=dict)
    _read: int = 0  # files read anew by the last load


    @classmethod
    def on_disk(cls, data_dir: Path) -> ReadMemo:
        """The memo a previous `check` or `build` of ``data_dir`` left in the user's cache
        (empty when there is none, or when it was written by another version of the reader)."""
        memo = cls()
        memo._file = _memo_file(data_dir)
        try:
            with open(memo._file, "rb") as f:
                version, entries = pickle.load(f)
            if version == _READER_VERSION:
                memo.entries = entries
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
            pass  # none yet, or damaged: read every file
        memo._loaded = dict.fromkeys(memo.entries)
        return memo

    def save(self) -> None:
        """Keep the memo for the next command (only when a file was read anew or is gone)."""
        target = getattr(self, "_file", None)
        if target is None or self.entries.keys() == getattr(self, "_loaded", {}).keys() and not self._read:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump((_READER_VERSION, self.entries), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)  # two commands at once: the last one's memo, never half of one


def _memo_file(data_dir: Path) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "honorboard" / "data"
    # by the folder as written and where from: records hold positions in that spelling
    spelled = f"{os.getcwd()}|{data_dir}"
    return root / (hashlib.sha1(spelled.encode("utf-8")).hexdigest()[:20] + ".pickle")


def _reader_version() -> str:
    """A hash of the modules that turn a file into a record: a memo from other code is not used."""
    here = Path(__file__).parent
    digest = hashlib.sha1()
    for name in ("loader.py", "yamlio.py", "fields.py", "schema.py", "problems.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


_READER_VERSION = _reader_version()


def _stamp(path: Path) -> tuple:
    st = os.stat(path)
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


def load(data_dir: Path, overlay: Mapping[Path, bytes] | None = None, memo: ReadMemo | None = None) -> LoadResult:
    """Read and check every data file; build the model only when nothing is wrong.

    ``overlay`` maps data files (new or existing) to the bytes they would hold: commands
    that write data check the result first and leave the disk alone when it is wrong.
    ``memo`` keeps each file's reading for the next load (files unchanged are not read again).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"数据目录 {data_dir} 不存在")
    overlay = {Path(p).absolute(): data for p, data in (overlay or {}).items()}
    records = Records(data_dir)
    problems: list[Problem] = []
    files = _data_files(data_dir, problems)
    listed = {path.absolute() for _, path in files} if overlay else set()
    for path in sorted(set(overlay) - listed):  # a file about to be created
        kind = FILE_KINDS.get(path.parent.name)
        if kind is not None and path.parent.parent == data_dir.absolute():
            files.append((kind, data_dir / kind.folder / path.name))
    stems: dict[tuple[str, str], Path] = {}
    if memo is not None:
        memo.stamps = {}
    for kind, path in files:
        key = _file_key(kind, path, problems)
        if key is None:
            continue
        if (kind.folder, path.stem) in stems:
            problems.append(Problem("file.duplicate", Pos(path, 1, 1), name=path.name,
                                    other=Pos(stems[(kind.folder, path.stem)], 1, 1)))
            continue
        stems[(kind.folder, path.stem)] = path
        data = overlay.get(path.absolute()) if overlay else None
        if memo is not None and data is None:
            rec = _read_memo(memo, kind, path, data_dir, problems)
        else:
            rec = _read(kind, path, data_dir, problems, data)
        if rec is not None:
            getattr(records, kind.folder)[key] = rec
        elif kind.folder == "branches":
            records.broken_branches.add(key)
    if memo is not None:  # files removed since: forgotten
        for gone in set(memo.entries) - set(memo.stamps):
            del memo.entries[gone]
    problems.extend(validate(records))
    problems = sorted_problems(problems)
    site = None if any(p.is_error for p in problems) else link(records)
    return LoadResult(data_dir, site, problems, len(files), records)


def _read_memo(memo: ReadMemo, kind: FileKind, path: Path, data_dir: Path, problems: list[Problem]) -> Rec | None:
    try:
        stamp = _stamp(path)
    except OSError:  # gone since the folder was listed: read it to say so
        return _read(kind, path, data_dir, problems, None)
    memo.stamps[path] = stamp
    kept = memo.entries.get(path)
    # the media it names count too: a subtitle file or photo replaced since is checked again
    if kept is not None and kept[0] == stamp and all(_media_stamp(p) == s for p, s in kept[3]):
        problems.extend(kept[2])
        return kept[1]
    found: list[Problem] = []
    media: list[Path] = []
    rec = _read(kind, path, data_dir, found, None, media)
    memo.entries[path] = (stamp, rec, found, tuple((p, _media_stamp(p)) for p in media))
    memo._read += 1
    problems.extend(found)
    return rec


def _media_stamp(path: Path) -> tuple | None:
    try:
        return _stamp(path)
    except OSError:
        return None


def inside(path: Path, data_dir: Path) -> bool:
    """Does ``path``, links followed, stay inside ``data_dir``? (A dangling link does: it fails later, by name.)"""
    return path.resolve().is_relative_to(data_dir.resolve())


def data_file(data_dir: Path, folder: str, stem: str) -> Path | None:
    """The file a stem names in a data folder, whichever YAML suffix it was saved with."""
    return next((p for p in (data_dir / folder / f"{stem}{s}" for s in YAML_SUFFIXES) if p.is_file()), None)


def _data_files(data_dir: Path, problems: list[Problem]) -> list[tuple[FileKind, Path]]:
    """Every YAML file under ``data/``; one in the wrong place is a problem, not ignored.

    Linked folders are followed only while they stay inside ``data/``: a folder that leads
    out of it is a problem, and its files are never read.
    """
    found = []
    root = data_dir.resolve()
    seen: set[Path] = set()
    for folder, dirnames, filenames in os.walk(data_dir, followlinks=True):
        here = Path(folder).resolve()
        if here in seen:  # a link back to a folder already read: no loop, no file twice
            dirnames[:] = []
            continue
        seen.add(here)
        keep = []
        for d in sorted(dirnames):
            if d.startswith(".") or (folder == str(data_dir) and d == MEDIA_FOLDER):
                continue
            if not (Path(folder) / d).resolve().is_relative_to(root):
                problems.append(Problem("file.outside", Pos(Path(folder) / d, 1, 1), what="文件夹"))
                continue
            keep.append(d)
        dirnames[:] = keep
        rel = Path(folder).relative_to(data_dir)
        for name in sorted(filenames):
            if not name.lower().endswith(YAML_SUFFIXES) or name.startswith("."):
                continue
            path = Path(folder) / name
            kind = FILE_KINDS.get(rel.parts[0]) if len(rel.parts) == 1 else None
            if kind is None:
                near = did_you_mean(rel.parts[0], FILE_KINDS) if rel.parts else ""
                problems.append(Problem("file.place", Pos(path, 1, 1),
                                        folders="、".join(f"{k}/" for k in FILE_KINDS), suggest=near))
                continue
            found.append((kind, path))
    return found


def _file_key(kind: FileKind, path: Path, problems: list[Problem]):
    match = kind.stem.match(path.stem)
    if not match:
        problems.append(Problem("file.name", Pos(path, 1, 1), name=path.name, expected=kind.stem_expected))
        return None
    if kind.folder in ("stars", "stats"):
        return (int(match.group(1)), int(match.group(2)))
    if kind.folder == "honors":
        return int(match.group(1))
    return path.stem


def _read(kind: FileKind, path: Path, data_dir: Path, problems: list[Problem], data: bytes | None,
          media: list[Path] | None = None) -> Rec | None:
    if data is None and not inside(path, data_dir):
        # a link out of data/ (to a CI secret, say): never read, so nothing of it can be echoed
        problems.append(Problem("file.outside", Pos(path, 1, 1), what="文件"))
        return None
    doc = read_document(path, data)
    problems.extend(doc.problems)
    if doc.root is None:
        if not doc.problems:
            problems.append(Problem("file.empty", Pos(path, 1, 1)))
        return None
    ctx = Ctx(path, data_dir, doc.lines)
    rec = kind.root.convert(doc.root, ctx, "")
    problems.extend(ctx.problems)
    if media is not None:
        media.extend(ctx.media)
    return None if rec is INVALID else rec
