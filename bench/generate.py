"""Write a synthetic, deterministic dataset of N excerpts with realistic sizes.

At 100,000 excerpts: 1,000 recommendations, 50 themes, 300 visits and 1,000 documents of about
20 KB of text each, with one evidence file per document (100 excerpts each). Smaller N scales
recommendations, visits and documents down in proportion; every quote is drawn from its
document's text, so `trace check` passes.

    python bench/generate.py OUT_DIR --excerpts 100000
"""

from __future__ import annotations

import argparse
import random
import shutil
import textwrap
from datetime import date, timedelta
from pathlib import Path

PER_DOCUMENT = 100
TEXT_BYTES = 20_000
THEMES = 50
_PARAGRAPH = (
    "children social work practice leaders managers partners improvement plan quality "
    "assessment planning supervision oversight care leavers placements families early help "
    "thresholds safeguarding board services outcomes timely consistent effective progress "
    "inspectors found evidence stronger weaker recording visits direct work wishes feelings "
    "lived experience multi agency hub information sharing decision making capacity "
    "workforce caseloads stability recruitment retention training audit performance data "
    "court proceedings permanence adoption fostering residential health education "
    "participation voice advocacy independent reviewing officers conferences strategy "
    "discussions section meetings exploitation missing return interviews contextual "
    "risk harm neglect domestic abuse mental substance misuse response"
)
WORDS = _PARAGRAPH.split()


def sentence(rng: random.Random) -> str:
    """One plausible sentence of 12-30 words, capitalised and full-stopped."""
    words = rng.choices(WORDS, k=rng.randint(12, 30))
    if rng.random() < 0.3:
        words[rng.randrange(3, len(words) - 2)] += ","
    return " ".join(words).capitalize() + "."


def document_text(rng: random.Random) -> list[str]:
    """About TEXT_BYTES of sentences, as a list so quotes can be drawn from it."""
    out: list[str] = []
    size = 0
    while size < TEXT_BYTES:
        s = sentence(rng)
        out.append(s)
        size += len(s) + 1
    return out


def folded(text: str, indent: int) -> str:
    """A YAML folded block scalar (>-) wrapped like a hand-written file."""
    pad = " " * indent
    return ">-\n" + "\n".join(textwrap.wrap(text, 92 - indent, initial_indent=pad,
                                            subsequent_indent=pad))


def generate(out: Path, excerpts: int, seed: int = 7) -> None:
    """Write the dataset for `excerpts` excerpts into out (replacing it)."""
    rng = random.Random(seed)
    scale = excerpts / 100_000
    n_docs = max(1, excerpts // PER_DOCUMENT)
    n_recs = max(10, round(1_000 * scale))
    n_visits = max(3, round(300 * scale))
    if out.exists():
        shutil.rmtree(out)
    (out / "evidence").mkdir(parents=True)
    (out / "sources").mkdir()

    themes = [f"T{i:02d}" for i in range(1, THEMES + 1)]
    lines = ["themes:"]
    for i, tid in enumerate(themes):
        lines += [f"  - id: {tid}", f"    title: {sentence(rng)[:-1]}"]
        if i >= 10:
            lines.append(f"    parent: {themes[i % 10]}")
    (out / "themes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    first = date(2017, 4, 24)
    visits = [(f"v{i:04d}", first + timedelta(days=12 * i)) for i in range(n_visits)]
    lines = ["visits:"]
    for i, (vid, start) in enumerate(visits):
        kind = "inspection" if i == 0 else rng.choice(["monitoring-visit", "focused-visit"])
        lines += [f"  - id: {vid}", f"    kind: {kind}", f"    title: Visit {i + 1}",
                  f"    start: {start.isoformat()}",
                  f"    end: {(start + timedelta(days=2)).isoformat()}",
                  f"    focus: {sentence(rng)[:-1]}"]
    (out / "visits.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    recs = [f"R{i:04d}" for i in range(1, n_recs + 1)]
    lines = ["authority: Synthetic Borough Council", "inspection:", f"  visit: {visits[0][0]}",
             "  published: 2017-07", "recommendations:"]
    for i, rid in enumerate(recs):
        lines += [f"  - id: {rid}", f"    number: {i + 1}", "    addressed_to: council",
                  f"    title: {sentence(rng)[:40].strip()}",
                  f"    text: {folded(' '.join(sentence(rng) for _ in range(2)), 6)}",
                  f"    themes: [{', '.join(rng.sample(themes[10:], 2))}]"]
    (out / "recommendations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lines = ["documents:"]
    for d in range(n_docs):
        did = f"doc{d:04d}"
        reported = visits[(d * len(visits)) // n_docs]
        primary = rng.random() < 0.4
        lines += [f"  - id: {did}", f"    title: {sentence(rng)[:60].strip()}",
                  f"    publisher: {'Ofsted' if primary else 'Synthetic Borough Council'}",
                  f"    date: {(reported[1] + timedelta(days=20)).isoformat()}",
                  f"    primary: {'true' if primary else 'false'}",
                  f"    path: sources/{did}.txt", f"    reports: [{reported[0]}]"]
        _write_document(out, did, reported[0], rng, recs, themes, primary)
    (out / "documents.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_document(out: Path, did: str, visit: str, rng: random.Random, recs: list[str],
                    themes: list[str], primary: bool) -> None:
    sentences = document_text(rng)
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    (out / "sources" / f"{did}.txt").write_text("\n\n".join(paragraphs) + "\n",
                                                 encoding="utf-8")
    lines = [f"# Synthetic evidence from {did}.", f"document: {did}", "excerpts:"]
    for n in range(1, PER_DOCUMENT + 1):
        start = rng.randrange(len(sentences) - 3)
        quote = " ".join(sentences[start:start + rng.randint(1, 3)])
        # Ofsted's words in a secondary text must stand in quotation marks (the voice check);
        # these texts have none, so their Ofsted findings are paraphrases. The choice keeps
        # three options so that every later random draw, and so the rest of the data, is as
        # before.
        voice = "ofsted" if primary else rng.choice(["ofsted-paraphrase", "ofsted-paraphrase",
                                                     "council"])
        lines += [f"  - id: {did}-{n:03d}", f"    quote: {folded(quote, 6)}",
                  f"    visit: {visit}", f"    voice: {voice}",
                  f"    stance: {rng.choice(['progress', 'mixed', 'concern'])}",
                  f"    recommendations: [{', '.join(rng.sample(recs, rng.randint(0, 2)))}]",
                  f"    themes: [{', '.join(rng.sample(themes, rng.randint(0, 1)))}]"]
        if rng.random() < 0.3:
            lines.append(f'    note: "{sentence(rng)}"')
    (out / "evidence" / f"{did}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


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
