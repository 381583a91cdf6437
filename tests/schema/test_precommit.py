"""The pre-commit hook that data repositories use runs the real checker."""

from __future__ import annotations

import shlex
import subprocess
import sys

import yaml

from helpers import REPO


def test_hook_runs_honorboard_check(data_dir):
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "honorboard-check" and hook["language"] == "python" and hook["pass_filenames"] is False
    cmd = shlex.split(hook["entry"])
    assert cmd == ["honorboard", "check"]
    run = lambda: subprocess.run([sys.executable, "-m", "honorboard.cli", *cmd[1:]], cwd=data_dir.parent,  # noqa: E731
                                 capture_output=True, text=True, timeout=120)
    assert run().returncode == 0
    (data_dir / "stars/2024-06.yml").write_text("awards:\n  - member: nobody\n", encoding="utf-8")
    failed = run()
    assert failed.returncode == 1 and 'data/stars/2024-06.yml:2:13: 党员 "nobody" 不存在' in failed.stderr
