"""Generate a large, valid data set for benchmarks: python bench/generate.py OUT_DIR [--scale 1.0].

At scale 1: 100 branches, 5,000 members, 2,000 lectures, 60 months (5 years) of stars,
5 years of honors, 20 screens, a year of counted views (data/stats/, ~1,400 rows a month). Deterministic (fixed seed). With --photos N, the first N
members get a generated photo (for the image benchmarks).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬燕彬鹏辉建国建华志强海燕晓东文博思远佳怡子涵雨萱浩然宇轩欣怡梓轩"
UNITS = ["密云区政务服务局", "博兴县行政审批服务局", "施甸县委组织部", "富平县统计局", "滨州市税务局", "区财政局", "区人社局", "区市场监管局"]
TOPICS = ["党史国情", "理论学习", "先进典型", "业务融合", "廉政教育", "作风建设", "基层治理", "法治教育"]
WORDS = ["初心", "使命", "担当", "服务", "窗口", "群众", "奋斗", "先锋", "模范", "清廉", "学习", "实践", "创新", "协同",
         "营商环境", "一网通办", "接诉即办", "主题党日", "三会一课", "双百分", "红旗党支部", "星级党员"]
CATEGORIES = ["星级党员", "服务星", "先锋星", "模范星"]
RATINGS = ["红旗党支部", "五星级党支部", "四星级党支部", "标准化党支部", "先进基层党组织"]


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def sentence(rng: random.Random, n: int) -> str:
    return "，".join("".join(rng.choice(WORDS) for _ in range(3)) for _ in range(n)) + "。"


def generate(out: Path, scale: float = 1.0, photos: int = 0) -> dict:
    rng = random.Random(20261126)
    n_branches, per_branch = max(5, int(100 * scale)), 50
    n_lectures, n_years = max(10, int(2000 * scale)), 5
    for folder in ("branches", "stars", "honors", "lectures", "screens", "media/members"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    members: list[tuple[str, str]] = []
    branch_ids = [f"b{i:03d}" for i in range(n_branches)]
    if photos:
        from PIL import Image, ImageDraw
    for i, bid in enumerate(branch_ids):
        ids = [f"m{i:03d}-{k:02d}" for k in range(per_branch)]
        people = [(mid, name(rng)) for mid in ids]
        members += people
        lines = [f"name: 第{i + 1}党支部", f"unit: {UNITS[i % len(UNITS)]}", f"floor: {i % 12 + 1}",
                 f"secretary: {ids[0]}", "committee:", f"  - member: {ids[1]}", "    role: 组织委员",
                 f"  - member: {ids[2]}", "    role: 宣传委员", "ratings:"]
        for y in range(2020, 2020 + n_years):
            lines += [f"  - year: {y}", f"    title: {rng.choice(RATINGS)}", f"    stars: {rng.randint(3, 5)}"]
        lines += ["brand:", f"  name: {rng.choice(WORDS)}{rng.choice(WORDS)}", f"  slogan: {sentence(rng, 1)}",
                  f'  color: "#{rng.choice(["C8161D", "A8071A", "1F5FA8", "2E6B30", "8B1A1A"])}"',
                  "  intro: |", f"    {sentence(rng, 6)}", f"    {sentence(rng, 6)}",
                  f"  highlights: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
                  f"alliances: [{branch_ids[(i + 1) % n_branches]}]", "members:"]
        for k, (mid, nm) in enumerate(people):
            lines += [f"  - id: {mid}", f"    name: {nm}", f"    title: {rng.choice(WORDS)}岗", f"    joined: {rng.randint(1985, 2022)}",
                      f"    motto: {sentence(rng, 1)}"]
            if len(members) - per_branch + k < photos:
                path = f"media/members/{mid}.jpg"
                img = Image.new("RGB", (1200, 1600), (rng.randint(150, 230), rng.randint(150, 230), rng.randint(150, 230)))
                draw = ImageDraw.Draw(img)
                draw.ellipse((400, 300, 800, 800), fill=(90, 60, 50))
                draw.rectangle((250, 900, 950, 1600), fill=(60, 40, 40))
                img.save(out / path, quality=85)
                lines.append(f"    photo: {path}")
            if k % 10 == 0:
                lines.append(f"    bio: |\n      {sentence(rng, 4)}")
        lines += ["posts:", f"  - id: post-{bid}", f"    name: {rng.choice(WORDS)}示范岗", "    kind: 示范岗",
                  f"    location: {i % 12 + 1}楼 {rng.randint(1, 40)}号窗口", f"    members: [{ids[3]}, {ids[4]}]",
                  "    pledge: 零差错、零投诉、零违纪", "    since: 2018"]
        (out / "branches" / f"{bid}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for y in range(2020, 2020 + n_years):
        for mth in range(1, 13):
            picked = rng.sample(members, 30)
            lines = ["awards:"]
            for mid, _ in picked:
                lines += [f"  - member: {mid}", f"    category: {rng.choice(CATEGORIES)}", f"    stars: {rng.randint(3, 5)}",
                          f"    score: {rng.randint(1800, 2000) / 10}", f"    citation: {sentence(rng, 1)}"]
            (out / "stars" / f"{y}-{mth:02d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        lines = ["lists:", "  - title: 红旗党支部", "    entries:"]
        lines += [f"      - branch: {b}" for b in rng.sample(branch_ids, min(10, n_branches))]
        lines += ["  - title: 优秀共产党员", "    entries:"]
        for mid, _ in rng.sample(members, 40):
            lines += [f"      - member: {mid}", f"        citation: {sentence(rng, 1)}"]
        lines += ["  - title: 志愿服务先锋", "    entries:", "      - team: 核酸检测志愿服务队", "      - team: 网格连心志愿服务队"]
        (out / "honors" / f"{y}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(n_lectures):
        mid, _ = rng.choice(members)
        lines = [f"title: {rng.choice(WORDS)}与{rng.choice(WORDS)}：{rng.choice(WORDS)}{rng.choice(WORDS)}",
                 f"topic: {rng.choice(TOPICS)}", f"lecturer: {mid}",
                 f"date: {rng.randint(2020, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                 f"duration: {rng.randint(8, 30)}", f"episode: {i + 1}",
                 f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]", "summary: |", f"  {sentence(rng, 8)}",
                 f"video: http://video.intranet/dangke/{i}.mp4", f"views: {rng.randint(0, 20000)}"]
        (out / "lectures" / f"lec-{i:04d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a year of counted views, as honorboard stats writes them: each day some dozens of lectures watched
    (out / "stats").mkdir(exist_ok=True)
    for mth in range(1, 13):
        rows = []
        for day in range(1, 29):
            for k in sorted(rng.sample(range(n_lectures), min(n_lectures, rng.randint(20, 80)))):
                rows.append(f"  - {{date: 2024-{mth:02d}-{day:02d}, lecture: lec-{k:04d}, count: {rng.randint(1, 40)}}}")
        (out / "stats" / f"2024-{mth:02d}.yml").write_text("views:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for i in range(20):
        (out / "screens" / f"screen-{i:02d}.yml").write_text(
            f"name: {i + 1}号屏\nfloor: {i % 12 + 1}\nslides:\n  - show: stars\n  - show: honors\n  - show: lectures\n"
            "  - show: stats\n", encoding="utf-8")
    return {"branches": n_branches, "members": len(members), "lectures": n_lectures, "months": n_years * 12}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--photos", type=int, default=0)
    args = parser.parse_args()
    print(generate(args.out, args.scale, args.photos))
