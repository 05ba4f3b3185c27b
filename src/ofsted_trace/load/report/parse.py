"""An Ofsted report's text into what trace tracks: dates, judgements, items and furniture."""

from __future__ import annotations

from dataclasses import dataclass

from ofsted_trace.errors import Refused
from ofsted_trace.load.report import front, furniture, items


@dataclass(frozen=True)
class Report:
    """What import-report reads from one report."""

    layout: str  # "SIF" or "ILACS"
    dates: dict[str, str | None]
    judgements: dict[str, str]
    items: tuple[items.Item, ...]
    furniture: tuple[str, ...]

    def contract(self) -> dict[str, object]:
        """The JSON that `import-report --format json` prints: scripts rely on its shape."""
        return {"dates": self.dates, "judgements": self.judgements,
                "items": [{"number": i.number, "addressed_to": i.addressed_to, "text": i.text}
                          for i in self.items]}


def read(text: str, name: str) -> Report:
    """Read a report's text; Refused (exit 1) if it is not an Ofsted report or has no list."""
    dates = front.dates(text)
    judgements = front.judgements(text)
    if dates["start"] is None and not judgements:
        raise Refused(f"{name} does not look like an Ofsted inspection report: no inspection "
                      "dates and no judgements on its front page; nothing written")
    found = furniture.patterns(text)
    skip = furniture.matcher(found)
    lines: list[str | None] = [None if skip is not None and skip.fullmatch(line.strip())
                               else line for line in text.splitlines()]
    layout, listed = items.find(lines)
    if layout is None:
        raise Refused(f"no list of items found in {name}: looked for numbered or bulleted "
                      "items under 'Recommendations' (SIF) or 'What needs to improve' (ILACS); "
                      "nothing written")
    return Report(layout, dates, judgements, tuple(listed), tuple(found))
