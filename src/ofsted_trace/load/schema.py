"""JSON Schemas of each YAML file kind, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ofsted_trace.model.actions import PLAN_MODELS
from ofsted_trace.model.records import FILE_MODELS

SCHEMA_DIR = ".schema"


def name_of(kind: str) -> str:
    """The schema file name for a file kind: recommendations.yaml -> recommendations.schema.json."""
    return f"{kind.removesuffix('.yaml')}.schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """Each file kind's schema, keyed by its schema file name."""
    out = {}
    for kind, model in {**FILE_MODELS, **PLAN_MODELS}.items():
        schema = model.model_json_schema()
        where = "evidence/<document-id>.yaml" if kind == "evidence" else kind
        out[name_of(kind)] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema,
            "title": f"ofsted-trace {where}",
        }
    return out


def write(folder: Path) -> list[Path]:
    """Write every schema into folder; return the paths written."""
    from ofsted_trace.fs.atomic import write_atomic

    written = []
    for name, schema in schemas().items():
        path = folder / name
        write_atomic(path, (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode())
        written.append(path)
    return written


def pointer(kind: str, depth: int) -> str:
    """The modeline that points the YAML language server at a kind's schema, depth dirs down."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{name_of(kind)}\n"
