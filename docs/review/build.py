"""Turn the issue-15 review into data: the readers' answers, the curator's extraction, settled.

Run from the repository root: python docs/review/build.py

Reads docs/review/inputs/ (the two readers' re-review of the 215 existing excerpts, their tagging
of the curator's 233 new ones, the curator's extraction) and docs/review/settlements.yaml (the
adjudicator's decision wherever the readers disagree). Writes:

- data/evidence/report-2017.yaml, report-2019.yaml, report-2024.yaml (whole files);
- the existing evidence files, edited line by line (stance, links, scope, same_as, voice,
  date_basis) so that every comment and every other line stays as it was;
- the new self-assessment claims, appended to data/evidence/sa-2018.yaml after a marker line.

Running it again gives the same files. A link is settled as: the readers' shared answer where
they agree; else the settlement; a disagreement with no settlement stops the script.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "docs" / "review"
INPUTS = HERE / "inputs"
EVIDENCE = ROOT / "data" / "evidence"
MARKER = "  # --- Added by the issue-15 re-reading (docs/review.md) ---"
# The commit the readers reviewed: the existing files are edited from their text there, so the
# script gives the same files however often it runs.
BASE = "b50e362"

# The curator's excerpt ids become the dataset's: cur-2017-001 -> report-2017-001, and the
# self-assessment's cur-sa-001 -> sa-2018-137 (after the 136 already there).
DOCUMENT = {"2017-report": "report-2017", "2019-report": "report-2019",
            "2024-report": "report-2024", "sa-2018": "sa-2018"}
VISIT = {"2017-report": "sif-2017", "2019-report": "ilacs-2019", "2024-report": "ilacs-2024"}
SA_OFFSET = 136

# One quote extended by the next sentence of the same paragraph (settlements: cur-2017-076).
EXTENDED = {"cur-2017-076": (
    "The quality of child permanence reports is too variable. Reports seen contain recording "
    "errors and are not routinely updated by social workers.")}


def at_base(path: Path) -> str:
    rel = path.relative_to(ROOT).as_posix()
    return subprocess.run(["git", "show", f"{BASE}:{rel}"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout


def load(name: str) -> Any:
    return yaml.safe_load((INPUTS / name).read_text(encoding="utf-8"))


def new_id(cur_id: str) -> str:
    kind, _, number = cur_id.removeprefix("cur-").partition("-")
    if kind == "sa":
        return f"sa-2018-{int(number) + SA_OFFSET:03d}"
    return f"report-{kind}-{number}"


def settled_value(values: dict[str, str], found: dict[str, Any] | None, what: str) -> str:
    """The readers' shared value, else the settlement's; stop if neither."""
    if values["a"] == values["b"]:
        return values["a"]
    if found is None:
        sys.exit(f"unsettled disagreement: {what} {values}")
    for reader in ("a", "b"):
        if str(found[reader]) != str(values[reader]):
            sys.exit(f"settlement for {what} records {reader}={found[reader]}, "
                     f"but the reader said {values[reader]}")
    return str(found["settled"])


def reader_link(links: list[dict[str, Any]], key: str, rec: str) -> str:
    for link in links:
        if link[key] == rec:
            return str(link["stance"]) if link["belongs"] else "remove"
    return "none"


# ---- the new excerpts ----------------------------------------------------------------------

def settle_links(a: list[dict[str, Any]], b: list[dict[str, Any]], key: str,
                 order: list[str], by_link: dict[tuple[str, str], Any],
                 xid: str) -> list[tuple[str, str]]:
    """Each link both readers judged, settled: (target, stance), removed links left out."""
    links = []
    for rec in order:
        values = {"a": reader_link(a, key, rec), "b": reader_link(b, key, rec)}
        value = settled_value(values, by_link.get((xid, rec)), f"{xid} {rec}")
        if value not in ("remove", "none"):
            links.append((rec, value))
    return links


def settle_new(settle: dict[str, Any]) -> list[dict[str, Any]]:
    curator = load("curator.yaml")["excerpts"]
    a = {e["id"]: e for e in load("reader-a-new.yaml")["excerpts"]}
    b = {e["id"]: e for e in load("reader-b-new.yaml")["excerpts"]}
    by_link = {(s["excerpt"], s["rec"]): s for s in settle["new_links"]}
    by_scope = {s["excerpt"]: s for s in settle["new_scope"]}
    out = []
    for c in curator:
        xid = c["id"]
        targets = [link["target"] for link in c["links"]]
        for reader in (a[xid], b[xid]):
            targets += [link["target"] for link in reader["links"]
                        if link["target"] not in targets]
        links = settle_links(a[xid]["links"], b[xid]["links"], "target", targets,
                             by_link, xid)
        scope = settled_value({"a": a[xid]["scope"], "b": b[xid]["scope"]},
                              by_scope.get(xid), f"{xid} scope")
        stance = links[0][1] if links else c["stance"]
        out.append({"id": new_id(xid), "cur": xid, "document": DOCUMENT[c["document"]],
                    "source": c["document"], "quote": joined(EXTENDED.get(xid, c["quote"])),
                    "visit": VISIT.get(c["document"]), "voice": c["voice"], "stance": stance,
                    "links": links, "scope": scope, "note": new_note(c, xid)})
    return out


def joined(quote: str) -> str:
    """A word the PDF broke at a line-end hyphen ('multi- agency') as Ofsted wrote it.

    Only letters either side: '16- and 17-year-old' is Ofsted's own suspended hyphen."""
    return re.sub(r"([A-Za-z])- ([a-z])", r"\1-\2", quote)


def new_note(c: dict[str, Any], xid: str) -> str:
    if c["document"] == "sa-2018":
        where = f"Self-assessment, {c['section']}."
    else:
        para = f"paragraph {c['para']}" if c["para"] else "executive summary or section summary"
        where = f"{c['section']}; {para}."
    extra = []
    if c["spans_furniture"]:
        extra.append(f"Runs across a page break (page number {c['furniture']} left out).")
    if xid in EXTENDED:
        extra.append("Quote extended by the paragraph's next sentence in adjudication.")
    return " ".join([where, *extra])


def flow_links(links: list[tuple[str, str]], stance: str) -> str:
    parts = [rec if s == stance else f"{{id: {rec}, stance: {s}}}" for rec, s in links]
    return "[" + ", ".join(parts) + "]"


def folded(key: str, text: str) -> list[str]:
    lines = textwrap.wrap(text, width=92, break_long_words=False, break_on_hyphens=False)
    return [f"    {key}: >-", *(f"      {line}" for line in lines)]


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def excerpt_lines(x: dict[str, Any]) -> list[str]:
    out = [f"  - id: {x['id']}", *folded("quote", x["quote"])]
    if x.get("visit"):
        out.append(f"    visit: {x['visit']}")
    out += [f"    voice: {x['voice']}", f"    stance: {x['stance']}",
            f"    recommendations: {flow_links(x['links'], x['stance'])}"]
    if x["scope"] == "general":
        out.append("    scope: general")
    out.append(f"    note: {quoted(x['note'])}")
    return out


REPORT_HEADERS = {
    "report-2017": (
        "# Excerpts from Ofsted's report of its 2017 inspection (SIF) of Barnet's services for\n"
        "# children, with its review of the safeguarding board (primary: Ofsted's own words).\n"
        "# Every excerpt reports the inspection of 25 April to 18 May 2017 (sif-2017): the\n"
        "# findings that led to each recommendation, as concerns at the 2017 inspection.\n"),
    "report-2019": (
        "# Excerpts from Ofsted's report of its 2019 inspection (ILACS) of Barnet's services for\n"
        "# children (primary). Every excerpt reports the inspection of 13 to 24 May 2019\n"
        "# (ilacs-2019): Ofsted's findings on the 2017 recommendations, and the findings behind\n"
        "# its own four 'What needs to improve' points (P2019-1 to P2019-4).\n"),
    "report-2024": (
        "# Excerpts from Ofsted's report of its 2024 inspection (ILACS) of Barnet's services for\n"
        "# children (primary). Every excerpt reports the inspection of 10 to 14 June 2024\n"
        "# (ilacs-2024): findings on the 2019 points, on the 2017 recommendations it still speaks\n"
        "# to, and the findings behind its own four points (P2024-1 to P2024-4).\n"),
}


def write_reports(new: list[dict[str, Any]]) -> None:
    for doc, header in REPORT_HEADERS.items():
        lines = [header.rstrip("\n"), "# Written by docs/review/build.py from the settled review "
                 "(docs/review.md).", f"document: {doc}", "excerpts:"]
        for x in new:
            if x["document"] == doc:
                lines += excerpt_lines(x)
        (EVIDENCE / f"{doc}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_sa(new: list[dict[str, Any]], plans: list[dict[str, Any]]) -> None:
    path = EVIDENCE / "sa-2018.yaml"
    text = path.read_text(encoding="utf-8")  # as edit_existing left it, from the base text
    text = text.split("\n" + MARKER + "\n")[0].rstrip("\n") + "\n"
    lines = [MARKER,
             "  # Claims the first pass missed, read again section by section (curator), each",
             "  # link tagged blind by two readers and settled; then the 'Focus for the year",
             "  # ahead' plans that bear on a recommendation (curator and adjudicator only).",
             "  # A plan is the council's claim of intended action: mixed."]
    for x in [*(x for x in new if x["document"] == "sa-2018"), *plans]:
        lines += excerpt_lines(x)
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")


def year_ahead_plans(settle: dict[str, Any], first: int) -> list[dict[str, Any]]:
    chosen = {p["item_starts"]: p for p in settle["plans"]}
    out = []
    items = load("curator.yaml")["year_ahead"]
    for item in items:
        key = next((k for k in chosen if item["item"].startswith(k)), None)
        if key is None:
            continue
        plan = chosen.pop(key)
        links = [(rec, "mixed") for rec in plan["recs"]]
        section = item["section"].replace(" – Focus for the year ahead", "")
        note = f"Self-assessment, {section}: Focus for the year ahead. A plan."
        if plan.get("reason"):
            note += " " + plan["reason"]
        out.append({"id": f"sa-2018-{first + len(out):03d}", "cur": None,
                    "document": "sa-2018", "quote": plan.get("quote", item["item"]),
                    "visit": None, "voice": "council", "stance": "mixed", "links": links,
                    "scope": "specific", "note": note})
    if chosen:
        sys.exit(f"plans not found in the curator's year_ahead: {list(chosen)}")
    return out


# ---- the existing excerpts ------------------------------------------------------------------

def current_links(ex: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r, ex["stance"]) if isinstance(r, str) else (r["id"], r["stance"])
            for r in ex.get("recommendations", [])]


def settle_existing(settle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    a = {e["id"]: e for e in load("reader-a.yaml")["excerpts"]}
    b = {e["id"]: e for e in load("reader-b.yaml")["excerpts"]}
    by_link = {(s["excerpt"], s["rec"]): s for s in settle["existing_links"]}
    by_field = {(s["excerpt"], s["field"]): s for s in settle["existing_fields"]}
    extra = {}
    for s in settle["letter_points"]:
        if s["settled"] != "none":
            extra.setdefault(s["excerpt"], []).append((s["rec"], s["settled"]))
    out = {}
    for path in sorted(EVIDENCE.glob("*.yaml")):
        if path.stem.startswith("report-"):
            continue
        for ex in yaml.safe_load(at_base(path))["excerpts"]:
            xid = ex["id"]
            if xid not in a:
                continue  # appended by this script
            order = [r for r, _ in current_links(ex)]
            for reader in (a[xid], b[xid]):
                order += [link["rec"] for link in reader["links"] if link["rec"] not in order]
            links = settle_links(a[xid]["links"], b[xid]["links"], "rec", order, by_link, xid)
            links += extra.get(xid, [])
            fields = {}
            for field in ("same_as", "visit", "scope"):
                values = {"a": a[xid][field], "b": b[xid][field]}
                if values["a"] == values["b"]:
                    fields[field] = values["a"]
                else:
                    fields[field] = by_field[(xid, field)]["settled"]
            voice = ex["voice"]
            if (xid, "voice") in by_field:
                voice = by_field[(xid, "voice")]["settled"]
            basis = None
            if not ex.get("date_basis") and a[xid]["date_basis"] != b[xid]["date_basis"]:
                basis = b[xid]["date_basis"] or a[xid]["date_basis"]
            elif not ex.get("date_basis") and a[xid]["date_basis"]:
                basis = a[xid]["date_basis"]
            if basis and (ex.get("visit") or voice == "council"):
                basis = None
            out[xid] = {"file": path, "ex": ex, "links": links, "voice": voice,
                        "date_basis": basis, "note": settle["notes"].get(xid), **fields}
    return out


def excerpt_stance(ex: dict[str, Any], links: list[tuple[str, str]]) -> str:
    """Kept, unless every link the excerpt had before now has one other stance."""
    before = {rec for rec, _ in current_links(ex)}
    stances = {s for rec, s in links if rec in before}
    if stances and ex["stance"] not in {s for _, s in links} and len(stances) == 1:
        return stances.pop()
    if len(stances) == 1 and {s for _, s in links} == stances:
        return stances.pop()
    return str(ex["stance"])


# Header comments that the review makes untrue, as the base text has them and as they now read.
HEADERS = {"sa-2018.yaml": (
    "# Plans ('Focus for the year ahead') are excerpted only where they state a finding.",
    "# Plans ('Focus for the year ahead') that bear on a recommendation are claims too: they are\n"
    "# appended at the end, stance mixed (docs/review.md).")}


def edit_existing(settled: dict[str, dict[str, Any]]) -> None:
    by_file: dict[Path, dict[str, dict[str, Any]]] = {}
    for xid, s in settled.items():
        by_file.setdefault(s["file"], {})[xid] = s
    for path, entries in by_file.items():
        base = at_base(path)
        if path.name in HEADERS:
            old, new = HEADERS[path.name]
            base = base.replace(old, new)
        lines = base.split("\n")
        starts = [i for i, line in enumerate(lines) if re.match(r"  - id: ", line)]
        ends = [*starts[1:], len(lines)]
        out = lines[:starts[0]]
        for start, end in zip(starts, ends, strict=True):
            block = lines[start:end]
            xid = block[0].split(": ", 1)[1].strip()
            out += edit_block(block, entries[xid]) if xid in entries else block
        path.write_text("\n".join(out), encoding="utf-8")


def edit_block(block: list[str], s: dict[str, Any]) -> list[str]:
    stance = excerpt_stance(s["ex"], s["links"])
    # Drop lines this script sets, then write them again in the file's key order.
    body = [line for line in block
            if not re.match(r"    (scope|same_as): ", line)]
    out: list[str] = []
    for line in body:
        if line.startswith("    voice: "):
            if s["date_basis"]:
                out += folded("date_basis", s["date_basis"])
            out.append(f"    voice: {s['voice']}")
        elif line.startswith("    note: ") and s["note"]:
            out.append(f"    note: {quoted(s['note'])}")
        elif line.startswith("    stance: "):
            out.append(f"    stance: {stance}")
        elif line.startswith("    recommendations: "):
            out.append(f"    recommendations: {flow_links(s['links'], stance)}")
            if s["scope"] == "general":
                out.append("    scope: general")
            if s["same_as"]:
                out.append(f"    same_as: {s['same_as']}")
        else:
            out.append(line)
    if s["note"] and not any(line.startswith("    note: ") for line in body):
        end = len(out)
        while end and not out[end - 1].strip():
            end -= 1
        out.insert(end, f"    note: {quoted(s['note'])}")
    return out


def main() -> None:
    settle = yaml.safe_load((HERE / "settlements.yaml").read_text(encoding="utf-8"))
    existing = settle_existing(settle)
    new = settle_new(settle)
    first_plan = SA_OFFSET + sum(x["document"] == "sa-2018" for x in new) + 1
    plans = year_ahead_plans(settle, first_plan)
    edit_existing(existing)
    write_reports(new)
    write_sa(new, plans)
    print(f"{len(existing)} existing excerpts settled; {len(new)} new; {len(plans)} plans")


if __name__ == "__main__":
    main()
