"""Each file in cases/ is one mistake a person makes, with the exact lines it must produce.

A case file names where it goes in the mini data tree (``# target:``) and every problem line
expected (``# expect: line:col: message``); no expect line means the data must pass.
"""

from __future__ import annotations

import shutil
import string
from pathlib import Path

import pytest

from honorboard import load
from honorboard.data.problems import TEMPLATES

CASES = sorted((Path(__file__).parent / "cases").glob("*.yml"))


def _header(path: Path) -> tuple[str, list[str]]:
    target, expect = "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# target: "):
            target = line.removeprefix("# target: ")
        elif line.startswith("# expect: "):
            expect.append(line.removeprefix("# expect: "))
    return target, expect


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, data_dir: Path):
    """The case's mistake gives exactly its expected lines, sorted by position, and no model."""
    target, expect = _header(case)
    dest = data_dir / target
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case, dest)
    result = load(data_dir)
    got = result.lines(base=data_dir.parent)
    assert got == [f"data/{target}:{e}" for e in expect]
    assert (result.site is None) == any(": 提醒：" not in e for e in expect)


def test_cases_cover_every_problem_code():
    """Every problem code has a test that asserts its exact words (a case or a byte test)."""
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in Path(__file__).parents[1].rglob("*.*")
                       if p.suffix in (".yml", ".py"))
    missing = []
    for code, template in TEMPLATES.items():
        literals = [lit for lit, *_ in string.Formatter().parse(template) if lit]
        if max(literals, key=len) not in corpus:
            missing.append(code)
    assert missing == []
