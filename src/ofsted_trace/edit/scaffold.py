"""`trace init`: a new council's dataset, commented, with one worked example of each kind."""

from __future__ import annotations

from pathlib import Path

from ofsted_trace.edit import splice
from ofsted_trace.errors import UsageError
from ofsted_trace.fs.atomic import write_atomic
from ofsted_trace.load import schema

RECOMMENDATIONS = """\
# The inspection cycles and the items each one left (recommendations or "What needs to
# improve" points), quoted verbatim from the report.
# Field reference: docs/format.md. The example below is made up: replace it with your own.
authority: {authority}   # the council this dataset is about
inspections:
  - id: cycle-2024                 # unique id for this inspection cycle
    visit: inspection-2024         # the visit (visits.yaml) whose report made the items
    published: 2024-03             # optional: when the report was published
    framework: ILACS               # optional: SIF, ILACS, focused visit, JTAI, ...
    judgements:                    # optional: each judgement by area, as the report gives it
      overall: requires improvement to be good   # "overall" is what the status rule reads
recommendations:
  - id: R1                         # unique across the whole dataset; cite it in excerpts
    inspection: cycle-2024         # the cycle that made it (optional while there is one)
    number: 1                      # optional: the number the report gave it (bullets have none)
    addressed_to: council          # council | safeguarding-board
    title: Timely assessments      # a short title for tables
    text: >-                       # the item's text, verbatim
      Ensure that assessments of children in need are completed on time.
    themes: ["1a"]                 # improvement-plan theme ids (themes.yaml); quote bare numbers
    carries_forward: []            # optional: earlier items (of earlier cycles) this carries on
"""

THEMES = """\
# The improvement plan's themes. A sub-theme names its parent.
themes:
  - id: "1"                        # a bare number must be quoted to stay text
    title: Improving the quality of social work practice
  - id: 1a                         # a sub-theme; ids are unique across the whole dataset
    parent: "1"                    # optional: the parent theme's id
    title: Assessments
"""

VISITS = """\
# Inspection events: the inspection itself, then monitoring and focused visits as they happen.
visits:
  - id: inspection-2024            # unique id; the inspection in recommendations.yaml names it
    kind: inspection               # inspection | monitoring-visit | focused-visit
    title: Inspection of children's services
    start: 2024-01-08              # optional: first day of fieldwork (day, month or year)
    end: 2024-01-19                # optional: last day, not before start
    date_uncertain: false          # true when the date is inferred rather than stated
    date_basis: Dated in the report.   # what the date rests on (required if no start)
    focus: All services            # optional
    judgement: inadequate          # optional: the overall judgement, where one was given
"""

DOCUMENTS = """\
# The source texts. Add new ones with `trace add-document` (a text or a PDF), which also copies
# the text under sources/ and creates the document's evidence file.
documents:
  - id: report-2024                # short id; also names evidence/report-2024.yaml
    title: Inspection of children's services (example)
    publisher: Ofsted
    date: 2024-03                  # the document's own date: give only the precision it gives
    date_uncertain: false          # true when the date is inferred; then say why in date_basis
    primary: true                  # true only for Ofsted's own text
    path: sources/example-report.txt   # the plain text, under this directory
    reports: [inspection-2024]     # optional: the visits this document reports
    # furniture: ['\\d{1,3}']       # optional: page furniture lines (add-document finds them)
    # text_sha256: ...             # optional: the text's SHA-256 (add-document writes it)
"""

EVIDENCE = """\
# Excerpts from one document. Add them with `trace add-excerpt report-2024 --quote "..."`,
# which checks the quote is in the text and picks the next id.
document: report-2024              # must match a documents.yaml id
excerpts:
  - id: report-2024-001            # <document id>-<3-digit number>
    quote: >-                      # verbatim; whitespace, quote marks and dashes may differ
      Too many assessments of children in need are late, and some do not analyse risk well
      enough.
    visit: inspection-2024         # the visit whose finding this reports (or say why not in
                                   # date_basis: an unplaced finding ranks below placed ones)
    voice: ofsted                  # ofsted | ofsted-paraphrase | council
    stance: concern                # progress | mixed | concern: the stance of each plain link
    recommendations: [R1]          # ids it bears on; a link may differ: {id: R1, stance: mixed}
    themes: []                     # optional: theme ids it bears on directly
    scope: specific                # specific | general (a whole-service statement)
    same_as: null                  # optional: the excerpt holding this finding's first copy
    note: An example; delete it once you have real evidence.   # optional
    proposed: false                # true: proposed by `trace suggest`, not evidence until accepted
"""

ACTIONS = """\
# The action plan: what is to be done, for which items, by whom and by when. Add actions with
# `trace add-action`, and record progress with `trace set-action` (docs/format.md).
actions:
  - id: A-001                      # unique id, like every other record's
    text: >-                       # what is to be done: verbatim from the plan where there is one
      Audit every assessment of a child in need that is over 45 working days.
    recommendations: [R1]          # the items it serves
    themes: ["1a"]                 # optional: the themes it serves
    owner: Head of Assessment      # a role, never a person's name
    due: 2024-06                   # as first planned; a reschedule goes in the history
    date_uncertain: false          # true when the due date is inferred; then give date_basis
    history:                       # dated entries, oldest first: planned | in-progress | done |
                                   # dropped; a new due date needs its reason
      - {date: 2024-01, status: planned, note: "Agreed by the improvement board."}
      - {date: 2024-02, status: in-progress, due: 2024-09, reason: "Auditors late", note: "Begun."}
"""

RATINGS = """\
# The council's own rating of each item at a date: red, amber, green, or blue for complete.
# Add one with `trace rate R1 amber --date 2024-06 --by board --note "..."`.
ratings:
  - recommendation: R1             # the item rated
    date: 2024-02                  # when the rating was given
    rating: amber                  # red | amber | green | blue (complete)
    by: board                      # board | officer: who gave it
    note: Audits under way; no Ofsted visit yet.   # optional: why
"""

CONFIG = """\
# Optional settings. case_id_patterns: regular expressions for your case-management system's
# case numbers (for example 'LCS-\\d{6}'), so `trace check` warns when one is pasted into a quote.
case_id_patterns: []           # none yet: see the comment above
labels: {}                     # optional: the board's words for statuses (concern: Off track)
"""

TEXT = """\
Inspection of children's services (example text)

Summary

Leaders know their services well. Too many assessments of children in need are late, and some
do not analyse risk well enough.

What needs to improve

Ensure that assessments of children in need are completed on time.
"""


# --bare: the same files with no example records, for `trace import-report` to fill in.
BARE = {
    "recommendations.yaml": "# The inspection cycles and the items each one left, verbatim. "
    "`trace import-report\n# REPORT --write` adds a report's. Field reference: docs/format.md.\n"
    "authority: {authority}\ninspections: []\nrecommendations: []\n",
    "themes.yaml": "# The improvement plan's themes: `trace add-theme ID --title ...`.\n"
    "themes: []\n",
    "visits.yaml": "# Inspections (import-report adds them) and visits (`trace add-visit`).\n"
    "visits: []\n",
    "documents.yaml": "# The source texts: `trace add-document FILE` (a text or a PDF).\n"
    "documents: []\n",
}


class NotEmpty(UsageError):
    """The target directory already holds files; init never overwrites anything."""


def init(folder: Path, authority: str, bare: bool = False) -> list[Path]:
    """Write the skeleton into folder (new or empty); return every path written.

    bare: no worked examples, only the files' keys, ready for `trace import-report`.
    """
    if not authority.strip():
        # recommendations.yaml needs a name: a blank one would fail the dataset's own check.
        raise UsageError("--authority must name the council; it cannot be blank")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NotEmpty(f"{folder} already exists and is not empty; choose a new directory")
    files = {
        "recommendations.yaml": RECOMMENDATIONS.format(authority=splice.scalar(authority)),
        "themes.yaml": THEMES,
        "visits.yaml": VISITS,
        "documents.yaml": DOCUMENTS,
        "config.yaml": CONFIG,
        "actions.yaml": ACTIONS,
        "ratings.yaml": RATINGS,
        "evidence/report-2024.yaml": EVIDENCE,
    }
    if bare:
        files = {**{k: v.replace("{authority}", splice.scalar(authority))
                    for k, v in BARE.items()}, "config.yaml": CONFIG}
    written = schema.write(folder / schema.SCHEMA_DIR)
    for rel, body in files.items():
        kind = "evidence" if rel.startswith("evidence/") else rel
        path = folder / rel
        write_atomic(path, (schema.pointer(kind, rel.count("/")) + body).encode("utf-8"))
        written.append(path)
    if not bare:
        text = folder / "sources" / "example-report.txt"
        write_atomic(text, TEXT.encode("utf-8"))
        written.append(text)
    return written
