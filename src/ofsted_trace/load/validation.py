"""Pydantic's validation errors as problems: a code, a plain message and a pointer."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ofsted_trace.model.problems import Pointer, Problem, error

_DATE_FIELDS = frozenset({"date", "start", "end", "published"})


def problems(exc: ValidationError, model: type[BaseModel], rel: str,
                      prefix: Pointer = ()) -> list[Problem]:
    """Turn pydantic's errors into problems with a pointer into the file."""
    problems = []
    for err in exc.errors(include_url=False):
        loc: Pointer = tuple(err["loc"])
        pointer = (*prefix, *loc)
        # The innermost key, not a list index: "allow", not "0".
        field = next((str(step) for step in reversed(loc) if isinstance(step, str)), "")
        kind = err["type"]
        if kind == "extra_forbidden":
            allowed = ", ".join(_fields(model, loc[:-1]))
            problems.append(error("unknown-key", f"unknown key '{field}'; allowed keys: "
                                  f"{allowed}", rel, pointer))
        elif kind == "missing":
            problems.append(error("missing-key", f"missing required key '{field}'", rel,
                                  pointer[:-1]))
        elif kind == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            problems.append(error("bad-choice", f"{field} '{err['input']}' is not allowed; "
                                  f"use one of {expected}", rel, pointer))
        elif kind == "string_pattern_mismatch" and field.endswith("sha256"):
            problems.append(error("bad-value", f"{field}: '{err['input']}' is not a SHA-256; "
                                  "give 64 lower-case hex digits (trace writes it for you)",
                                  rel, pointer))
        elif kind in ("string_pattern_mismatch", "string_too_long"):
            # Otherwise only ids carry a pattern and a length limit.
            problems.append(error("bad-id", f"{field}: '{err['input']}' is not a valid id; use "
                                  "letters, digits, '.', '_' and '-' (up to 80), starting with "
                                  "a letter or digit", rel, pointer))
        else:
            message = err["msg"].removeprefix("Value error, ")
            code = "bad-date" if field in _DATE_FIELDS else "bad-value"
            problems.append(error(code, f"{field}: {message}" if field else message, rel, pointer))
    return problems


def _fields(model: type[BaseModel], loc: Pointer) -> list[str]:
    """The keys allowed at loc inside model, for 'unknown key' messages."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", {})
        field = fields.get(step)
        if field is None:
            return []
        current = _unwrap(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation
