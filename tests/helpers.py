"""Helpers shared by test modules (conftest files hold only fixtures)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml
from PIL import Image

REPO = Path(__file__).parents[1]
MINI = REPO / "tests" / "fixtures" / "mini"


def make_mini_media(data: Path) -> None:
    """The images the mini data names, drawn here so the repo holds no binary fixtures."""
    media = data / "media"
    media.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 64), "#C8161D").save(media / "emblem.png")
    Image.new("RGB", (90, 120), "#D4A84B").save(media / "jiang-hua.jpg", quality=80)
    Image.new("RGB", (160, 90), "#FFF8F0").save(media / "notice.png")
    (media / "notice.txt").write_text("不是图片", encoding="utf-8")
    (media / "fake.png").write_text("这不是 PNG", encoding="utf-8")


def tree_digest(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes: equal digests mean an untouched tree."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def mkdocs_build(project: Path, site: Path, quiet: bool = True) -> subprocess.CompletedProcess:
    """A real `mkdocs build` of ``project`` into ``site``."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["-q"] if quiet else []),
                           "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def edit(path: Path, replacements: dict[str, str]) -> None:
    """Replace text in a data file as a person would in an editor (each old text must be there)."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


class Yaml12Loader(yaml.SafeLoader):
    """Roughly what yaml-language-server sees: YAML 1.2 core, so dates stay text."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_validator(kind: str):
    """The committed JSON Schema of one data folder, as an editor would apply it."""
    from jsonschema import Draft202012Validator

    schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise AssertionError(f"{what} exited: {log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{what} does not listen on {port}: {log.read_text(errors='replace')}")


NGINX = Path("/usr/sbin/nginx")


@contextlib.contextmanager
def nginx_serving(root: Path, home: Path):
    """A real nginx in the foreground with the repo's server block (deploy/nginx/honorboard.conf),
    only `listen`, `root` and the access log's place changed: yields (port, access log)."""
    import pytest

    if not NGINX.exists():
        pytest.skip("没有 /usr/sbin/nginx（apt-get install nginx，.ci/run 会自动安装）")
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log, errors = home / "access.log", home / "error.log"
    server = (REPO / "deploy/nginx/honorboard.conf").read_text(encoding="utf-8")
    server, listens = re.subn(r"^(\s*)listen\s[^;]*;", rf"\g<1>listen 127.0.0.1:{port};", server, flags=re.MULTILINE)
    server, roots = re.subn(r"^(\s*)root\s[^;]*;", rf"\g<1>root {root};", server, flags=re.MULTILINE)
    server, logs = re.subn(r"^(\s*)access_log\s+\S+", rf"\g<1>access_log {log}", server, flags=re.MULTILINE)
    assert (listens, roots, logs) == (1, 1, 1)
    (home / "honorboard.conf").write_text(server, encoding="utf-8")
    temp_paths = "\n".join(f"    {kind}_temp_path {home}/{kind};"
                           for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (home / "nginx.conf").write_text(f"""\
{"user root;  # tmp_path is 0700" if os.geteuid() == 0 else ""}
worker_processes 2;
daemon off;
pid {home}/nginx.pid;
error_log {errors} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{temp_paths}
    include {home}/honorboard.conf;
}}
""", encoding="utf-8")
    process = subprocess.Popen([str(NGINX), "-p", str(home), "-c", str(home / "nginx.conf"), "-e", str(errors)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, "nginx", errors)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=10)
