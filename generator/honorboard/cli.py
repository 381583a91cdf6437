"""``honorboard check | build | serve | schema | new | import | deploy | rollback``.

Exit codes: 0 all well, 1 problems in the data (each listed on stderr) or a failed build,
2 wrong usage (a missing folder, an unknown option).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import scaffold
from .exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .loader import load



class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 already; say it in Chinese too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"honorboard：用法错误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="honorboard", description="党建品牌与荣誉墙：检查数据、构建站点")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="只检查 data/ 中的数据")
    check.add_argument("data_dir", nargs="?", default="data", help="数据目录（默认 data）")
    schema = sub.add_parser("schema", help="生成编辑器用的 JSON Schema（schema/*.schema.json）")
    schema.add_argument("--out", default="schema", help="输出目录（默认 schema）")
    schema.add_argument("--check", action="store_true", help="只检查已提交的 schema 是否最新（过期时退出码 1）")
    for name, text in (("build", "检查并构建站点到 site/"), ("serve", "本地预览，数据改动后自动刷新")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs 配置文件（默认 mkdocs.yml）")
        cmd.add_argument("--data", dest="data_dir", default=None, help="数据目录（默认取 mkdocs.yml 中的设置）")
        if name == "build":
            cmd.add_argument("--site-dir", default=None, help="输出目录（默认 mkdocs.yml 中的 site_dir）")
        else:
            cmd.add_argument("-a", "--dev-addr", default=None, help="预览地址，如 127.0.0.1:8000")
    scaffold.add_parser(sub)
    imp = sub.add_parser("import", help="从 Excel（.xlsx）导入党员或月度星级党员到 YAML")
    imp.add_argument("xlsx", help="Excel 文件（.xlsx）")
    what = imp.add_mutually_exclusive_group(required=True)
    what.add_argument("--branch", default=None, help="导入党员到 data/branches/<ID>.yml")
    what.add_argument("--month", default=None, help="导入星级党员到 data/stars/<YYYY-MM>.yml")
    imp.add_argument("--sheet", default=None, help="工作表名称（默认自动寻找表头相符的工作表）")
    imp.add_argument("--data", dest="data_dir", default="data", help="数据目录（默认 data）")
    imp.add_argument("--dry-run", action="store_true", help="只显示将要做的改动（diff），不写文件")
    deploy = sub.add_parser("deploy", help="检查、构建并发布到内网主机（本地目录或 user@host:/path）")
    deploy.add_argument("target", help="发布目标：本地目录，或 user@host:/path（rsync + ssh）")
    deploy.add_argument("--site", default=None, help="发布已构建好的目录，不再构建")
    deploy.add_argument("--keep", type=int, default=5, help="保留最近几次发布（默认 5）")
    deploy.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs 配置文件（默认 mkdocs.yml）")
    deploy.add_argument("--data", dest="data_dir", default=None, help="数据目录（默认取 mkdocs.yml 中的设置）")
    rollback = sub.add_parser("rollback", help="把发布目标切回上一次发布")
    rollback.add_argument("target", help="发布目标：本地目录，或 user@host:/path")
    which = rollback.add_mutually_exclusive_group()
    which.add_argument("--to", default=None, help="切换到指定的发布（releases/ 下的目录名）")
    which.add_argument("--list", action="store_true", help="只列出各次发布，不切换")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "new":
        return scaffold.cmd_new(args)
    if args.command == "import":
        from .xlsx_import import cmd_import
        return cmd_import(args)
    if args.command in ("deploy", "rollback"):
        from . import deploy
        return {"deploy": deploy.cmd_deploy, "rollback": deploy.cmd_rollback}[args.command](args)
    return {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "schema": cmd_schema}[args.command](args)


def _report(data_dir: Path) -> int:
    """Check ``data_dir``; print problems to stderr. Returns the exit code."""
    if not data_dir.is_dir():
        print(f"honorboard：数据目录 {data_dir} 不存在", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    result = load(data_dir)
    for line in result.lines():
        print(line, file=sys.stderr)
    took = time.perf_counter() - started
    if result.errors:
        print(f"共 {len(result.errors)} 处错误，{len(result.warnings)} 处提醒（{result.files} 个文件）", file=sys.stderr)
        return EXIT_PROBLEMS
    site = result.site
    withheld = f"（另有 {len(site.withheld)} 名不公开）" if site.withheld else ""
    print(f"数据无误：{result.files} 个文件，{len(site.branches)} 个支部，{len(site.members)} 名党员{withheld}，"
          f"{len(site.months)} 个月，{len(site.lectures)} 讲微党课（{took * 1000:.0f} 毫秒）")
    return EXIT_OK


class _OurInfo(logging.Filter):
    """Under `build`: MkDocs' own chatter (temporary folder names) hidden, ours and warnings shown."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or record.name.startswith("mkdocs.plugins.honorboard")


def _setup_logging(everything: bool) -> None:
    """MkDocs logs through `logging`; its CLI installs a handler, calling it as a library does not."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    if not everything:
        handler.addFilter(_OurInfo())
    logging.getLogger("jieba").setLevel(logging.WARNING)  # Material's search loads it; its dictionary chatter is noise
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def cmd_check(args) -> int:
    return _report(Path(args.data_dir))


def schema_files() -> dict[str, str]:
    """File name → text of every JSON Schema, generated from the checker's declarations."""
    import json

    from .schema import FILE_KINDS, json_schema

    return {f"{k.folder}.schema.json": json.dumps(json_schema(k), ensure_ascii=False, indent=2) + "\n"
            for k in FILE_KINDS.values()}


def cmd_schema(args) -> int:
    out = Path(args.out)
    stale = [name for name, text in schema_files().items()
             if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in stale:
            print(f"{out / name}: 已过期，请运行 honorboard schema 重新生成", file=sys.stderr)
        return EXIT_PROBLEMS if stale else EXIT_OK
    out.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"已生成 {len(schema_files())} 个 JSON Schema 到 {out}/")
    return EXIT_OK


def _mkdocs_config(args, **overrides):
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not Path(args.config_file).is_file():
        print(f"honorboard：找不到配置文件 {args.config_file}", file=sys.stderr)
        return None
    try:
        config = load_config(args.config_file, **overrides)
    except ConfigurationError as exc:
        print(f"honorboard：配置文件有误：{exc}", file=sys.stderr)
        return None
    if args.data_dir is not None:
        for name, plugin in config.plugins.items():
            if name == "honorboard" or name.endswith("/honorboard"):
                plugin.config.data_dir = str(Path(args.data_dir).resolve())
    return config


def _data_dir_of(config, args) -> Path:
    if args.data_dir is not None:
        return Path(args.data_dir)
    plugin = config.plugins.get("honorboard")
    base = Path(config.config_file_path).parent
    return base / (plugin.config.data_dir if plugin else "data")


def _checked_config(args):
    """(exit code, MkDocs config): the config is there only when it loads and the data passes the check."""
    config = _mkdocs_config(args)
    if config is None:
        return EXIT_USAGE, None
    return _report(_data_dir_of(config, args)), config


def build_site(args, site_dir: Path) -> int:
    """Check the data, then build into ``site_dir`` (used by `deploy`). The exit code; messages on stderr."""
    code, _ = _checked_config(args)
    if code != EXIT_OK:
        return code
    return EXIT_OK if _mkdocs_build(args, site_dir) else EXIT_PROBLEMS


def cmd_build(args) -> int:
    """Check, build into a fresh folder beside the target, and swap it in only on success."""
    code, config = _checked_config(args)
    if code != EXIT_OK:
        return code
    target = Path(args.site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        ok = _mkdocs_build(args, staging)
        if not ok:
            return EXIT_PROBLEMS
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"站点已生成：{os.path.relpath(target)}")
    return EXIT_OK


def _mkdocs_build(args, site_dir: Path) -> bool:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    _setup_logging(everything=False)
    config = _mkdocs_config(args, site_dir=str(site_dir))
    if config is None:
        return False
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (MkDocsException, SystemExit) as exc:  # MkDocs' Abort is both
        print(f"honorboard：构建失败：{exc}", file=sys.stderr)
        return False
    except Exception as exc:  # a theme template or a plugin failed: the old site stays
        print(f"honorboard：构建失败：{type(exc).__name__}: {exc}", file=sys.stderr)
        return False
    finally:
        config.plugins.on_shutdown()
    return True


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; the old site is removed only after the rename."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)  # put the old site back: a failed swap changes nothing
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve

    if not Path(args.config_file).is_file():
        print(f"honorboard：找不到配置文件 {args.config_file}", file=sys.stderr)
        return EXIT_USAGE
    _setup_logging(everything=True)
    kwargs = {"dev_addr": args.dev_addr} if args.dev_addr else {}
    if args.data_dir is not None:
        os.environ["HONORBOARD_DATA_DIR"] = str(Path(args.data_dir).resolve())
    serve(config_file=args.config_file, **kwargs)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
