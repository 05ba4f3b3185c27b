"""trace suggest, unmined, accept, reject and review, on a second letter in the minimal data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ofsted_trace.cli.entry import app
from ofsted_trace.judge import wording
from ofsted_trace.judge.passages import blocks, passages
from ofsted_trace.model.values import Stance, Voice
from tests.conftest import BARNET, FIXTURES, Golden, Run

LETTER = FIXTURES / "suggest" / "second-letter.txt"
ENTRY = """  - id: fv2
    title: Second focused visit letter
    publisher: Ofsted
    date: 2019-07-02
    primary: true
    path: sources/second-letter.txt
    reports: [fv]
    furniture: ['\\d{1,3}', Focused visit letter]
"""


@pytest.fixture
def data(minimal: Path) -> Path:
    """The minimal dataset with a second Ofsted letter registered, and no excerpt from it."""
    shutil.copy(LETTER, minimal / "sources" / "second-letter.txt")
    with (minimal / "documents.yaml").open("a", encoding="utf-8") as docs:
        docs.write(ENTRY)
    return minimal


def proposals(run: Run, data: Path, *args: str) -> list[dict[str, object]]:
    done = run("suggest", "fv2", "--data", str(data), "--format", "json", *args)
    assert done.exit_code == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def test_passages_skip_furniture_join_page_breaks_and_keep_headings() -> None:
    found = passages(LETTER.read_text(encoding="utf-8"), [r"\d{1,3}", "Focused visit letter"])
    texts = [p.text for p in found]
    assert ("Out-of-area placements are not routinely notified to host authorities, which "
            "delays the health services children receive.") in texts
    # "They are updated..." points back, so it stays with the sentence before it.
    first = next(p for p in found if p.text.startswith("Assessments"))
    assert first.sentences[1] == "They are updated when circumstances change."
    bullet = next(p for p in found if p.text.startswith("The timeliness"))
    assert bullet.bullet and bullet.section == "What needs to improve"
    assert not any(t.startswith("Dear") for t in texts)


def test_a_line_end_hyphen_keeps_the_word_whole() -> None:
    assert blocks("the well-\nbeing of children.")[0][0] == "the well-being of children."


@pytest.mark.parametrize(("text", "section", "stance"), [
    ("Assessments are timely.", "What needs to improve", Stance.CONCERN),
    ("The quality of plans is variable.", "Main findings", Stance.CONCERN),
    ("Plans are clear, although some are not yet updated.", "", Stance.MIXED),
    ("However, decisions are not consistently recorded.", "", Stance.CONCERN),
    ("Leaders know the strengths and weaknesses of their services.", "", Stance.PROGRESS),
])
def test_the_stance_comes_from_the_section_and_the_wording(text: str, section: str,
                                                          stance: Stance) -> None:
    assert wording.stance(text, section) is stance


def test_the_voice_comes_from_the_document_and_quotation_marks() -> None:
    assert wording.voice("Plans are good.", True, False) is Voice.OFSTED
    assert wording.voice("Plans are good.", False, True) is Voice.OFSTED
    assert wording.voice("Inspectors found plans good.", False, False) is Voice.OFSTED_PARAPHRASE
    assert wording.voice("Our plans are good.", False, False) is Voice.COUNCIL


def test_suggest_ranks_passages_per_recommendation_and_ends_with_emerging(
        run: Run, data: Path) -> None:
    rows = proposals(run, data)
    assert rows[0] == {"recommendation": "R1", "quote": "Assessments are now timely and "
                       "analyse risk well for most children. They are updated when "
                       "circumstances change.", "stance": "progress", "voice": "ofsted",
                       "score": rows[0]["score"]}
    scores = [r["score"] for r in rows if r["recommendation"]]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    fostering = next(r for r in rows if r["recommendation"] == "R4")
    assert fostering["stance"] == "concern"  # under "What needs to improve"
    tail = [r for r in rows if r["recommendation"] is None]
    assert tail and rows[-len(tail):] == tail
    assert all(r["stance"] != "progress" for r in tail)
    assert any(str(r["quote"]).startswith("Out-of-area placements") for r in tail)


def test_suggest_table_for_people(run: Run, data: Path, golden: Golden) -> None:
    done = run("suggest", "fv2", "--data", str(data))
    assert done.exit_code == 0, done.stderr
    golden("suggest-second-letter.txt", done.stdout)


def test_an_unknown_document_is_a_usage_error(run: Run, data: Path) -> None:
    done = run("suggest", "nope", "--data", str(data))
    assert done.exit_code == 2
    assert "no document has the id 'nope'" in done.stderr


def test_write_proposes_excerpts_that_are_not_evidence(run: Run, data: Path) -> None:
    before = run("status", "--data", str(data), "--format", "json").stdout
    gaps = run("gaps", "--data", str(data), "--format", "json").stdout
    dry = run("suggest", "fv2", "--data", str(data), "--dry-run")
    assert dry.exit_code == 0 and "+    proposed: true" in dry.stdout
    assert not (data / "evidence" / "fv2.yaml").exists()
    done = run("suggest", "fv2", "--data", str(data), "--write")
    assert done.exit_code == 0, done.stderr
    written = (data / "evidence" / "fv2.yaml").read_text(encoding="utf-8")
    assert written.count("proposed: true") == written.count("  - id: fv2-") == 7
    assert run("check", "--data", str(data)).exit_code == 0
    assert run("status", "--data", str(data), "--format", "json").stdout == before
    assert run("gaps", "--data", str(data), "--format", "json").stdout == gaps
    shown = run("show", "R1", "--data", str(data)).stdout
    assert "Proposed, not yet evidence" in shown and "fv2-001" in shown
    report = run("report", "--data", str(data)).stdout
    assert "## Proposed evidence" in report and "[Proposed evidence](#proposed-evidence)" in report
    assert proposals(run, data) == []  # nothing is proposed twice


def test_accept_makes_a_proposal_evidence(run: Run, data: Path) -> None:
    run("suggest", "fv2", "--data", str(data), "--write")
    before = json.loads(run("status", "--data", str(data), "--format", "json").stdout)
    done = run("accept", "fv2-001", "--data", str(data))
    assert done.exit_code == 0, done.stderr
    after = json.loads(run("status", "--data", str(data), "--format", "json").stdout)
    r1 = [next(r for r in rows if r["id"] == "R1") for rows in (before, after)]
    assert r1[1]["independent"] == r1[0]["independent"] + 1
    text = (data / "evidence" / "fv2.yaml").read_text(encoding="utf-8")
    assert text.count("proposed: true") == text.count("  - id: fv2-") - 1
    again = run("accept", "fv2-001", "--data", str(data))
    assert again.exit_code == 2 and "is not a proposal" in again.stderr


def test_reject_removes_and_remembers(run: Run, data: Path) -> None:
    run("suggest", "fv2", "--data", str(data), "--write")
    assert proposals(run, data) == []  # all written: nothing left to propose
    ids = [line.split(": ")[1] for line in
           (data / "evidence" / "fv2.yaml").read_text(encoding="utf-8").splitlines()
           if line.startswith("  - id: ")]
    done = run("reject", *ids, "--data", str(data))
    assert done.exit_code == 0, done.stderr
    assert "excerpts: []" in (data / "evidence" / "fv2.yaml").read_text(encoding="utf-8")
    assert (data / "rejected.yaml").read_text(encoding="utf-8").count("document: fv2") == len(ids)
    assert run("check", "--data", str(data)).exit_code == 0
    assert proposals(run, data) == []  # rejected passages are not proposed again


def test_review_walks_through_the_proposals(run: Run, data: Path) -> None:
    run("suggest", "fv2", "--data", str(data), "--write")
    done = run.runner.invoke(app, ["review", "fv2", "--data", str(data)],
                             input="a\nr\ns\nq\n", env={"NO_COLOR": "1"})
    assert done.exit_code == 0, done.stderr
    assert "accepted fv2-001" in done.stdout and "rejected fv2-002" in done.stdout
    text = (data / "evidence" / "fv2.yaml").read_text(encoding="utf-8")
    assert "fv2-002" not in text and "fv2-003" in text
    assert "fv2-002" in (data / "rejected.yaml").read_text(encoding="utf-8")


def test_unmined_lists_unquoted_passages_concerns_first(run: Run, data: Path) -> None:
    done = run("unmined", "fv2", "--data", str(data), "--format", "json")
    rows = json.loads(done.stdout)
    ranks = [wording.RANK[Stance(r["stance"])] for r in rows]
    assert ranks == sorted(ranks) and rows[0]["stance"] == "concern"
    run("suggest", "fv2", "--data", str(data), "--write")
    run("accept", "fv2-001", "--data", str(data))
    after = json.loads(run("unmined", "fv2", "--data", str(data), "--format", "json").stdout)
    assert len(after) == len(rows) - 1  # proposals are not evidence; the accepted one is


def test_a_malformed_rejected_file_stops_the_command(run: Run, data: Path) -> None:
    (data / "rejected.yaml").write_text("rejected:\n  - document: fv2\n    quote: x\n"
                                        "    words: x\n")
    done = run("suggest", "fv2", "--data", str(data))
    assert done.exit_code == 3
    assert "rejected.yaml:4: unknown-key" in done.stderr


@pytest.mark.parametrize("batch", [2_000_000, 1_000])
def test_the_best_score_of_many_quotes_is_the_best_of_each_bit_for_bit(
        batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ranker.best batches every quote of a recommendation; it must equal bm25s query by query."""
    from ofsted_trace.judge import ranker as module
    from ofsted_trace.judge.ranker import Ranker

    monkeypatch.setattr(module, "_BATCH_CELLS", batch)  # one batch, or many

    sources = BARNET / "sources"
    texts = sorted(sources.glob("*.txt"))
    corpus = [p.text for p in passages(texts[0].read_text(encoding="utf-8"), [r"\d{1,3}"])]
    quotes = [p.text for text in texts[1:4]
              for p in passages(text.read_text(encoding="utf-8"), [])][:400]
    ranker = Ranker(corpus)
    expected = [0.0] * len(corpus)
    for quote in [*quotes, "", "zzzz qqqq"]:
        expected = [max(b, s) for b, s in zip(expected, ranker.scores(quote), strict=True)]
    assert ranker.best([*quotes, "", "zzzz qqqq"]) == expected
    assert any(expected)
    assert ranker.best([]) == [0.0] * len(corpus)
    assert Ranker([]).best(quotes) == []


@given(st.integers(0, 6).flatmap(lambda columns: st.lists(
    st.lists(st.sampled_from([0.0, 0.5, 1.25, 1.25, 3.0, 7.5]), min_size=columns,
             max_size=columns), max_size=7).map(lambda rows: (rows, columns))),
       st.integers(1, 4))
def test_top_rows_of_each_column_are_a_python_sort_s(table: tuple[list[list[float]], int],
                                                     k: int) -> None:
    # suggest keeps each passage's best recommendations; a tie goes to the earlier one.
    from ofsted_trace.judge.ranker import top

    rows, columns = table
    expected = [sorted(range(len(rows)), key=lambda r: (-rows[r][c], r))[:k]
                for c in range(columns)]
    assert top(rows, k, columns) == expected
