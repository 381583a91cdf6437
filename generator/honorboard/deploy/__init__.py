"""`honorboard deploy` and `honorboard rollback`.

On the target (a local folder, or ``user@host:/path`` over ssh + rsync)::

    releases/20261126-031500-ab12cd34/   one folder per deploy; unchanged files are hard links to the previous one
    current -> releases/20261126-031500-ab12cd34   a relative symlink: the web server's root

A deploy uploads into releases/<name>.partial/, renames it, then renames a new symlink over `current`:
the web server sees the old site or the new one, never a half-copied folder. Rollback moves `current` only.
"""

from __future__ import annotations

import json
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path

from ..build import build_into, overlap
from ..exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .local import Local
from .releases import DeployError, State, release_name
from .ssh import Remote


def cmd_deploy(args) -> int:
    if args.keep < 1:
        print("honorboard：--keep 至少为 1", file=sys.stderr)
        return EXIT_USAGE
    target = _target(args.target)
    if target is None:
        return EXIT_USAGE
    refused = _refuse_target(target, args)
    if refused:
        print(f"honorboard：{refused}", file=sys.stderr)
        return EXIT_USAGE
    with tempfile.TemporaryDirectory(prefix="honorboard-deploy-") as tmp:
        if args.site:
            site = Path(args.site)
            missing = [n for n in ("index.html", "version.json") if not (site / n).is_file()]
            if missing:
                print(f"honorboard：{site} 不是构建好的站点（缺少 {'、'.join(missing)}）："
                      f"请先运行 honorboard build，或去掉 --site", file=sys.stderr)
                return EXIT_USAGE
        else:
            from ..mkdocs_plugin.engine import MkDocsEngine

            engine = MkDocsEngine.load(args.config_file, args.data_dir)
            if engine is None:
                return EXIT_USAGE
            site = Path(tmp) / "site"
            code = build_into(engine, site)
            if code != EXIT_OK:
                print("honorboard：没有发布：请先改正上面的问题", file=sys.stderr)
                return code
        try:
            print(deploy(site, target, args.keep))
        except DeployError as exc:
            print(f"honorboard：发布失败：{exc}；线上站点未改动", file=sys.stderr)
            return EXIT_PROBLEMS
    return EXIT_OK


def deploy(site: Path, target: Local | Remote, keep: int) -> str:
    """Upload ``site`` as a new release, switch `current` to it, keep the newest ``keep``. The summary line."""
    started = time.perf_counter()
    state = target.survey(create=True)
    if state.partials:  # interrupted uploads: their space counts for this one
        target.remove(state.partials)
        state = target.survey(create=True)
    name = release_name(state, _build_id(site))
    base = state.current or (state.releases[-1] if state.releases else None)  # what unchanged files link to
    upload = target.upload(site, name, base, state.free)
    releases = [*state.releases, name]
    target.publish(name, old=releases[:-keep])
    return (f"已发布 {target.label}/releases/{name}（{upload.files} 个文件，新传 {upload.files - upload.reused} 个，"
            f"复用 {upload.reused} 个），current 已切换；保留最近 {min(keep, len(releases))} 次发布"
            f"（用时 {time.perf_counter() - started:.1f} 秒）")


def cmd_rollback(args) -> int:
    target = _target(args.target)
    if target is None:
        return EXIT_USAGE
    try:
        state = target.survey(create=False)
        if args.list:
            print(_listing(target, state.releases, state.current))
            return EXIT_OK
        name = _rollback_to(state, args.to, target.label)
        target.switch(name)
    except DeployError as exc:
        print(f"honorboard：回退失败：{exc}；线上站点未改动", file=sys.stderr)
        return EXIT_PROBLEMS
    was = f"从 releases/{state.current} " if state.current else ""
    print(f"current 已{was}切换到 releases/{name}")
    print(_listing(target, state.releases, name))
    return EXIT_OK


def _rollback_to(state: State, to: str | None, label: str) -> str:
    if not state.releases:
        raise DeployError(f"{label} 还没有任何发布")
    if to is not None:
        if to not in state.releases:
            raise DeployError(f"没有名为 {to} 的发布，可选：{'、'.join(state.releases)}")
        return to
    if state.current is None:
        raise DeployError(f"{label}/current 没有指向 releases/ 中的发布，请用 --to 指定切换到哪一次")
    i = state.releases.index(state.current)
    if i == 0:
        raise DeployError(f"releases/{state.current} 已是保留的最早一次发布，没有可回退的发布")
    return state.releases[i - 1]


def _listing(target: Local | Remote, releases: list[str], current: str | None) -> str:
    if not releases:
        return f"{target.label} 还没有任何发布"
    rows = [f"  {r}{'  ← current' if r == current else ''}" for r in releases]
    return "\n".join([f"{target.label}/releases/（旧 → 新）：", *rows])


def _target(text: str) -> Local | Remote | None:
    """``[user@]host:/path`` (a colon before any slash, as rsync reads it), else a local folder."""
    if not text.strip():  # an unset $DEPLOY_TARGET in CI: never "deploy" into the working folder
        print("honorboard：发布目标为空：请写出目录或 user@主机:/路径（CI 中请检查 DEPLOY_TARGET 变量）", file=sys.stderr)
        return None
    remote = re.fullmatch(r"([^/:]+):(.*)", text)
    if remote is not None and remote[1].startswith("-"):  # ssh would read it as an option
        print(f"honorboard：主机名 {remote[1]} 不能以“-”开头", file=sys.stderr)
        return None
    if remote is None:
        return Local(Path(text), text.rstrip("/") or "/")
    if not remote[2]:
        print(f"honorboard：请写出主机上的目录，如 {text}/srv/honorboard", file=sys.stderr)
        return None
    return Remote(remote[1], remote[2].rstrip("/") or "/", text.rstrip("/"))


def _refuse_target(target: Local | Remote, args) -> str | None:
    """A local target must not be, hold or lie in the project's folders, nor overlap ``--site``
    (a release copied from inside the target would nest every previous release)."""
    if not isinstance(target, Local):
        return None
    protected: dict[str, Path] = {}
    if Path(args.config_file).is_file():
        from ..mkdocs_plugin.engine import MkDocsEngine

        engine = MkDocsEngine.load(args.config_file, args.data_dir)
        protected = dict(engine.protected) if engine else {}
    if args.site:
        site = Path(args.site).resolve()
        root = target.root.resolve()
        if site == root or site.is_relative_to(root) or root.is_relative_to(site):
            where = "在发布目标之内" if site.is_relative_to(root) and site != root else "包含发布目标" if site != root else "就是发布目标"
            return f"不能发布 {args.site} 到 {target.label}：要发布的站点{where}，每次发布都会把以前的发布再套一层。请把站点放在发布目标之外"
    clash = overlap(target.root, protected)
    if clash:
        return f"不能发布到 {target.label}：{clash}，发布会在其中建立 releases/ 并删除旧的发布。请换一个单独的目录（如 /srv/honorboard）"
    return None


def _build_id(site: Path) -> str:
    """The tail of version.json's build id ("20261126031500-b002c829" → "b002c829"): a release names its build."""
    try:
        build = str(json.loads((site / "version.json").read_text(encoding="utf-8"))["build"])
    except (OSError, ValueError, KeyError, TypeError):
        build = ""
    return re.sub(r"[^0-9a-z]", "", build.rpartition("-")[2].lower())[:12] or secrets.token_hex(4)
