"""Fixtures for the deploy tests: one real build (made by `honorboard deploy` itself), a real sshd
on 127.0.0.1, tmpfs mounts for full and read-only disks."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from deploykit import free_port, honorboard, wait_for_port
from helpers import MINI, REPO, make_mini_media


@pytest.fixture(scope="session")
def first_deploy(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """The mini data checked, built and published by `honorboard deploy TARGET`: the one full build
    (≈10 s) of these tests. (its output, the target)"""
    root = tmp_path_factory.mktemp("mini-project")
    shutil.copytree(MINI, root / "data")
    make_mini_media(root / "data")
    for name in ("theme", "site_src"):
        shutil.copytree(REPO / name, root / name)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return honorboard("deploy", str(root / "target"), cwd=root), root / "target"


@pytest.fixture(scope="session")
def site(first_deploy, tmp_path_factory) -> Path:
    """That build as a plain folder for `deploy --site`; tests copy it before changing anything."""
    out, target = first_deploy
    assert out.returncode == 0, out.stderr
    dest = tmp_path_factory.mktemp("built") / "site"
    shutil.copytree((target / "current").resolve(), dest)
    return dest


@pytest.fixture(scope="session")
def ssh_env(tmp_path_factory) -> dict[str, str]:
    """A real sshd on 127.0.0.1 that lets root in with a key; the environment that makes
    `honorboard deploy root@127.0.0.1:/path` use it."""
    if os.geteuid() != 0:
        pytest.skip("ssh 发布测试需要 root（sshd 要以 root 运行；CI 以 root 运行测试）")
    if not Path("/usr/sbin/sshd").exists():
        pytest.skip("没有 /usr/sbin/sshd（apt-get install openssh-server，.ci/run 会自动安装）")
    home = tmp_path_factory.mktemp("sshd")
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(home / key)], check=True)
    shutil.copyfile(home / "client_key.pub", home / "authorized_keys")
    port = free_port()
    (home / "sshd_config").write_text(f"""\
Port {port}
ListenAddress 127.0.0.1
HostKey {home}/host_key
PidFile {home}/sshd.pid
AuthorizedKeysFile {home}/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
""", encoding="utf-8")
    Path("/run/sshd").mkdir(exist_ok=True)  # its privilege separation folder, made at boot by the package
    log = home / "sshd.log"
    with log.open("w") as out:
        sshd = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(home / "sshd_config")],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, sshd, "sshd", log)
        yield {"HONORBOARD_SSH": f"ssh -F /dev/null -p {port} -i {home}/client_key -o StrictHostKeyChecking=no "
                                 f"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"}
    finally:
        sshd.terminate()
        sshd.wait(timeout=10)


@pytest.fixture(params=["local", "ssh"])
def via(request):
    """How a test reaches a folder of this machine: ``via(path)`` → (TARGET argument, environment)."""
    if request.param == "local":
        return lambda path: (str(path), {})
    env = request.getfixturevalue("ssh_env")
    return lambda path: (f"root@127.0.0.1:{path}", env)


@pytest.fixture
def tmpfs(tmp_path: Path):
    """``tmpfs(name, options)`` mounts a tmpfs at tmp_path/name (unmounted after the test)."""
    if os.geteuid() != 0:
        pytest.skip("挂载 tmpfs 需要 root（CI 以 root 运行测试）")
    mounted: list[Path] = []

    def mount(name: str, options: str) -> Path:
        where = tmp_path / name
        where.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                              capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"这里不允许挂载 tmpfs：{done.stderr.strip()}")
        mounted.append(where)
        return where

    try:
        yield mount
    finally:
        for where in reversed(mounted):
            subprocess.run(["umount", str(where)], check=False)
