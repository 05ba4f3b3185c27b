"""JSON Schemas from the models: written by `trace schema`, and every real file validates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ofsted_trace.load import schema, yamlio
from tests.conftest import BARNET, FIXTURES, Run

KINDS = ["recommendations", "themes", "visits", "documents", "evidence", "config", "actions",
         "ratings"]


def files(root: Path) -> list[tuple[str, Path]]:
    """Each YAML file of a dataset, with its schema file name."""
    out = [(schema.name_of(p.name), p) for p in sorted(root.glob("*.yaml"))]
    out += [(schema.name_of("evidence"), p) for p in sorted(root.glob("evidence/*.yaml"))]
    return out


def test_schema_command_writes_one_schema_per_kind(run: Run, tmp_path: Path) -> None:
    result = run("schema", "--output", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(
        f"{k}.schema.json" for k in KINDS)
    evidence = json.loads((tmp_path / "s/evidence.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(evidence)
    assert evidence["required"] == ["document"]
    assert evidence["additionalProperties"] is False


@pytest.mark.parametrize("root", [BARNET, FIXTURES / "valid" / "minimal"], ids=["barnet",
                                                                               "minimal"])
def test_bundled_data_validates_against_the_schemas(root: Path) -> None:
    schemas = schema.schemas()
    checked = 0
    for name, path in files(root):
        # yamlio keeps dates as text, as the schemas expect.
        jsonschema.validate(yamlio.read_file(path), schemas[name])
        checked += 1
    assert checked >= 6


def test_schemas_reject_what_check_rejects() -> None:
    evidence = schema.schemas()["evidence.schema.json"]
    good: dict[str, Any] = {"document": "d", "excerpts": [{"id": "d-001", "quote": "q",
                                                           "voice": "council",
                                                           "stance": "mixed"}]}
    jsonschema.validate(good, evidence)
    for bad in ({**good, "extra": 1},
                {"document": "d", "excerpts": [{**good["excerpts"][0], "stance": "great"}]},
                {"document": "d", "excerpts": [{"id": "d-001", "quote": "q"}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, evidence)
    visits = schema.schemas()["visits.schema.json"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"visits": [{"id": "v", "kind": "inspection", "title": "t",
                                         "start": "2019-1"}]}, visits)
