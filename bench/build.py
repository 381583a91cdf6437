"""Build-time benchmark: honorboard vs a plain mkdocs-material build of as many pages.

    python bench/build.py [--scale 1.0] [--keep DIR]

Generates the large data set (bench/generate.py), builds it with the honorboard plugin, then
builds a plain Material site with the same number of Markdown pages of similar size (same
theme, same search plugin), in the same run on the same machine. Prints wall time, the
ratio, peak memory (max RSS of each build process) and the catalog's search payload size.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402


def timed_build(config: Path, site: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one `mkdocs build` in its own process."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {proc.stderr.read().decode()[-2000:]}")
    return took, usage.ru_maxrss // 1024


def honorboard_project(work: Path, scale: float) -> Path:
    generate(work / "data", scale)
    shutil.copytree(REPO / "theme", work / "theme")
    shutil.copytree(REPO / "site_src", work / "site_src")
    shutil.copyfile(REPO / "mkdocs.yml", work / "mkdocs.yml")
    return work / "mkdocs.yml"


def article_sizes(site: Path) -> list[int]:
    sizes = []
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        m = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
        if m:
            sizes.append(len(re.sub(r"<[^>]+>", "", m.group(1)).strip()))
    return sizes


def plain_project(work: Path, sizes: list[int]) -> Path:
    """Markdown pages whose text is as long as the honorboard pages' text, six in the nav."""
    docs = work / "docs"
    docs.mkdir(parents=True)
    para = "党支部建在楼层上，党员先锋出在岗位上，党的形象树在民心里。" * 4
    for i, size in enumerate(sizes):
        body = []
        while sum(map(len, body)) < size:
            body.append(f"## 第{len(body) + 1}节\n\n{para}\n")
        (docs / ("index.md" if i == 0 else f"p{i:05d}.md")).write_text(f"# 页面 {i}\n\n" + "\n".join(body), encoding="utf-8")
    nav = "\n".join(f"  - 栏目{i}: {'index.md' if i == 0 else f'p{i:05d}.md'}" for i in range(6))
    # the same Material features and Markdown extensions as ours; no honorboard theme or plugin
    (work / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "  features: [navigation.tabs, navigation.top]\n"
        "plugins:\n  - search:\n      lang: zh\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
        "        kwds: {case: lower}\n  - attr_list\n  - sane_lists\n"
        f"nav:\n{nav}\nnot_in_nav: |\n  /p*.md\n", encoding="utf-8")
    return work / "mkdocs.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="hb-bench-"))
    try:
        hb_conf = honorboard_project(work / "hb", args.scale)
        hb_time, hb_mem = timed_build(hb_conf, work / "hb" / "site")
        sizes = article_sizes(work / "hb" / "site")
        plain_conf = plain_project(work / "plain", sizes)
        plain_time, plain_mem = timed_build(plain_conf, work / "plain" / "site")
        payload = (work / "hb/site/lectures/search.json").read_bytes()
        index = work / "hb/site/search/search_index.json"
        print(f"pages: {len(sizes)} (average text {sum(sizes) // len(sizes)} characters)")
        print(f"honorboard build:      {hb_time:7.1f} s   peak {hb_mem} MB")
        print(f"plain material build:  {plain_time:7.1f} s   peak {plain_mem} MB")
        print(f"ratio honorboard/plain: {hb_time / plain_time:.2f}  (goal ≤ 1.0)")
        print(f"catalog search payload: {len(payload) / 1e6:.2f} MB raw, {len(gzip.compress(payload)) / 1e6:.2f} MB gzip "
              f"for {payload.count(b'],[') + 1} lectures  (goal ≤ 1 MB)")
        print(f"site search index:      {index.stat().st_size / 1e6:.1f} MB")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
