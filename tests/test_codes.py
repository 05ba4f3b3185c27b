"""docs/codes.md lists exactly the problem codes the engine can emit."""

from __future__ import annotations

import re

from tests.conftest import REPO

SRC = REPO / "src" / "ofsted_trace"
CODE = r'"([a-z]+(?:-[a-z0-9]+)+|[a-z]+)"'
# The places a code is born: a problem or fault built with it, or a code chosen for one.
BIRTHS = [
    re.compile(rf"\b(?:error|warning|YamlFault|TextFault|_fault)\(\s*{CODE}"),
    re.compile(rf"_fault\(\w+, {CODE}"),
    re.compile(rf"return {CODE}, "),
    re.compile(rf"code = {CODE} if .* else {CODE}"),
]


def emitted() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        for pattern in BIRTHS:
            for match in pattern.finditer(text):
                codes.update(g for g in match.groups() if g)
    return codes


def documented() -> set[str]:
    text = (REPO / "docs" / "codes.md").read_text()
    return set(re.findall(r"^\| `([a-z0-9-]+)` \| (?:error|warning) \|", text, re.M))


def test_every_emitted_code_is_documented() -> None:
    assert emitted() - documented() == set()


def test_every_documented_code_is_emitted() -> None:
    assert documented() - emitted() == set()


def test_the_scan_finds_the_codes_it_should() -> None:
    codes = emitted()
    assert {"yaml-tab", "yaml-alias", "bad-date", "bad-value", "personal-data",
            "multiple-documents", "too-deep"} <= codes
    assert len(codes) >= 35
