"""MkDocs hooks, in the order MkDocs calls them; the work is done by the core."""

from __future__ import annotations

import functools
import json
import os
import secrets
import shutil
import time
import warnings
from pathlib import Path

import jinja2
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import images
from ..build import refuse_output
from ..data import media, subtitles
from ..data.loader import ReadMemo, load
from ..data.problems import Problem, shown, sorted_problems
from ..site import screenfont, screens, shell
from ..site import search as site_search
from ..site.incremental import Fingerprints, PageMemo
from ..images import video as videos
from ..site.pages import PageSpec, assets, error_pages, plan, screen_pages, subtitles_url
from ..site.render import Renderer
from ..site.markup import join_cjk_lines
from ..site.screenfont import subset_woff2
from ..site.workers import map_shares
from .config import HonorboardConfig, project_paths
from .options import font_paths
from .sitemap import add_to_sitemap
from .watch import FolderGuard, Watch

log = get_plugin_logger(__name__)


class HonorboardPlugin(BasePlugin[HonorboardConfig]):
    def __init__(self):
        self.command = "build"
        self.specs: dict[str, PageSpec] = {}
        self.shells: dict[str, shell.Shell | None] = {}  # placeholder src_uri → its rendered page
        self.renderer: Renderer | None = None
        self.data_dir = Path("data")
        self.cache_dir = Path(".cache/honorboard")
        self.fonts: tuple[str, ...] = ()
        self.site_url: str | None = None
        self.build_id = ""
        self._guard: FolderGuard | None = None
        self._watch: Watch | None = None
        self._rendering: images.Rendering | None = None
        self.site = None  # the model of the last good build
        # kept across rebuilds under serve: what each data file held, each page and its inputs
        self._read_memo = ReadMemo()
        self._page_memo = PageMemo()
        self._nav_memos: dict[str, PageMemo] = {}  # one per nav page, rendered one at a time
        self._fingerprints: Fingerprints | None = None
        self._last_rendered: set[str] = set()  # URLs the last preview rebuild rendered (tests read it)
        self._layout: dict | None = None
        self._bytecode = _KeptBytecode()

    # Set up once: under `serve` this instance lives across rebuilds.
    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    # Before MkDocs empties site_dir (it does so right after this hook): never into data/.
    def on_config(self, config):
        refused = refuse_output(Path(config.site_dir), project_paths(config), foreign=False)
        if refused:
            raise PluginError(refused)
        base = Path(config.config_file_path).parent
        # `honorboard serve --data DIR` cannot pass plugin options through MkDocs' serve()
        data_dir = os.environ.get("HONORBOARD_DATA_DIR") or self.config.data_dir
        self.data_dir = (base / data_dir).resolve()
        self.cache_dir = (base / (os.environ.get("HONORBOARD_CACHE_DIR") or self.config.cache_dir)).resolve()
        self.fonts = font_paths(base, self.config.fonts)
        # `serve` rewrites site_url to the preview address; QR codes keep the real one, so
        # cards printed from a preview work and build and serve share one picture cache
        with warnings.catch_warnings():  # MkDocs 1.6 marks user_configs deprecated; it is the only record
            warnings.simplefilter("ignore", DeprecationWarning)
            written = [c.get("site_url") for c in getattr(config, "user_configs", ()) if isinstance(c, dict)]
        self.site_url = next((u for u in reversed(written) if u), None) or config.site_url
        dirs = [Path(d) / "honorboard" for d in config.theme.dirs]
        folders = tuple(d for d in dirs if d.is_dir())
        if self.renderer is None or self.renderer.folders != folders:  # kept under serve: its templates stay compiled
            self.renderer = Renderer(folders)
        return config

    # Under serve MkDocs makes a new theme environment for every rebuild; compiling Material's
    # templates again each time cost most of a rebuild of the demo. Compiled code is kept here.
    def on_env(self, env, *, config, files):
        env.bytecode_cache = self._bytecode
        return env

    # Priority: default. Runs after the docs folder is read, so our pages can replace any
    # hand-written page at the same path, and before the nav is built from the files.
    def on_files(self, files: Files, config) -> Files:
        # Screens poll version.json for this id; every build gets a new one.
        self.build_id = time.strftime("%Y%m%d%H%M%S", time.gmtime()) + "-" + secrets.token_hex(4)
        generated: list[File] = []
        fonts = None
        if not self.data_dir.is_dir():  # under serve: a branch switch or `git checkout` in progress
            shown = os.path.relpath(self.data_dir)
            if self.command != "serve":
                raise PluginError(f"数据目录 {shown} 不存在")
            missing = f"数据目录 {shown} 不存在（正在切换分支或恢复文件？）：恢复后预览自动重建"
            result, problems = None, []
        else:
            if self.command != "serve":  # `honorboard build` has just checked: its readings are on disk
                self._read_memo = ReadMemo.on_disk(self.data_dir)
            missing, result = None, load(self.data_dir, memo=self._read_memo)
            self._read_memo.save()
            problems = list(result.problems)
        if result is not None and not result.errors:
            fonts = self._fonts()
            generated += self._videos(result.site, config)  # first: a poster is a cover the pages show
            problems += self._pictures(result.site, config, generated, fonts)
            problems += self._subtitles(result.site, config, generated)
        lines = [missing] if missing else []
        lines += [p.format() for p in sorted_problems(problems)]
        for line in lines:
            (log.error if "提醒：" not in line else log.warning)(line)
        errors = [p for p in problems if p.is_error]
        # the theme's 404.html shows these under `serve`: any address lists the problems
        config.extra["honorboard_problems"] = lines if (errors or missing) and self.command == "serve" else []
        if errors or missing:
            if self.command != "serve":
                raise PluginError(f"data/ 中有 {len(errors)} 处错误，已停止构建（逐条见上）")
            log.error("数据有误：预览显示错误清单，修改并保存后自动恢复")
            specs, self.site = list(error_pages(lines)), None
        else:
            specs = list(plan(result.site))
            self.site = result.site
            if self.command == "serve":  # what this rebuild's pages are checked against
                self._fingerprints = Fingerprints(result.site, specs[0].context["views"], self._read_memo.stamps)
            for path in media.downloads(result.site):
                generated.append(File.generated(config, path, abs_src_path=str(self.data_dir / path)))
            generated += self._screens(result.site, config, fonts)
        self.specs, self.shells = {}, {}
        for spec in specs:
            # Detail pages are listed (hand-written pages link to them, clashes are found) but
            # MkDocs does not build them: on_post_build pours them into the rendered shell.
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.EXCLUDED
            f = File.generated(config, spec.source_name, content="", inclusion=inclusion)
            generated.append(f)
            self.specs[f.src_uri] = spec
        for depth in sorted({shell.depth(s.url) for s in specs if not s.in_nav}):
            f = File.generated(config, shell.placeholder_url(depth) + "index.md", content="",
                               inclusion=InclusionLevel.NOT_IN_NAV)
            generated.append(f)
            self.shells[f.src_uri] = None
        clashes = self._clashes(files, generated, config)
        if clashes:
            for line in clashes:
                log.error(line)
            if self.command != "serve":
                raise PluginError(f"{len(clashes)} 个手写页面与生成的页面重名，已停止构建（逐条见上）")
        for f in generated:
            self._replace(files, f)
        return files

    @staticmethod
    def _clashes(files: Files, generated: list[File], config) -> list[str]:
        """Hand-written pages (site_src/) whose output path a generated page takes: refused,
        since one of them would silently vanish."""
        written = {f.dest_uri: f for f in files if f.generated_by is None}
        docs = Path(config.docs_dir).name
        return [
            f"{docs}/{written[f.dest_uri].src_uri}：与生成的页面 /{f.url.removeprefix('.').removeprefix('/')} 重名，"
            "该地址由 data/ 生成：请给手写页面换一个文件名，或删除它"
            for f in generated if f.dest_uri in written
        ]

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.src_uri in self.shells:
            page.meta.update(title=shell.TITLE, hide=["navigation", "toc"], search={"exclude": True})
            return markdown
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            # Material prints page.title unescaped (<title>, header): escape it here.
            page.meta["title"] = str(escape(spec.title))
            # generated pages bring their own headings and use the full width
            page.meta.setdefault("hide", ["navigation", "toc"])
            page.meta["search"] = {"exclude": True}  # indexed from the model (site.search), not its HTML
            return markdown
        return join_cjk_lines(markdown)  # a hand-written page: no stray space where a line wraps

    def on_page_content(self, html, *, page, config, files):
        if page.file.src_uri in self.shells:
            return shell.CONTENT
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        if self.command == "serve" and self.site is not None:  # the catalog of 2,000 lectures: kept too
            memo = self._nav_memos.setdefault(spec.url, PageMemo())
            return memo.render([spec], self.renderer, self._fingerprints)[0][spec.url]
        return self.renderer.render(spec)

    def on_post_page(self, output, *, page, config):
        if page.file.src_uri in self.shells:
            self.shells[page.file.src_uri] = shell.Shell(output, page.url)
        return output

    # Before Material's search plugin writes its index (priority 0): the detail pages' entries go in.
    @event_priority(50)
    def _detail_pages(self, *, config) -> None:
        site_dir = Path(config.site_dir)
        shells = {shell.depth(s.url): s for s in self.shells.values() if s is not None}
        shutil.rmtree(site_dir / shell.placeholder_url(1), ignore_errors=True)  # placeholders are no pages
        details = [s for s in self.specs.values() if not s.in_nav]
        if self.command == "serve":
            self._preview_pages(site_dir, details, shells)
            details = []  # written above

        def write(specs) -> int:
            for spec in specs:
                _write_page(site_dir, shells, spec, self.renderer.render(spec))
            return len(specs)

        search = _search_index(config)

        def index() -> None:  # in this process while the children write pages
            if search is not None:
                search.entries += site_search.entries(self.specs.values())
            for asset in assets(self.site) if self.site is not None else ():
                (site_dir / asset.path).parent.mkdir(parents=True, exist_ok=True)
                (site_dir / asset.path).write_bytes(asset.content)

        map_shares(write, details, meanwhile=index)
        self._place_pictures(site_dir)
        add_to_sitemap(site_dir, [s.url for s in self.specs.values() if not s.in_nav],
                       [shell.placeholder_url(d) for d in shells])

    # Under serve, MkDocs empties the site folder before every build: the last build's pages are
    # set aside first, so a page whose inputs did not change is moved back, not rendered again.
    def on_pre_build(self, *, config) -> None:
        site_dir = Path(config.site_dir)
        if self.command != "serve" or not self._page_memo.kept or not site_dir.is_dir():
            return
        kept = _kept_dir(site_dir)
        shutil.rmtree(kept, ignore_errors=True)
        site_dir.rename(kept)
        site_dir.mkdir()

    def _preview_pages(self, site_dir: Path, details: list[PageSpec], shells: dict) -> None:
        kept = _kept_dir(site_dir)
        layout = {d: s.parts for d, s in shells.items()}
        same_layout = layout == self._layout
        self._layout = layout
        if not details:
            return
        fragments, rendered = self._page_memo.render(details, self.renderer, self._fingerprints)
        self._last_rendered = rendered
        if same_layout and kept.is_dir():
            _move_back(kept, site_dir, {s.url for s in details} - rendered)
        for spec in details:
            if spec.url in rendered or not (site_dir / spec.url / "index.html").is_file():
                _write_page(site_dir, shells, spec, fragments[spec.url])
        shutil.rmtree(kept, ignore_errors=True)
        log.info(f"预览：重新生成 {len(rendered)} 个页面，{len(details) - len(rendered)} 个未变")

    # After Material wrote its index: as UTF-8, not \u escapes (6 bytes a character instead of 3).
    @event_priority(-50)
    def _compact_index(self, *, config) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if path.is_file():
            data = json.loads(path.read_bytes())
            path.write_bytes(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    # Written last: a screen that sees the new id finds every new page already in place.
    @event_priority(-100)
    def _version(self, *, config) -> None:
        out = Path(config.site_dir) / "version.json"
        out.write_text(json.dumps({"build": self.build_id}, ensure_ascii=False), encoding="utf-8")

    on_post_build = CombinedEvent(_detail_pages, _compact_index, _version)

    def on_serve(self, server, *, config, builder):
        # data/ is ours to watch; so are the page templates, which people edit with the data
        self._watch = Watch(server)
        if self.data_dir.is_dir():
            self._watch.watch(str(self.data_dir))
        for folder in self.renderer.folders:
            server.watch(str(folder))
        self._guard = FolderGuard(server, self.data_dir, watcher=self._watch)  # watches data/ again when it comes back
        self._guard.start()
        return server

    def on_build_error(self, *, error) -> None:
        if self._rendering is not None:
            self._rendering.cancel()
            self._rendering = None

    def on_shutdown(self) -> None:
        if self._guard is not None:
            self._guard.stop()
        if self._watch is not None:
            self._watch.stop()

    # --- helpers -------------------------------------------------------------------------

    def _fonts(self) -> images.FontSet:
        try:
            return images.discover(self.fonts)
        except images.NoCJKFont as exc:
            raise PluginError(str(exc)) from None

    def _screens(self, site, config, fonts) -> list[File]:
        """Standalone screen pages (and their index), with the font subset they carry."""
        out: list[File] = []
        font_url = ""
        if site.screens:
            chars = "".join(sorted(screens.all_characters(site)))
            cache = images.Cache(self.cache_dir / "img")  # cached like pictures: subsetting takes ≈ 1.5 s
            digest = images.cache.key("screen-font", chars, screenfont.FEATURES, fonts.fingerprint)
            path = cache.get(digest, "woff2") or cache.put(digest, "woff2", subset_woff2(fonts, set(chars)))
            font_url = f"assets/honorboard/fonts/hb-{digest[:10]}.woff2"  # not under screens/: a screen id may be "font"
            out.append(File.generated(config, font_url, abs_src_path=str(path)))
        for spec in screen_pages(site, self.build_id, font_url, self.site_url, self._qr_codes()):
            out.append(File.generated(config, spec.url + "index.html", content=self.renderer.render(spec)))
        return out

    def _qr_codes(self):
        """QR codes for the screens, kept in the picture cache: drawing one costs ≈ 10 ms."""
        cache = images.Cache(self.cache_dir / "img")

        @functools.lru_cache(maxsize=None)
        def qr(url: str) -> str:
            digest = images.cache.key("qr", url, None, None)
            path = cache.get(digest, "txt")
            if path is None:
                path = cache.put(digest, "txt", screens.qr_data_uri(url).encode("ascii"))
            return path.read_text(encoding="ascii")

        return qr

    def _pictures(self, site, config, generated: list[File], fonts) -> list[Problem]:
        """Check every drawn character, then render (or reuse) every picture."""
        problems = images.check_glyphs(images.drawn_texts(site), fonts)
        if any(p.is_error for p in problems):
            return problems
        if not self.site_url:
            log.warning("mkdocs.yml 未设置 site_url：品牌卡片上不印二维码")
        jobs = images.plan(site, self.site_url)
        # Those in the cache are copied by MkDocs; the others are drawn while the pages are
        # written, and placed by _place_pictures.
        self._rendering = images.Rendering(jobs, self.data_dir, images.Cache(self.cache_dir / "img"), fonts, self.fonts)
        for out, path in self._rendering.cached.items():
            generated.append(File.generated(config, out, abs_src_path=str(path)))
        return problems

    def _videos(self, site, config) -> list[File]:
        """Length and poster of local videos whose YAML has none (ffprobe / ffmpeg, cached by
        content); without ffmpeg one line says what was skipped and the build goes on."""
        report = videos.read_videos(site, self.data_dir, images.Cache(self.cache_dir / "img"))
        if report.summary:
            log.info(report.summary)
        for video, why in sorted(report.failed.items()):
            log.warning(f"视频 {video} 无法读取时长和封面（{why}）：页面使用绘制的封面；请检查这个视频文件能否播放")
        return [File.generated(config, images.urls.cover(lec.id), abs_src_path=str(report.facts[lec.id].frame))
                for lec in videos.apply(site, report)]

    def _subtitles(self, site, config, generated: list[File]) -> list[Problem]:
        """Each lecture's subtitles as WebVTT beside its page: a .srt converted, a .vtt rebuilt
        without markup; made in memory from the file, nothing written to data/ or a temporary file."""
        problems = []
        for lec in site.lectures:
            if not lec.subtitles:
                continue
            try:
                text = subtitles.convert(self.data_dir / lec.subtitles)
            except subtitles.BadSubtitles as bad:  # changed since the check read it
                problems.append(Problem(bad.code, lec.pos("subtitles"), field="subtitles", found=shown(lec.subtitles),
                                        **bad.ctx))
                continue
            except OSError as exc:
                problems.append(Problem("media.subtitles_unreadable", lec.pos("subtitles"), field="subtitles",
                                        found=shown(lec.subtitles), reason=exc.strerror or str(exc)))
                continue
            generated.append(File.generated(config, subtitles_url(lec), content=text))
        return problems

    def _place_pictures(self, site_dir: Path) -> None:
        """Wait for the pictures being drawn and put them in the site; a picture that could not
        be drawn (a damaged photo) stops the build, as a data error does."""
        rendering, self._rendering = self._rendering, None
        if rendering is None:
            return
        ready = set(rendering.cached)
        report = rendering.finish()
        log.info(report.summary)
        for out, path in report.outputs.items():
            if out not in ready:
                (site_dir / out).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, site_dir / out)
        for p in sorted_problems(report.problems):
            (log.error if p.is_error else log.warning)(p.format())
        errors = [p for p in report.problems if p.is_error]
        if errors and self.command != "serve":
            raise PluginError(f"{len(errors)} 张图片无法处理，已停止构建（逐条见上）")

    @staticmethod
    def _replace(files: Files, new: File) -> None:
        old = files.get_file_from_path(new.src_uri)
        if old is not None:
            files.remove(old)
        files.append(new)


def _write_page(site_dir: Path, shells: dict, spec: PageSpec, fragment: str) -> None:
    """A detail page: its fragment in the shell of its depth, at its address."""
    out = site_dir / spec.url / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(shells[shell.depth(spec.url)].fill(spec.title, spec.url, fragment).encode("utf-8"))


def _kept_dir(site_dir: Path) -> Path:
    """Where the last preview's pages wait while MkDocs empties the site folder."""
    return site_dir.with_name(site_dir.name + ".hb-kept")


def _move_back(kept: Path, site_dir: Path, urls: set[str]) -> None:
    """Move the pages at ``urls`` from ``kept`` into ``site_dir``: a whole folder when MkDocs
    wrote nothing there and every page in it is wanted (members/), else page by page."""
    by_top: dict[str, list[str]] = {}
    for url in urls:
        by_top.setdefault(url.split("/", 1)[0], []).append(url)
    for top, wanted in by_top.items():
        if not (site_dir / top).exists() and sum(1 for _ in (kept / top).iterdir()) == len(wanted):
            (kept / top).rename(site_dir / top)
            continue
        (site_dir / top).mkdir(parents=True, exist_ok=True)
        src, dst = str(kept) + "/", str(site_dir) + "/"
        for url in wanted:
            try:
                os.rename(src + url, dst + url)
            except OSError:  # not kept (or a folder MkDocs made): rendered afresh
                pass


def _search_index(config):
    """Material's search index of this build, or None when the search plugin is off."""
    for name, plugin in config.plugins.items():
        if name in ("search", "material/search") and hasattr(plugin, "search_index"):
            return plugin.search_index
    return None


class _KeptBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the plugin (Jinja checks each
    template's source checksum, so an edited template is compiled again)."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
