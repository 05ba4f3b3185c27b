"""Cross-record checks: references, dates, document paths and quotes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ofsted_trace.check import pipeline, rules
from ofsted_trace.check.rules import findings, voices
from ofsted_trace.check.textmatch import normalise


def codes(root: Path) -> list[tuple[str, str, int]]:
    return [(p.code, p.location.file.removeprefix(f"{root}/"), p.location.line)
            for p in pipeline.check(root).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_registry_runs_documents_before_quotes() -> None:
    names = list(rules.CHECKS)
    assert names.index("documents") < names.index("quotes")


def test_quote_not_found_shows_closest_passage(minimal: Path) -> None:
    edit(minimal / "evidence" / "letter.yaml", "Assessments are now timely",
         "Assessments are always timely")
    [problem] = pipeline.check(minimal).problems
    assert problem.code == "quote-not-found"
    assert "closest passage (" in problem.message
    assert 'Assessments are now timely and analyse risk well."' in problem.message


def test_quote_matches_despite_quote_marks_dashes_and_line_breaks(minimal: Path) -> None:
    # The source has curly “supervision”; the YAML has straight quotes over two lines.
    assert codes(minimal) == []


def test_reference_to_the_wrong_kind(minimal: Path) -> None:
    edit(minimal / "evidence" / "council.yaml", "[R3]", "[T2]")
    [problem] = pipeline.check(minimal).problems
    assert problem.message == "'T2' is a theme, not a recommendation"


def test_did_you_mean(minimal: Path) -> None:
    edit(minimal / "evidence" / "letter.yaml", "visit: fv", "visit: fv1")
    [problem] = pipeline.check(minimal).problems
    assert "did you mean 'fv'" in problem.message


def test_theme_cycle(minimal: Path) -> None:
    edit(minimal / "themes.yaml", "  - id: T1\n", "  - id: T1\n    parent: T1a\n")
    assert ("theme-cycle", "themes.yaml", 3) in codes(minimal)


def test_uncertain_date_needs_a_basis(minimal: Path) -> None:
    edit(minimal / "visits.yaml", "    date_basis: The article gives only the month.\n", "")
    assert codes(minimal) == [("date-basis", "visits.yaml", 9)]


def test_inspection_must_be_an_inspection(minimal: Path) -> None:
    edit(minimal / "recommendations.yaml", "  visit: insp", "  visit: mv1")
    assert ("inspection-kind", "recommendations.yaml", 4) in codes(minimal)


def test_absolute_document_path_is_refused(minimal: Path) -> None:
    edit(minimal / "documents.yaml", "path: sources/letter.txt", "path: /etc/hostname")
    assert codes(minimal)[0] == ("document-path", "documents.yaml", 7)


def test_missing_text(minimal: Path) -> None:
    (minimal / "sources" / "article.txt").unlink()
    assert codes(minimal) == [("missing-text", "documents.yaml", 16)]


def test_document_reporting_a_later_visit(minimal: Path) -> None:
    edit(minimal / "documents.yaml", "reports: [mv1]", "reports: [fv]")
    assert ("visit-after-document", "documents.yaml", 17) in codes(minimal)


def test_ofsted_voice_in_a_secondary_text_needs_quotation_marks() -> None:
    text = 'Inspectors said it was "beginning to make a difference" in the first visit.'
    assert voices.quoted("beginning to make a difference", text)
    assert not voices.quoted("in the first visit.", text)
    assert voices.quoted('"beginning to make a difference"', text)


def test_a_date_after_today_is_an_error_judged_afresh_each_day(minimal: Path) -> None:
    # The council's text is dated 2019-09: on 1 August 2019 it lies in the future.
    early = pipeline.check(minimal, today=date(2019, 8, 1)).problems
    assert [(p.code, p.location.line) for p in early] == [("future-date", 21)]
    assert "2019-09" in early[0].message
    # The same bytes a day past it: the remembered answer must not carry the old day over.
    assert pipeline.check(minimal, today=date(2019, 9, 1)).problems == ()
    assert pipeline.check(minimal).problems == ()


def test_every_date_field_is_tested_for_the_future(minimal: Path) -> None:
    edit(minimal / "visits.yaml", "end: 2019-06-11", "end: 2810-06-11")
    edit(minimal / "recommendations.yaml", "published: 2017-07", "published: 2810-07")
    found = codes(minimal)
    assert ("future-date", "visits.yaml", 21) in found
    assert ("future-date", "recommendations.yaml", 5) in found


def test_a_near_miss_is_never_shown_as_a_perfect_match(minimal: Path) -> None:
    # One letter in 300: 99.7% alike, which a rounded figure would show as 100%.
    words = "Life-story work is not routinely evidenced on files for children in care, " * 4
    with (minimal / "sources" / "letter.txt").open("a") as text:
        text.write(words + "\n")
    edit(minimal / "evidence" / "letter.yaml",
         "quote: Inspectors found that too many children wait for a health assessment.",
         "quote: " + words.replace("not", "now", 1).strip())
    [problem] = pipeline.check(minimal).problems
    assert problem.code == "quote-not-found"
    assert "100%" not in problem.message and "99% alike" in problem.message


def test_a_quote_inside_a_longer_word_is_not_found(minimal: Path) -> None:
    edit(minimal / "evidence" / "letter.yaml", "quote: Assessments are", "quote: ssessments are")
    [problem] = pipeline.check(minimal).problems
    assert problem.code == "quote-not-found"
    assert "inside a longer word" in problem.message


def test_a_word_ending_in_an_apostrophe_opens_no_quotation() -> None:
    closed = "The board called the plan 'robust' and the service is improving."
    assert not voices.quoted("and the service is improving.", closed)
    assert not voices.quoted("views are heard", "The parents' views are heard.")
    assert voices.quoted("the service is improving", "Staff said 'the service is improving'.")
    assert voices.quoted("the service is improving", "Staff said ' the service is improving'.")


def test_a_primary_document_must_be_ofsted_s(minimal: Path) -> None:
    edit(minimal / "documents.yaml", "    date: 2019-09\n    primary: false",
         "    date: 2019-09\n    primary: true")
    found = pipeline.check(minimal).problems
    assert [(p.code, p.subject) for p in found] == [("primary-not-ofsted", "council")]
    assert "Exampleshire County Council" in found[0].message


@given(st.text(alphabet=st.sampled_from(list("ab .!?-\u2013\n\t\u00a0\u2003Σİ")), max_size=60))
def test_a_sentence_s_words_are_counted_by_its_spaces(text: str) -> None:
    # The repeats check counts a normalised sentence's words by its spaces; split() agrees.
    normal = normalise(text)
    by_words = [s for s in findings._SENTENCE.split(normal.lower())
                if len(s.split()) >= findings._MIN_WORDS]
    assert findings._sentences(normal) == by_words
