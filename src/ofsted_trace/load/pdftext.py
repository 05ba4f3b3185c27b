"""A PDF's text, page by page: the only module that imports pypdf."""

from __future__ import annotations

from pathlib import Path

from ofsted_trace.errors import Refused


def is_pdf(path: Path) -> bool:
    """True when the file's name or first bytes say it is a PDF."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def pages(path: Path) -> list[str]:
    """The text of each page, in order; Refused (exit 1) when the file is not a readable PDF."""
    from pypdf import PdfReader  # imported only when a PDF is read: it is not small
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise Refused(f"{path} is an encrypted PDF; save an unencrypted copy first")
        return [page.extract_text() or "" for page in reader.pages]
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror or exc}", usage=True) from None
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        # pypdf raises plain ValueError/KeyError on some damaged files, not only its own errors.
        raise Refused(f"{path} is not a readable PDF ({type(exc).__name__}: {exc})") from None


def text(path: Path) -> str:
    """The whole text, pages joined by a line break, ending in one."""
    joined = "\n".join(page.rstrip("\n") for page in pages(path))
    return joined if joined.endswith("\n") else joined + "\n"
