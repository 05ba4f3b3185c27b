"""Write a deterministic bench dataset of N excerpts in the shape of real inspection evidence.

Its texts are made of the sentences of the eight Barnet sources under data/sources (public
documents, in the repo): each generated sentence joins the first part of one real sentence to
the last part of another, so the wording, curly quotation marks, apostrophes and en dashes are
the reports' own while no sentence recurs by accident (which would make every excerpt a
repeated finding). At 100,000 excerpts:

- 400 documents of about 100 KB. Two in five are Ofsted's, extracted from a PDF: lines wrapped
  at about 95 characters, a page number and a running header every 48 lines, both listed as
  `furniture`, so quotes run across page breaks. The rest are the council's or a newspaper's,
  one long paragraph per line, quoting some of Ofsted's sentences in quotation marks.
- 400 evidence files of 250 excerpts. Each quote is one to three sentences of its text; half of
  them are typed with straight quotes and hyphens, every quote is wrapped at its own width.
  One link in eight carries its own stance; each quoted Ofsted sentence in a secondary text is
  a repeat (`same_as`) of the excerpt that records it; one excerpt in twenty is a proposal.
- 1,000 items over three inspection cycles (one in ten of the later ones carries an earlier one
  forward), 50 themes, 300 visits, 500 actions with a history, and 200 ratings.

Smaller N scales documents, items, visits and actions down in proportion.

    python bench/generate.py OUT_DIR --excerpts 100000
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import textwrap
from datetime import date, timedelta
from pathlib import Path

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
PER_FILE = 250
TEXT_BYTES = 100_000
THEMES = 50
PAGE_LINES = 48
HEADER = "Inspection of Synthetic local authority children’s services"
_ASCII = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘])")
_NUMBER = re.compile(r"\d{1,3}\.?")  # paragraph and page numbers of the PDF extractions
_SKIP = re.compile(r"[@/\\]|www|\b[A-Z]{1,2}\d|[“”\"]")  # addresses, postcodes, quotation


def corpus() -> list[list[str]]:
    """The sources' sentences of 8-60 words, as word lists, page furniture left out."""
    sentences: list[list[str]] = []
    for path in sorted(SOURCES.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        counts: dict[str, int] = {}
        for line in lines:
            counts[line.strip()] = counts.get(line.strip(), 0) + 1
        kept = [ln for ln in lines if not ln.strip().isdigit() and counts[ln.strip()] < 3]
        for paragraph in "\n".join(kept).split("\n\n"):
            flowing = " ".join(w for w in paragraph.split() if not _NUMBER.fullmatch(w))
            for s in _SPLIT.split(flowing):
                words = s.split()
                if (8 <= len(words) <= 60 and words[0][0].isupper() and s.endswith(".")
                        and not _SKIP.search(s)
                        and not any(w.endswith((".", "?", "!")) for w in words[:-1])):
                    sentences.append(words)
    return sentences


def chimera(rng: random.Random, pool: list[list[str]]) -> str:
    """A sentence: the first part of one real sentence and the last part of another."""
    head, tail = rng.choice(pool), rng.choice(pool)
    i = rng.randint(len(head) * 2 // 5, len(head) * 3 // 5)
    j = rng.randint(len(tail) * 2 // 5, len(tail) * 3 // 5)
    return " ".join(head[:i] + tail[j:])


def folded(text: str, indent: int, width: int = 92) -> str:
    """A YAML folded block scalar (>-) wrapped like a hand-written file."""
    pad = " " * indent
    return ">-\n" + "\n".join(textwrap.wrap(text, width - indent, initial_indent=pad,
                                            subsequent_indent=pad, break_on_hyphens=False))


class Shape:
    """The counts of each kind of record for a dataset of `excerpts` excerpts."""

    def __init__(self, excerpts: int) -> None:
        scale = excerpts / 100_000
        self.docs = max(2, excerpts // PER_FILE)
        self.per_file = max(1, excerpts // self.docs)
        self.recs = max(12, round(1_000 * scale))
        self.visits = max(6, round(300 * scale))


def generate(out: Path, excerpts: int, seed: int = 7) -> None:
    """Write the dataset for `excerpts` excerpts into out (replacing it)."""
    rng = random.Random(seed)
    pool = corpus()
    shape = Shape(excerpts)
    if out.exists():
        shutil.rmtree(out)
    (out / "evidence").mkdir(parents=True)
    (out / "sources").mkdir()
    themes = _themes(out, rng, pool)
    visits = _visits(out, rng, pool, shape.visits)
    recs = _recommendations(out, rng, pool, shape.recs, visits, themes)
    writer = _Evidence(out, rng, pool, recs, themes, shape.per_file)
    lines = ["documents:"]
    for d in range(shape.docs):
        visit, start = visits[(d * len(visits)) // shape.docs]
        lines += writer.document(f"doc{d:04d}", visit, start, primary=d % 5 in (0, 2))
    (out / "documents.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _plan(out, rng, recs, themes, visits)


def _themes(out: Path, rng: random.Random, pool: list[list[str]]) -> list[str]:
    """themes.yaml: ten top-level themes and forty under them."""
    themes = [f"T{i:02d}" for i in range(1, THEMES + 1)]
    lines = ["themes:"]
    for i, tid in enumerate(themes):
        lines += [f"  - id: {tid}", f"    title: {_title(rng, pool)}"]
        if i >= 10:
            lines.append(f"    parent: {themes[i % 10]}")
    (out / "themes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return themes


def _title(rng: random.Random, pool: list[list[str]]) -> str:
    """A short title: the first words of a real sentence, quoted for YAML."""
    words = " ".join(rng.choice(pool)[:6]).rstrip(".,;:").replace('"', "'")
    return f'"{words}"'


def _visits(out: Path, rng: random.Random, pool: list[list[str]],
            n: int) -> list[tuple[str, date]]:
    """visits.yaml: an inspection every n/3 visits, monitoring and focused visits between."""
    first = date(2012, 4, 23)
    visits = [(f"v{i:04d}", first + timedelta(days=14 * i)) for i in range(n)]
    lines = ["visits:"]
    for i, (vid, start) in enumerate(visits):
        kind = ("inspection" if i % (n // 3) == 0 and i < n // 3 * 3
                else rng.choice(["monitoring-visit", "focused-visit"]))
        lines += [f"  - id: {vid}", f"    kind: {kind}", f"    title: Visit {i + 1}",
                  f"    start: {start.isoformat()}",
                  f"    end: {(start + timedelta(days=2)).isoformat()}",
                  f"    focus: {_title(rng, pool)}"]
    (out / "visits.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return visits


def _recommendations(out: Path, rng: random.Random, pool: list[list[str]], n: int,
                     visits: list[tuple[str, date]], themes: list[str]) -> list[str]:
    """recommendations.yaml: three cycles; 70% of the items are the first one's."""
    step = len(visits) // 3
    cycles = [(f"cycle-{k}", visits[k * step]) for k in range(3)]
    lines = ["authority: Synthetic Borough Council", "inspections:"]
    for cid, (vid, start) in cycles:
        lines += [f"  - id: {cid}", f"    visit: {vid}",
                  f"    published: {(start + timedelta(days=40)).isoformat()}",
                  "    judgements: {overall: requires improvement}"]
    lines.append("recommendations:")
    recs = [f"R{i:04d}" for i in range(1, n + 1)]
    first = n * 7 // 10
    for i, rid in enumerate(recs):
        cycle = 0 if i < first else 1 + (i - first) * 2 // (n - first)
        lines += [f"  - id: {rid}", f"    inspection: {cycles[cycle][0]}",
                  f"    number: {i + 1}", "    addressed_to: council",
                  f"    title: {_title(rng, pool)}",
                  f"    text: {folded(chimera(rng, pool), 6)}"]
        if i % 7:  # some items are not yet mapped to a theme, as after an import
            lines.append(f"    themes: [{', '.join(rng.sample(themes[10:], 2))}]")
        if cycle and i % 10 == 0:
            lines.append(f"    carries_forward: [{recs[rng.randrange(first)]}]")
    (out / "recommendations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return recs


def _plan(out: Path, rng: random.Random, recs: list[str], themes: list[str],
          visits: list[tuple[str, date]]) -> None:
    """actions.yaml (one action for every two items) and ratings.yaml (one in five)."""
    lines = ["actions:"]
    for n, rid in enumerate(recs[::2]):
        due = visits[rng.randrange(len(visits))][1]
        lines += [f"  - id: A{n:04d}", f"    text: Act on {rid} across every team.",
                  f"    recommendations: [{rid}]", f"    themes: [{rng.choice(themes)}]",
                  "    owner: Head of Service", f"    due: {due.isoformat()}"]
        if n % 3:
            lines += ["    history:", f"      - {{date: {(due - timedelta(days=60)).isoformat()},"
                      f" status: in-progress, note: Started.}}"]
        if n % 3 == 2:
            lines.append(f"      - {{date: {(due - timedelta(days=5)).isoformat()}, "
                         "status: done, note: Signed off.}")
    (out / "actions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["ratings:"]
    for rid in recs[::5]:
        when = visits[rng.randrange(len(visits))][1]
        lines += [f"  - recommendation: {rid}", f"    date: {when.isoformat()}",
                  f"    rating: {rng.choice(['red', 'amber', 'green'])}", "    by: board"]
    (out / "ratings.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


class _Evidence:
    """Writes each document's text and its evidence file, remembering Ofsted's sentences."""

    def __init__(self, out: Path, rng: random.Random, pool: list[list[str]],
                 recs: list[str], themes: list[str], per_file: int) -> None:
        self.out, self.rng, self.pool = out, rng, pool
        self.recs, self.themes, self.per_file = recs, themes, per_file
        self.quotable: list[tuple[str, str, str]] = []  # Ofsted excerpt id, sentence, visit

    def document(self, did: str, visit: str, start: date, primary: bool) -> list[str]:
        """Write the text and evidence of one document; its documents.yaml lines."""
        sentences: list[str] = []
        lines = [f"# Evidence from {did}.", f"document: {did}", "excerpts:"]
        for n in range(1, self.per_file + 1):
            sentences += [chimera(self.rng, self.pool) for _ in range(self.rng.randint(0, 1))]
            lines += self._excerpt(f"{did}-{n:03d}", visit, sentences, primary)
        while sum(len(s.encode()) + 1 for s in sentences) < TEXT_BYTES:
            sentences.append(chimera(self.rng, self.pool))
        text = _pdf_text(sentences) if primary else _article_text(sentences)
        (self.out / "sources" / f"{did}.txt").write_text(text, encoding="utf-8")
        (self.out / "evidence" / f"{did}.yaml").write_text("\n".join(lines) + "\n",
                                                           encoding="utf-8")
        doc = [f"  - id: {did}", f"    title: {_title(self.rng, self.pool)}",
               f"    publisher: {'Ofsted' if primary else 'Synthetic Borough Council'}",
               f"    date: {(start + timedelta(days=30)).isoformat()}",
               f"    primary: {'true' if primary else 'false'}",
               f"    path: sources/{did}.txt", f"    reports: [{visit}]"]
        if primary:
            doc += ["    furniture:", "      - '\\d{1,3}'", f'      - "{HEADER}"']
        return doc

    def _excerpt(self, eid: str, visit: str, sentences: list[str], primary: bool) -> list[str]:
        """Add an excerpt's sentences to the text; its lines (a repeat, or 1-3 sentences)."""
        rng = self.rng
        if not primary and self.quotable and rng.random() < 0.03:
            same, quote, seen_at = rng.choice(self.quotable)
            sentences.append(f"Inspectors said that “{quote}”")
            return [f"  - id: {eid}", f"    quote: {self._typed(quote)}",
                    f"    visit: {seen_at}", "    voice: ofsted", "    stance: progress",
                    f"    same_as: {same}", "    recommendations: []"]
        words = [chimera(rng, self.pool) for _ in range(rng.randint(1, 3))]
        sentences += words
        quote = " ".join(words)
        voice = "ofsted" if primary else rng.choice(["ofsted-paraphrase", "council"])
        if primary and len(words) == 1:
            self.quotable.append((eid, quote, visit))
        lines = [f"  - id: {eid}", f"    quote: {self._typed(quote)}"]
        if voice != "council":
            lines.append(f"    visit: {visit}")
        lines += [f"    voice: {voice}",
                  f"    stance: {rng.choice(['progress', 'mixed', 'concern'])}",
                  f"    recommendations: [{', '.join(self._links())}]",
                  f"    themes: [{', '.join(rng.sample(self.themes, rng.randint(0, 1)))}]"]
        if rng.random() < 0.05:
            lines.append("    proposed: true")
        if rng.random() < 0.02:
            lines.append("    scope: general")
        if rng.random() < 0.2:
            lines.append(f'    note: "{chimera(rng, self.pool).replace(chr(34), chr(39))}"')
        return lines

    def _typed(self, quote: str) -> str:
        """The quote as an officer typed it: half in plain ASCII, wrapped at its own width."""
        if self.rng.random() < 0.5:
            quote = quote.translate(_ASCII)
        return folded(quote, 6, self.rng.randint(70, 110))

    def _links(self) -> list[str]:
        """Zero to three recommendation links, one in eight with a stance of its own."""
        links = self.rng.sample(self.recs, self.rng.randint(0, 3))
        return [f"{{id: {r}, stance: {self.rng.choice(['progress', 'concern'])}}}"
                if self.rng.random() < 0.125 else r for r in links]


def _pdf_text(sentences: list[str]) -> str:
    """Paragraphs wrapped at about 95 characters, a page number and header every page."""
    rows: list[str] = []
    for i in range(0, len(sentences), 6):
        rows += textwrap.wrap(" ".join(sentences[i:i + 6]), 95, break_on_hyphens=False)
        rows.append("")
    out: list[str] = []
    for n, start in enumerate(range(0, len(rows), PAGE_LINES), start=1):
        out += [*rows[start:start + PAGE_LINES], "", str(n), HEADER, ""]
    return "\n".join(out) + "\n"


def _article_text(sentences: list[str]) -> str:
    """One long paragraph per line, as a web page or a council's Word file is saved."""
    paragraphs = [" ".join(sentences[i:i + 8]) for i in range(0, len(sentences), 8)]
    return "\n\n".join(paragraphs) + "\n"


def main() -> None:
    """Command-line entry: generate a dataset directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--excerpts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.excerpts, args.seed)


if __name__ == "__main__":
    main()
