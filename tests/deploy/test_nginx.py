"""The sample nginx config (deploy/nginx/honorboard.conf) in a real nginx serving a deploy target:
its cache and gzip headers, and no broken answer while releases are deployed and rolled back."""

from __future__ import annotations

import gzip
import http.client
import json
import shutil
import threading
from pathlib import Path

import pytest

from deploykit import honorboard, layout, variant
from helpers import REPO, nginx_serving

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def nginx(tmp_path: Path):
    """nginx in the foreground with the repo's server block, only `listen`, `root` and the log's
    place changed: (port, the target whose `current` it serves)."""
    target = tmp_path / "target"
    with nginx_serving(target / "current", tmp_path / "nginx") as (port, _log):
        yield port, target


def get(port: int, path: str, **headers: str) -> tuple[int, http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        return response.status, response, response.read()
    finally:
        connection.close()


def file_of(site: Path, path: str) -> Path:
    return site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


def test_cache_and_gzip_headers(site: Path, nginx):
    port, target = nginx
    assert honorboard("deploy", str(target), "--site", str(site)).returncode == 0
    hashed = [next(site.glob(pattern)).relative_to(site).as_posix()
              for pattern in ("assets/stylesheets/main.*.min.css", "assets/javascripts/bundle.*.min.js",
                              "assets/honorboard/fonts/hb-*.woff2")]
    for path in ("/", "/members/jiang-hua/", "/version.json", "/assets/honorboard/site.css", "/sitemap.xml",
                 "/img/members/jiang-hua-240.webp", *(f"/{p}" for p in hashed)):
        status, response, body = get(port, path)
        assert status == 200 and body == file_of(site, path).read_bytes(), path
        expected = IMMUTABLE if path.lstrip("/") in hashed else "no-cache"
        assert response.getheader("Cache-Control") == expected, path

    for path in ("/", f"/{hashed[0]}", f"/{hashed[1]}", "/search/search_index.json"):
        status, response, body = get(port, path, Accept_Encoding="gzip")
        assert response.getheader("Content-Encoding") == "gzip", path
        assert gzip.decompress(body) == file_of(site, path).read_bytes()

    status, response, _ = get(port, "/boards")  # a folder without its slash: relative links need it
    assert (status, response.getheader("Location")) == (301, "/boards/")
    status, response, body = get(port, "/no/such/page/")
    assert status == 404 and body == (site / "404.html").read_bytes()
    assert response.getheader("Cache-Control") == "no-cache"


def test_every_answer_whole_while_deploying(site: Path, nginx, tmp_path: Path):
    """Two workers fetch pages, version.json, a hashed asset and big files without pause while
    releases A, B, A', B' are deployed (each uploading 5 MB of changed files) and rolled back:
    every answer is 200 and byte-identical to that file in one of the releases."""
    port, target = nginx
    a = variant(site, tmp_path / "a", "aaaa", extra=300)
    b = variant(site, tmp_path / "b", "bbbb", extra=300)
    a2, b2 = (shutil.copytree(s, tmp_path / f"{s.name}2") for s in (a, b))
    for s, tag in ((a2, "aaa2"), (b2, "bbb2")):
        (s / "version.json").write_text(json.dumps({"build": f"20261126000001-{tag}"}), encoding="utf-8")
    releases = (a, b, a2, b2)
    css = next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site).as_posix()
    paths = ["/", "/version.json", "/boards/", "/members/jiang-hua/", f"/{css}", "/search/search_index.json",
             "/extra/blob-000.bin", "/extra/blob-150.bin", "/extra/blob-299.bin"]
    expected = {path: {file_of(r, path).read_bytes() for r in releases} for path in paths}
    assert honorboard("deploy", str(target), "--site", str(a), "--keep", "3").returncode == 0

    done, lock = threading.Event(), threading.Lock()
    answers, broken, versions = [0], [], set()

    def fetch(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in range(offset, offset + 100_000):  # bounded, though `done` comes long before
            if done.is_set():
                break
            path = paths[i % len(paths)]
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            with lock:
                answers[0] += 1
                if response.status != 200 or body not in expected[path]:
                    broken.append((path, response.status, body[:80]))
                if path == "/version.json":
                    versions.add(body)
        connection.close()

    workers = [threading.Thread(target=fetch, args=(n * 4,)) for n in range(2)]
    for worker in workers:
        worker.start()
    try:
        for release in (b, a2, b2):
            out = honorboard("deploy", str(target), "--site", str(release), "--keep", "3")
            assert out.returncode == 0, out.stderr
        assert honorboard("rollback", str(target)).returncode == 0
        assert honorboard("rollback", str(target), "--to", layout(target)[1][-1]).returncode == 0
    finally:
        done.set()
        for worker in workers:
            worker.join()
    assert broken == []
    assert len(versions) >= 3  # the workers did see the switches
    assert answers[0] > 500, answers
    print(f"{answers[0]} answers while deploying")
    assert layout(target)[1] == sorted(layout(target)[1]) and len(layout(target)[1]) == 3
