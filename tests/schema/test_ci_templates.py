"""The CI templates and CODEOWNERS samples a data repository copies: they parse, every
`honorboard` command in them is valid usage today, and every branch file has an owner line."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from helpers import REPO
from honorboard.cli import _parser

CI = REPO / "examples" / "ci"
BRANCHES = sorted(p.stem for p in (REPO / "data" / "branches").glob("*.yml"))


def _commands(lines: list[str]) -> list[str]:
    return [part.strip() for line in lines for part in line.split("&&") if part.strip().startswith("honorboard ")]


def _gitlab_scripts() -> list[str]:
    jobs = yaml.safe_load((CI / "gitlab" / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {"check", "deploy"} <= set(jobs)
    return [line for job in ("check", "deploy") for key in ("before_script", "script") for line in jobs[job].get(key, [])]


def _gitea_scripts() -> list[str]:
    workflow = yaml.safe_load((CI / "gitea" / "honorboard.yml").read_text(encoding="utf-8"))
    assert workflow[True]["pull_request"] is None  # YAML 1.1 reads `on:` as true; Gitea reads it as the key
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    return [line for s in steps if "run" in s for line in s["run"].splitlines()]


@pytest.mark.parametrize("scripts", [_gitlab_scripts, _gitea_scripts], ids=["gitlab", "gitea"])
def test_every_honorboard_command_is_valid_usage(scripts):
    commands = _commands(scripts())
    assert [shlex.split(c)[1] for c in commands] == ["check", "deploy"]  # check every MR, deploy main
    for command in commands:
        argv = shlex.split(command.replace("$DEPLOY_TARGET", "deploy@dangjian.intranet:/srv/honorboard"))
        _parser().parse_args(argv[1:])  # exits 2 on a flag that no longer exists


def test_gitlab_codeowners_give_each_branch_its_file():
    rules = [line.split()[0] for line in (CI / "gitlab" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert rules[0] == "*"
    assert sorted(r for r in rules[1:]) == sorted(f"/data/branches/{b}.yml" for b in BRANCHES)


def test_gitea_codeowners_regexes_match_their_branch_file_only():
    rules = [line.split()[0] for line in (CI / "gitea" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    # Gitea first undoes its own `\\` escape, then anchors the Go regexp to the whole path
    patterns = [re.compile(rule.replace("\\\\", "\\")) for rule in rules[1:]]
    files = [f"data/branches/{b}.yml" for b in BRANCHES]
    for path in files:
        assert sum(bool(p.fullmatch(path)) for p in patterns) == 1, path
    assert not any(p.fullmatch("data/branches/zwfw-1fxyml") for p in patterns)
