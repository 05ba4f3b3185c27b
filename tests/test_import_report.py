"""import-report reads a report's items verbatim, its dates and judgements, in each layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ofsted_trace.check.textmatch import normalise
from ofsted_trace.edit.ingest import draft_title, item_ids
from ofsted_trace.load.report import parse
from ofsted_trace.load.report.items import Item
from tests.conftest import BARNET, Run
from tests.ofstedkit import ilacs_pages, pages_text, sif_pages

SOURCES = BARNET / "sources"
POINTS = {
    "2019-ofsted-ilacs-inspection-report.txt": [
        "The incorporation of actions from the vulnerable adolescents at risk panel (VARP) and "
        "exploitation strategy meetings into child in need and child protection plans.",
        "The updating of assessments of need when circumstances change for children in care.",
        "The incorporation of outcomes from multi-agency risk assessment conferences (MARACs) "
        "into child in need and child protection plans.",
        "The promotion of advocacy support for children in care."],
    "2024-ofsted-ilacs-inspection-report.txt": [
        "Return home interviews informing safety plans for children who go missing.",
        "Communication about living arrangements for care leavers.",
        "Timeliness of early help support.",
        "Management oversight of the local authority designated officer (LADO)."],
}


def read(name: str) -> parse.Report:
    return parse.read((SOURCES / name).read_text(encoding="utf-8"), name)


@pytest.mark.parametrize("name", sorted(POINTS))
def test_barnet_ilacs_points_come_out_character_for_character(name: str) -> None:
    report = read(name)
    assert report.layout == "ILACS"
    assert [(i.number, i.addressed_to, i.text) for i in report.items] == [
        (None, "council", text) for text in POINTS[name]]
    assert report.judgements["overall"] == "good"


def test_barnet_2017_recommendations_come_out_verbatim() -> None:
    report = read("2017-ofsted-sif-inspection-report.txt")
    items = {(i.number, i.addressed_to): i.text for i in report.items}
    assert [n for n, _ in items] == [*range(1, 20), *range(101, 106)]
    assert {a for _, a in items} == {"council", "safeguarding-board"}
    assert all(a == "safeguarding-board" for n, a in items if (n or 0) > 100)
    # The report's own characters: a curly apostrophe, a compound split over two lines.
    assert items[2, "council"].endswith("thresholds for all children referred to children’s "
                                        "services.")
    assert items[17, "council"].endswith("later-life letters sensitively, in a child-focused way.")
    assert items[19, "council"].endswith("are fully aware of the ‘Pledge’ and their entitlements.")
    # The dataset's texts, which the curator verified against the report (quote marks aside).
    data = yaml.safe_load((BARNET / "recommendations.yaml").read_text(encoding="utf-8"))
    curated = {r["number"]: r["text"] for r in data["recommendations"]
               if r.get("inspection", "inspection-2017") == "inspection-2017"}
    assert {n: normalise(t) for (n, _), t in items.items()} == {
        n: normalise(t) for n, t in curated.items()}


def test_barnet_front_pages() -> None:
    sif = read("2017-ofsted-sif-inspection-report.txt")
    assert sif.dates == {"start": "2017-04-25", "end": "2017-05-18", "published": "2017-07-07"}
    assert sif.judgements == {
        "overall": "inadequate", "children who need help and protection": "inadequate",
        "children looked after and achieving permanence": "inadequate",
        "adoption performance": "requires improvement",
        "experiences and progress of care leavers": "requires improvement",
        "leadership, management and governance": "inadequate",
        "local safeguarding children board": "inadequate"}
    ilacs = read("2024-ofsted-ilacs-inspection-report.txt")
    assert ilacs.dates == {"start": "2024-06-10", "end": "2024-06-14", "published": None}
    assert ilacs.judgements["the experiences and progress of children in care"] == "outstanding"
    assert len(ilacs.furniture) == 2  # the running header, and the dates line with its number


@pytest.mark.parametrize("board", ["numbered", "bullets"])
def test_sif_layouts_with_the_boards_items_numbered_or_not(board: str) -> None:
    report = parse.read(pages_text(sif_pages(board)), "sif.txt")
    assert report.layout == "SIF"
    assert report.dates["published"] == "2017-07-07"
    assert report.judgements == {"overall": "inadequate",
                                 "children who need help and protection": "inadequate",
                                 "children looked after and achieving permanence":
                                     "requires improvement",
                                 "local safeguarding children board": "inadequate"}
    numbers = [101, 102] if board == "numbered" else [None, None]
    assert [(i.number, i.addressed_to, i.text) for i in report.items] == [
        (1, "council", "Ensure that assessments of children in need are completed on time."),
        (2, "council", "Ensure that management oversight of plans is child-focused and "
                       "effective, and that plans are reviewed."),
        (numbers[0], "safeguarding-board",
         "Ensure that the board monitors the quality of frontline practice."),
        (numbers[1], "safeguarding-board", "Evaluate multi-agency training.")]


@pytest.mark.parametrize("heading", [
    "What needs to improve", "What needs to improve?",
    "What needs to improve in this local authority?",
    "What needs to improve (in this local authority)?"])
def test_ilacs_headings_with_and_without_this_local_authority(heading: str) -> None:
    report = parse.read(pages_text(ilacs_pages(heading)), "ilacs.txt")
    assert report.layout == "ILACS"
    assert [i.text for i in report.items] == [
        "The timeliness of assessments for children in need.",
        "Management oversight of plans for children in care, and the recording of decisions."]
    assert report.judgements == {
        "the impact of leaders on social work practice with children and families":
            "requires improvement to be good",
        "the experiences and progress of children who need help and protection": "inadequate",
        "overall": "inadequate"}
    assert report.dates == {"start": "2024-01-08", "end": "2024-01-19", "published": None}


def test_a_heading_split_over_two_lines() -> None:
    pages = ilacs_pages("What needs to improve in this local")
    pages[1].insert(1, "authority?")
    assert len(parse.read(pages_text(pages), "x.txt").items) == 2


def test_the_running_header_and_page_numbers_become_furniture() -> None:
    pages = [*ilacs_pages(), ["More."], ["Yet more."]]
    found = parse.read(pages_text(pages), "x.txt").furniture
    assert r"\d{1,3}" in found
    assert any("Exampleton" in p for p in found)


def test_json_is_the_contract_and_writes_nothing(run: Run, minimal: Path,
                                                tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(pages_text(sif_pages("bullets")), encoding="utf-8")
    before = sorted(p.read_bytes() for p in minimal.rglob("*") if p.is_file())
    result = run("import-report", str(report), "--format", "json", "--data", str(minimal))
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert list(got) == ["dates", "judgements", "items"]
    assert got["items"][2] == {"number": None, "addressed_to": "safeguarding-board",
                               "text": "Ensure that the board monitors the quality of "
                                       "frontline practice."}
    assert sorted(p.read_bytes() for p in minimal.rglob("*") if p.is_file()) == before


@pytest.mark.parametrize(("text", "says"), [
    ("Dear Director\n\nThank you for your letter.\n", "does not look like an Ofsted"),
    ("Inspection dates: 8 to 19 January 2024\nOverall effectiveness Good\n\nAll is well.\n",
     "no list of items found")])
def test_refuses_what_is_not_a_report_or_has_no_list(run: Run, minimal: Path, tmp_path: Path,
                                                     text: str, says: str) -> None:
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    for extra in ([], ["--write"], ["--format", "json"]):
        result = run("import-report", str(path), *extra, "--data", str(minimal))
        assert result.exit_code == 1, result.output
        assert says in result.stderr
    assert not (minimal / "sources/x.txt").exists()


def test_ids_follow_the_house_style_and_step_aside_when_taken() -> None:
    items = (Item(1, "council", "a"), Item(101, "safeguarding-board", "b"),
             Item(None, "safeguarding-board", "c"))
    assert item_ids(items, "2017", set()) == ["R01", "SB101", "SB2017-3"]
    assert item_ids(items, "2017", {"R01"}) == ["R2017-01", "SB2017-101", "SB2017-3"]
    assert draft_title("Ensure that the board monitors the quality of frontline practice.") == \
        "Board monitors the quality of frontline"
