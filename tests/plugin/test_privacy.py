"""A member with ``publish: false`` is in the data and nowhere in the built site."""

from __future__ import annotations

from pathlib import Path

from helpers import edit, mkdocs_build


def test_withheld_member_leaves_no_trace_in_the_site(project: Path, tmp_path: Path):
    edit(project / "data" / "branches" / "alpha.yml", {"    motto: 服务不是小事\n": "    motto: 服务不是小事\n    publish: false\n"})
    site = tmp_path / "site"
    run = mkdocs_build(project, site)
    assert run.returncode == 0, run.stderr
    texts = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert len(texts) > 30
    leaks = [str(p.relative_to(site)) for p, b in texts.items()
             if "姜华".encode() in b or b"jiang-hua" in b or "服务不是小事".encode() in b]
    assert leaks == []
    assert not (site / "members" / "jiang-hua").exists()
    assert (site / "members" / "wang-fang" / "index.html").is_file()
    # the pages that named him still build: his branch, the month he was a star, the honor list
    for page in ("branches/alpha", "boards/2024-05", "honors/2023", "posts"):
        assert (site / page / "index.html").is_file(), page
