"""`trace import-report`: a report's visit, cycle, items and text, as one plan."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ofsted_trace.edit import documents
from ofsted_trace.edit.additions import RECS, add_cycle
from ofsted_trace.edit.draft import RECOMMENDATION_ORDER, VISIT_ORDER, Draft, ordered
from ofsted_trace.edit.plan import Plan
from ofsted_trace.errors import Refused
from ofsted_trace.load.report import parse
from ofsted_trace.load.report.items import BOARD, Item

VISIT_TITLES = {
    "SIF": "Inspection of services for children in need of help and protection, children "
           "looked after and care leavers (SIF)",
    "ILACS": "Inspection of local authority children's services (ILACS)",
}
_LEAD = re.compile(r"^(?:Ensure(?: that)?|Improve|Increase|Review|The|A|An)\s+", re.I)
_TRAILING = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or",
                       "that", "the", "their", "to", "with", "is", "are", "be"})
_TITLE_WORDS = 6


def read(path: Path) -> tuple[documents.Extracted, parse.Report]:
    """Read a report's file (text or PDF) and what it says; Refused if it is not one."""
    source = documents.extract(path)
    return source, parse.read(source.text, path.name)


def draft_title(text: str) -> str:
    """A short title from an item's first words: a draft for a person to improve."""
    text = text.strip()
    while _LEAD.match(text):  # "Ensure that the ..." loses both
        text = _LEAD.sub("", text, count=1)
    words = text.rstrip(".").split()[:_TITLE_WORDS]
    while len(words) > 1 and words[-1].lower().strip(",;") in _TRAILING:
        words.pop()
    title = " ".join(words).rstrip(",;:")
    return title[:1].upper() + title[1:]


def _taken(root: Path) -> set[str]:
    ids: set[str] = set()
    for rel, keys in ((RECS, ("inspections", "recommendations")), ("visits.yaml", ("visits",)),
                      ("themes.yaml", ("themes",)), ("documents.yaml", ("documents",))):
        data = Draft(root, rel).data if (root / rel).is_file() else {}
        ids |= {str(r.get("id")) for k in keys for r in data.get(k) or []
                if isinstance(r, dict)}
    return ids


def item_ids(items: tuple[Item, ...], year: str, taken: set[str]) -> list[str]:
    """Ids in the house style (R01, SB101, P2019-1), with the year added if one is taken."""
    def plain(k: int, item: Item) -> str:
        head = "SB" if item.addressed_to == BOARD else "R"
        if item.number is None:
            return f"{'SB' if head == 'SB' else 'P'}{year}-{k}"
        return f"{head}{item.number:02d}"
    ids = [plain(k, item) for k, item in enumerate(items, start=1)]
    if taken & set(ids) or len(set(ids)) < len(ids):
        ids = [i if "-" in i else re.sub(r"^([A-Z]+)", rf"\g<1>{year}-", i) for i in ids]
    return ids


def import_report(root: Path, path: Path, doc: dict[str, Any]) -> tuple[parse.Report, Plan]:
    """The plan that adds a report's visit, cycle, items and text; doc may set id and title."""
    source, report = read(path)
    start, end, published = (report.dates[k] for k in ("start", "end", "published"))
    year = (start or published or "")[:4]
    if not year:
        raise Refused(f"{path.name} gives no inspection dates; add its visit and items by hand")
    fw = report.layout
    visit_id, cycle_id = f"{fw.lower()}-{year}", f"inspection-{year}"
    taken = _taken(root)
    for new in (visit_id, cycle_id):
        if new in taken:
            raise Refused(f"'{new}' is already in the dataset; was this report imported before?")
    visits = Draft(root, "visits.yaml")
    visits.append("visits", ordered({
        "id": visit_id, "kind": "inspection", "title": VISIT_TITLES[fw], "start": start,
        "end": end, "date_basis": "The report's inspection dates.",
        "judgement": report.judgements.get("overall")}, VISIT_ORDER))
    recs = Draft(root, RECS)
    placed = add_cycle(recs, {"id": cycle_id, "visit": visit_id, "published": published,
                              "framework": fw, "judgements": report.judgements})
    ids = item_ids(report.items, year, taken)
    for rec_id, item in zip(ids, report.items, strict=True):
        recs.append("recommendations", ordered({
            "id": rec_id, "inspection": cycle_id, "number": item.number,
            "addressed_to": item.addressed_to, "title": draft_title(item.text),
            "text": item.text}, RECOMMENDATION_ORDER), draft_title=True)
    record = _document(doc, f"{fw}, {year}", visit_id, published, end or year)
    changes, rel_text = documents.register(root, source, record)
    done = (f"added visit {visit_id} to {(root / 'visits.yaml').as_posix()}",
            f"added inspection cycle {cycle_id} ({fw}) and {len(ids)} items "
            f"({', '.join(ids)}) to {(root / RECS).as_posix()}; their titles are drafts "
            "(marked '# draft'): review them",
            *([f"gave {', '.join(placed)} their cycle, as there are now two"] if placed else []),
            f"added document {record['id']} ({(root / rel_text).as_posix()}) with its "
            f"{len(report.furniture)} furniture pattern(s)")
    return report, Plan(root, (visits.change(), recs.change(), *changes), done)


def _document(doc: dict[str, Any], name: str, visit: str, published: str | None,
              end: str) -> dict[str, Any]:
    """The report's documents.yaml record; doc's id, title, date and url win where given."""
    record = {"id": doc.get("id") or f"{name.replace(', ', '-').lower()}-report",
              "title": doc.get("title") or f"Ofsted inspection report ({name})",
              "publisher": "Ofsted", "date": doc.get("date") or published or end,
              "primary": True, "reports": [visit], "url": doc.get("url")}
    if not doc.get("date") and published is None:
        record["date_uncertain"] = True
        record["date_basis"] = ("The report gives no publication date; dated by the last day "
                                "of its inspection.")
    return record
