"""Helpers shared by the report tests: a hostile dataset and markdown structure checks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

HOSTILE = ('a | b <script>alert(1)</script> `tick` # heading [bold red]x[/] "]; '
           "*em* [link](javascript:alert(1)) <img src=x onerror=alert(2)>")


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_hostile(root: Path) -> Path:
    """Put HOSTILE into a quote, a note, a document title, a recommendation's title and text."""
    def excerpts(d: dict[str, Any]) -> None:
        d["excerpts"][0]["quote"] = HOSTILE
        d["excerpts"][0]["note"] = HOSTILE
        d["excerpts"][2]["quote"] = HOSTILE  # an emerging finding too

    def docs(d: dict[str, Any]) -> None:
        d["documents"][0]["title"] = HOSTILE

    def recs(d: dict[str, Any]) -> None:
        d["recommendations"][0]["title"] = HOSTILE
        d["recommendations"][0]["text"] = HOSTILE

    _edit(root / "evidence" / "letter.yaml", excerpts)
    _edit(root / "documents.yaml", docs)
    _edit(root / "recommendations.yaml", recs)
    letter = root / "sources" / "letter.txt"
    letter.write_text(letter.read_text(encoding="utf-8") + "\n" + HOSTILE + "\n",
                      encoding="utf-8")
    return root


def parse(text: str) -> list[Token]:
    """Parse as GitHub does: CommonMark with tables."""
    return MarkdownIt("commonmark").enable("table").parse(text)


def github_slug(text: str) -> str:
    """GitHub's heading anchor, written independently of the code under test."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def heading_anchors(tokens: list[Token]) -> list[str]:
    """The anchors GitHub would give every heading, de-duplicated as GitHub does."""
    seen: dict[str, int] = {}
    out = []
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        inline = tokens[i + 1]
        text = "".join(c.content for c in inline.children or [] if c.type in ("text",
                                                                             "code_inline"))
        base = github_slug(text)
        anchor = base if base not in seen else f"{base}-{seen[base]}"
        seen[base] = seen.get(base, 0) + 1
        out.append(anchor)
    return out


def links(tokens: list[Token]) -> list[str]:
    """Every link target in the document."""
    return [str(c.attrs["href"]) for tok in tokens if tok.type == "inline"
            for c in tok.children or [] if c.type == "link_open"]


def table_shapes(tokens: list[Token]) -> list[list[int]]:
    """For each table, the number of cells in each row."""
    shapes: list[list[int]] = []
    for tok in tokens:
        if tok.type == "table_open":
            shapes.append([])
        elif tok.type == "tr_open":
            shapes[-1].append(0)
        elif tok.type in ("th_open", "td_open"):
            shapes[-1][-1] += 1
    return shapes
