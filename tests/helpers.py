"""Helpers shared by test modules (conftest files hold only fixtures)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
