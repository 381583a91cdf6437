"""The JSON Schemas editors use: generated from the checker's own declarations, committed,
current, accepting the demo and rejecting the mistakes the checker rejects, at the same field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import REPO, Yaml12Loader as _Yaml12, schema_validator as _validator
from honorboard.cli import main, schema_files

CASES = REPO / "tests" / "core" / "cases"


def test_committed_schemas_are_current(capsys):
    """`honorboard schema --check` passes: the files in schema/ are exactly what the rules give."""
    assert main(["schema", "--check", "--out", str(REPO / "schema")]) == 0
    assert sorted(p.name for p in (REPO / "schema").glob("*.json")) == sorted(schema_files())


def test_stale_schema_is_reported(tmp_path: Path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    (tmp_path / "stars.schema.json").write_text("{}", encoding="utf-8")
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 1
    assert "stars.schema.json: 已过期" in capsys.readouterr().err


@pytest.mark.parametrize("path", sorted((REPO / "data").glob("*/*.yml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_demo_files_validate_and_name_their_schema(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/{path.parent.name}.schema.json\n")
    errors = list(_validator(path.parent.name).iter_errors(yaml.load(text, Loader=_Yaml12)))
    assert errors == []


@pytest.mark.parametrize("case, field", [
    ("unknown_field", "brand"),  # additionalProperties: slogn inside brand
    ("missing_required", "name"),
    ("stars_range", "stars"),
    ("bad_id", "id"),
    ("color_bad", "color"),
    ("hours_bad", "hours"),
    ("orientation", "orientation"),
    ("slides_bad", "show"),
    ("honor_entry_one", "entries"),
    ("lecturer_one", "lecturer"),
    ("lecturer_none", "not valid under any of the given schemas"),  # the rule spans two fields: reported on the file
    ("slides_empty", "slides"),
    ("int_types", "floor"),
    ("publish_bool", "publish"),
])
def test_schema_rejects_what_the_checker_rejects(case: str, field: str):
    """The editor flags the same mistake, at (or inside) the same field, before any commit."""
    text = (CASES / f"{case}.yml").read_text(encoding="utf-8")
    target = next(line for line in text.splitlines() if line.startswith("# target: ")).split(": ", 1)[1]
    errors = list(_validator(target.split("/")[0]).iter_errors(yaml.load(text, Loader=_Yaml12)))
    assert errors
    words = " ".join(" ".join(map(str, e.absolute_path)) + " " + e.message for e in errors)
    assert field in words
