"""The theme's stylesheets parse cleanly: a stray brace makes a browser drop the next rule
silently (it once took the category badges off every board)."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

ASSETS = Path(__file__).parents[2] / "theme" / "assets" / "honorboard"


def _errors(rules, where: str) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "error":
            out.append(f"{where}:{rule.source_line}: {rule.message}")
        elif rule.type == "qualified-rule":
            for decl in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True):
                if decl.type == "error":
                    out.append(f"{where}:{decl.source_line}: {decl.message}")
                elif decl.type == "qualified-rule" and not any(t.type == "ident" for t in decl.prelude):
                    out.append(f"{where}:{decl.source_line}: a stray block")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "container", "supports"):
            out += _errors(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), where)
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in ASSETS.glob("*.css")))
def test_stylesheet_parses(name: str):
    text = (ASSETS / name).read_text(encoding="utf-8")
    rules = tinycss2.parse_stylesheet(text, skip_whitespace=True, skip_comments=True)
    assert _errors(rules, name) == []
    assert text.count("{") == text.count("}")
