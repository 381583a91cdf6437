"""Whatever is typed, the checker answers with a model or with problem lines, never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from honorboard import load
from honorboard.data.fields import Ctx
from honorboard.data.schema import FILE_KINDS
from honorboard.data.yamlio import Document, parse_text

LINE = re.compile(r"^[^:]+:\d+:\d+: \S")
DEMO = Path(__file__).parents[2] / "data"
# what slips of a Chinese keyboard and YAML's special characters are made of
ALPHABET = st.sampled_from(list(":-#\"'&*!|>[]{},?%@` \t\n\r") + ["：", "\u3000", "\ufeff", "姜", "a", "1", "\x00", "\x85"])


def _check_lines(result) -> None:
    for line in result.lines():
        assert LINE.match(line), line
    assert (result.site is None) == bool(result.errors)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300) | st.lists(ALPHABET, max_size=80).map("".join))
def test_any_text_parses_or_gives_problems(text):
    """Arbitrary text through the parser and every kind's schema: no exception escapes."""
    doc = Document(Path("data/branches/x.yml"), None, text.split("\n"))
    parse_text(text, doc)
    for p in doc.problems:
        assert p.pos.line >= 1 and p.pos.col >= 1 and p.message
    if doc.root is not None:
        for kind in FILE_KINDS.values():
            ctx = Ctx(doc.path, DEMO, doc.lines)
            kind.root.convert(doc.root, ctx, "")
            assert all(p.message for p in ctx.problems)


DEMO_FILES = sorted(p.relative_to(DEMO) for p in DEMO.rglob("*.yml"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(DEMO_FILES),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3), ALPHABET), min_size=1, max_size=6),
)
def test_mutated_demo_files(tmp_path_factory, rel, edits):
    """A demo file with a few characters deleted or inserted: a model or error lines."""
    data = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(DEMO, data)
    text = (DEMO / rel).read_text(encoding="utf-8")
    for at, delete, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + delete:]
    (data / rel).write_text(text, encoding="utf-8")
    _check_lines(load(data))
