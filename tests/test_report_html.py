"""The HTML board report: same content as markdown, self-contained, escaped, and it loads."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ofsted_trace.check.pipeline import check
from ofsted_trace.judge import assess
from tests.conftest import Run
from tests.reportkit import heading_anchors, make_hostile, parse

AS_OF = "2019-12-31"


def html_report(run: Run, root: Path) -> str:
    result = run("report", "--data", str(root), "--as-of", AS_OF, "--format", "html")
    assert result.exit_code == 0, result.output
    return str(result.stdout)


class Elements(HTMLParser):
    """Collect tags, ids, hrefs and any script or fetching attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.fetching: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name == "href" and value:
                self.hrefs.append(value)
            if name == "src" or name.startswith("on"):
                self.fetching.append((tag, name))


def elements(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    return parser


def test_html_is_self_contained_and_reproducible(run: Run, minimal: Path) -> None:
    text = html_report(run, minimal)
    assert text == html_report(run, minimal)
    found = elements(text)
    assert "script" not in found.tags and "link" not in found.tags and "img" not in found.tags
    assert found.fetching == []
    assert "url(" not in text and "@import" not in text
    assert "@media print" in text and "default-src 'none'" in text
    assert "svg" in found.tags and "pre" not in text  # the chart is inline SVG, not mermaid


def test_html_has_the_same_sections_and_anchors_as_markdown(run: Run, barnet: Path) -> None:
    md = run("report", "--data", str(barnet), "--as-of", AS_OF).stdout
    found = elements(html_report(run, barnet))
    md_anchors = set(heading_anchors(parse(md))[2:])  # past the title and the contents
    assert md_anchors - {"recommendations-at-a-glance", "all-gaps-most-serious-kind-first"} \
        <= set(found.ids)
    assert {h[1:] for h in found.hrefs if h.startswith("#")} <= set(found.ids)


def test_hostile_text_is_escaped_in_html(run: Run, minimal: Path) -> None:
    text = html_report(run, make_hostile(minimal))
    assert "<script" not in text.lower() and "<img" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    found = elements(text)
    assert found.fetching == []
    assert not [h for h in found.hrefs if not h.startswith("#")]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run must install it")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return path


def test_html_report_loads_in_a_real_browser(run: Run, barnet: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(html_report(run, barnet), encoding="utf-8")
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    # The browser built the recommendation table, one row per recommendation.
    table = re.search(r'<table class="recommendations">(.*?)</table>', dom, re.S)
    assert table is not None, dom[:2000]
    # One row per item made by the as-of day (the 2024 points did not exist in 2021).
    items = assess.assess(check(barnet).dataset, date.fromisoformat(AS_OF))
    assert len(items) == 28
    assert len(re.findall(r"<tr>", table.group(1))) == 1 + len(items)
    assert "R07" in table.group(1) and "Quality of assessments" in table.group(1)
    # No page error, no console error, no fetch refused by the page's offline policy.
    console = [line for line in result.stderr.splitlines()
               if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line]
    assert console == []
