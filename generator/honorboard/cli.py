"""``honorboard check | build | serve | schema | new | import | deploy | rollback | stats``.

Exit codes: 0 all well, 1 problems in the data (each listed on stderr) or a failed build,
2 wrong usage (a missing folder, an unknown option), 3 (`stats`) a lobby screen needs attention.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import build
from . import stats
from .authoring import scaffold
from .exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 already; say it in Chinese too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"honorboard：用法错误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="honorboard", description="党建品牌与荣誉墙：检查数据、构建站点")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="只检查 data/ 中的数据")
    check.add_argument("data_dir", nargs="?", default="data", help="数据目录（默认 data）")
    check.add_argument("-f", "--config-file", default="mkdocs.yml",
                       help="MkDocs 配置文件，从中读取 honorboard 插件的 fonts:（默认 mkdocs.yml，没有也可）")
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
    stats.add_parser(sub)
    return p


def _undecodable(argv: list[str]) -> str | None:
    """A Chinese line for an argument typed in a terminal that is not UTF-8 (Python keeps such
    bytes as lone surrogates, which no file can hold), or None."""
    for arg in argv:
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            raw = os.fsencode(arg)
            try:
                guess = f"，按 GBK 读是“{raw.decode('gb18030')}”"
            except UnicodeDecodeError:
                guess = ""
            shown = arg.encode("utf-8", "replace").decode("utf-8")
            return (f"参数“{shown}”不是 UTF-8 编码（终端可能是 GBK{guess}）：请把终端设为 UTF-8"
                    f"（Windows：chcp 65001；Linux：LANG=zh_CN.UTF-8）后重试")
    return None


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a GBK console cannot show every character: never a traceback for it
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    raw = sys.argv[1:] if argv is None else argv
    bad = _undecodable(raw)
    if bad:
        print(f"honorboard：{bad}", file=sys.stderr)
        return EXIT_USAGE
    args = _parser().parse_args(argv)
    if args.command == "new":
        return scaffold.cmd_new(args)
    if args.command == "import":
        from .authoring.xlsx_import import cmd_import
        return cmd_import(args)
    if args.command == "stats":
        return stats.cmd_stats(args)
    if args.command in ("deploy", "rollback"):
        from . import deploy
        return {"deploy": deploy.cmd_deploy, "rollback": deploy.cmd_rollback}[args.command](args)
    return {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "schema": cmd_schema}[args.command](args)


def cmd_check(args) -> int:
    from .mkdocs_plugin.options import configured_fonts

    return build.report(Path(args.data_dir), configured_fonts(Path(args.config_file)))


def schema_files() -> dict[str, str]:
    """File name → text of every JSON Schema, generated from the checker's declarations."""
    import json

    from .data.schema import FILE_KINDS, json_schema

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


def cmd_build(args) -> int:
    """Check, build into a fresh folder beside the target, and swap it in only on success."""
    from .mkdocs_plugin.engine import MkDocsEngine

    engine = MkDocsEngine.load(args.config_file, args.data_dir)
    if engine is None:
        return EXIT_USAGE
    return build.build(engine, Path(args.site_dir) if args.site_dir else None)


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve

    from .mkdocs_plugin.engine import setup_logging

    if not Path(args.config_file).is_file():
        print(f"honorboard：找不到配置文件 {args.config_file}", file=sys.stderr)
        return EXIT_USAGE
    setup_logging(everything=True)
    kwargs = {"dev_addr": args.dev_addr} if args.dev_addr else {}
    if args.data_dir is not None:
        os.environ["HONORBOARD_DATA_DIR"] = str(Path(args.data_dir).resolve())
    serve(config_file=args.config_file, **kwargs)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
