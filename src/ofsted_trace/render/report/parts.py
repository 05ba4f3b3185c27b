"""The board report's parts as frozen data: the sections, rows and quotes each format lays out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quote:
    """One excerpt as the report cites it: words, stance, source, date and voice."""

    excerpt: str
    text: str
    stance: str
    document: str
    date: str
    voice: str
    secondary: bool  # independent words known only at second hand
    note: str
    source: str = ""  # the document's id: citations are short, the appendix has the title


@dataclass(frozen=True)
class Cut:
    """A list the report quotes only in part: how many there are, and the whole list counted."""

    total: int
    shown: int
    stances: tuple[tuple[str, int], ...]  # (stance, how many), of the whole list
    voices: tuple[tuple[str, int], ...]  # (voice label, how many), of the whole list

    @property
    def hidden(self) -> int:
        """How many the report leaves out."""
        return self.total - self.shown


@dataclass(frozen=True)
class Occasion:
    """The evidence from one visit (or one document without a visit), oldest first."""

    heading: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class ActionRow:
    """An action as the report lists it: what, who, by when, and where it stands."""

    id: str
    text: str
    owner: str
    due: str
    status: str
    late: bool
    moved: int  # times rescheduled
    serves: tuple[str, ...]


@dataclass(frozen=True)
class RecSection:
    """One recommendation: its heading and anchor, text, themes, status and timeline."""

    id: str
    heading: str
    anchor: str
    title: str
    number: int | None
    addressed_to: str
    text: str
    themes: tuple[str, ...]
    status: str
    independent: int
    council: int
    latest: str
    timeline: tuple[Occasion, ...]
    reasons: tuple[str, ...] = ()  # why it has its status (judge/occasion.py)
    claimed: str = "unrated"  # the council's latest rating
    claimed_detail: str = ""  # by whom and when, and its note
    schedule: str = "no-actions"
    actions: tuple[ActionRow, ...] = ()
    cut: Cut | None = None  # when the timeline quotes only the latest of many findings


@dataclass(frozen=True)
class GapItem:
    """A gap in plain English, with the anchor of the section its subject lives in."""

    kind: str
    severity: str
    subject: str
    anchor: str
    message: str


@dataclass(frozen=True)
class Cell:
    """A matrix cell: the combined stance at a visit and how strongly it is sourced."""

    stance: str
    weight: str
    count: int


@dataclass(frozen=True)
class Column:
    """A matrix column: one visit, or the evidence tied to none."""

    key: str
    label: str
    date: str


@dataclass(frozen=True)
class ThemeRow:
    """A theme: its recommendations (with their statuses) and its direct evidence count."""

    id: str
    title: str
    parent: str
    recommendations: tuple[tuple[str, str, str], ...]  # (id, anchor, status)
    direct: int


@dataclass(frozen=True)
class Source:
    """A document in the appendix."""

    id: str
    title: str
    publisher: str
    date: str
    primary: bool
    url: str
    excerpts: int


@dataclass(frozen=True)
class VisitRow:
    """A visit in the appendix."""

    id: str
    title: str
    kind: str
    date: str
    focus: str
    judgement: str


@dataclass(frozen=True)
class Proposed:
    """A proposal (`trace suggest --write`): listed apart, as it is not evidence until accepted."""

    quote: Quote
    recommendations: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """Everything the board report says, already sorted; renderers only lay it out."""

    authority: str
    as_of: str
    title: str
    intro: str
    anchors: dict[str, str]  # fixed section title -> anchor
    status_counts: tuple[tuple[str, int], ...]
    recommendations: tuple[RecSection, ...]
    headline: tuple[GapItem, ...]
    gaps: tuple[GapItem, ...]
    columns: tuple[Column, ...]
    matrix: dict[str, dict[str, Cell]]  # rec id -> column key -> cell
    themes: tuple[ThemeRow, ...]
    emerging: tuple[Quote, ...]
    sources: tuple[Source, ...]
    visits: tuple[VisitRow, ...]
    proposed: tuple[Proposed, ...] = ()
    claimed_counts: tuple[tuple[str, int], ...] = ()
    schedule_counts: tuple[tuple[str, int], ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # config.yaml's, over the defaults
    emerging_cut: Cut | None = None  # when only the latest emerging findings are quoted
    proposed_cut: Cut | None = None  # when only the first proposals are quoted

    def word(self, value: str) -> str:
        """The board's word for a status, rating or schedule."""
        from ofsted_trace.model.labels import label

        return label(value, self.labels)
