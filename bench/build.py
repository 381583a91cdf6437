"""Build-time benchmark: honorboard vs a plain mkdocs-material build of as many pages.

    python bench/build.py [--scale 1.0] [--linear] [--no-plain] [--keep DIR]

Generates the large data set (bench/generate.py), builds it with the honorboard plugin, then
builds a plain Material site with the same number of Markdown pages of similar size (same
theme, same search plugin), in the same run on the same machine. Each is built twice: cold
(honorboard with an empty picture cache) and warm. Prints wall times, the ratios, peak memory
(max RSS of each build process), `honorboard check`'s time and the search payload sizes;
--linear builds 3× the set too and compares time per page; --scale 10 --no-plain shows that
≈ 70,000 pages build within the memory goal. The preview is measured by bench/serve.py.
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


def check_time(project: Path) -> float:
    """Median wall seconds of `honorboard check` (glyph check included) over three runs."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "honorboard.cli", "check"], cwd=project, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return sorted(times)[1]


def measure(work: Path, scale: float, plain: bool) -> dict:
    hb_conf = honorboard_project(work / "hb", scale)
    out = {"scale": scale}
    out["hb_cold"], out["hb_cold_mb"] = timed_build(hb_conf, work / "hb" / "site")  # empty picture cache
    out["hb_warm"], out["hb_warm_mb"] = timed_build(hb_conf, work / "hb" / "site2")
    sizes = article_sizes(work / "hb" / "site")
    out["pages"], out["text"] = len(sizes), sum(sizes) // max(1, len(sizes))
    out["check"] = check_time(work / "hb")
    out["payload"] = (work / "hb/site/lectures/search.json").read_bytes()
    out["index"] = (work / "hb/site/search/search_index.json").stat().st_size
    if plain:
        plain_conf = plain_project(work / "plain", sizes)
        out["plain_cold"], out["plain_mb"] = timed_build(plain_conf, work / "plain" / "site")
        out["plain_warm"], _ = timed_build(plain_conf, work / "plain" / "site2")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--linear", action="store_true", help="also build 3× the set and compare time per page")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Material build (for --scale 10)")
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="hb-bench-"))
    try:
        m = measure(work / "x1", args.scale, not args.no_plain)
        print(f"pages: {m['pages']} (average text {m['text']} characters), scale {args.scale}")
        print(f"honorboard build, cold (empty picture cache): {m['hb_cold']:7.1f} s   peak {m['hb_cold_mb']} MB")
        print(f"honorboard build, warm:                       {m['hb_warm']:7.1f} s   peak {m['hb_warm_mb']} MB"
              f"   (goal: peak ≤ 1024 MB at --scale 10)")
        if "plain_cold" in m:
            print(f"plain material build, first / second run:     {m['plain_cold']:7.1f} s / {m['plain_warm']:.1f} s"
                  f"   peak {m['plain_mb']} MB")
            plain = min(m["plain_cold"], m["plain_warm"])
            print(f"ratio warm honorboard / plain: {m['hb_warm'] / plain:.2f}  (goal ≤ 0.25)")
            print(f"ratio cold honorboard / plain: {m['hb_cold'] / plain:.2f}  (goal ≤ 0.5)")
        at_one = args.scale == 1.0  # the goals are for the 7,172-page set

        def goal(text: str) -> str:
            return f"  (goal {text})" if at_one else ""

        print(f"honorboard check (median of 3): {m['check']:.2f} s{goal('≤ 1.0 s')}")
        payload = m["payload"]
        print(f"catalog search payload: {len(payload) / 1e6:.2f} MB raw, {len(gzip.compress(payload)) / 1e6:.2f} MB gzip "
              f"for {payload.count(b'],[') + 1} lectures{goal('≤ 1 MB')}")
        print(f"site search index:      {m['index'] / 1e6:.2f} MB, fetched when someone searches{goal('≤ 2 MB')}")
        if args.linear:
            big = measure(work / "x3", args.scale * 3, False)
            per1, per3 = m["hb_warm"] / m["pages"], big["hb_warm"] / big["pages"]
            cold1, cold3 = m["hb_cold"] / m["pages"], big["hb_cold"] / big["pages"]
            print(f"3× the set: {big['pages']} pages, warm {big['hb_warm']:.1f} s, cold {big['hb_cold']:.1f} s, "
                  f"peak {big['hb_cold_mb']} MB")
            print(f"time per page at 3× / at 1×: warm {per3 / per1:.2f}, cold {cold3 / cold1:.2f}  (goal ≤ 1.2)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
