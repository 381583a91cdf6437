"""The pages MkDocs did not build, added to the sitemap it wrote.

MkDocs lists the shell placeholders (one per depth); each stands in for the detail pages of
its depth, so its entry is copied once per page with the address changed, then removed.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import quote

from markupsafe import escape


def add_to_sitemap(site_dir: Path, urls: list[str], placeholders: list[str]) -> None:
    xml_path = site_dir / "sitemap.xml"
    if not xml_path.is_file():  # a theme without a sitemap
        return
    xml = xml_path.read_text(encoding="utf-8")
    entry = None
    for placeholder in placeholders:
        found = re.search(rf"\n[ \t]*<url>\s*<loc>[^<]*/{re.escape(placeholder)}</loc>.*?</url>", xml, re.S)
        if found is None:
            continue
        entry = entry or (found.group(0), placeholder)
        xml = xml.replace(found.group(0), "")
    if entry is None:  # no site_url: MkDocs lists no page either
        return
    block, placeholder = entry
    added = "".join(block.replace(f"/{placeholder}</loc>", f"/{escape(quote(url, safe='/'))}</loc>") for url in urls)
    xml = xml.replace("\n</urlset>", added + "\n</urlset>")
    xml_path.write_text(xml, encoding="utf-8")
    with open(site_dir / "sitemap.xml.gz", "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(xml.encode("utf-8"))
