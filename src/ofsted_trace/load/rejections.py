"""The dataset's rejected.yaml, read and validated: the passages no suggestion may offer again."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ofsted_trace.errors import Exit, TraceError
from ofsted_trace.load import validation, yamlio
from ofsted_trace.model.rejections import FILE, RejectedFile, Rejection


class BadRejections(TraceError):
    """rejected.yaml cannot be read or does not have its keys: the command cannot go on."""

    exit_code = Exit.INVALID


def read(root: Path) -> list[Rejection]:
    """Every rejection recorded under root; none when the file does not exist."""
    path = root / FILE
    if not path.is_file():
        return []
    try:
        text = yamlio.read_text(path)
        data = yamlio.parse(text)
    except (yamlio.YamlFault, OSError) as exc:
        raise BadRejections(f"{path.as_posix()}: {exc}; fix it first") from None
    try:
        return RejectedFile.model_validate(data if data is not None else {}).rejected
    except ValidationError as exc:
        first = validation.problems(exc, RejectedFile, FILE)[0]
        line, _ = yamlio.Locator(text).find(first.pointer)
        raise BadRejections(f"{path.as_posix()}:{line}: {first.code}: {first.message}; fix it "
                            "first") from None
