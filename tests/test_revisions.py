"""Revisions checked in one diff session share what they have in common, and answer the same."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from ofsted_trace.cache.store import Cache
from ofsted_trace.check.pipeline import Checked
from ofsted_trace.judge import compare
from ofsted_trace.judge.revisions import Session
from tests.conftest import BARNET
from tests.gitrepo import Repo

DAY = date(2024, 6, 30)
CHANGED = "evidence/letter-2021.yaml"


@pytest.fixture
def barnet_history(tmp_path: Path) -> Repo:
    """Barnet's data committed with one warning (an unplaced finding), then one file re-tagged."""
    repo = Repo(tmp_path / "repo")
    shutil.rmtree(repo.data)
    shutil.copytree(BARNET, repo.data)
    repo.edit("evidence/report-2019.yaml", "    visit: ilacs-2019\n", "")
    repo.commit("Barnet, one finding unplaced", tag="before")
    repo.edit(CHANGED, "stance: mixed", "stance: concern")
    repo.commit("one stance changed", tag="after")
    return repo


def alone(data: Path, rev: str | None) -> Checked:
    """The revision checked in a session of its own, sharing nothing, with no cache."""
    with Session(data, Cache(None)) as session:
        return session.checked(rev)


def test_a_shared_session_answers_as_each_revision_alone(barnet_history: Repo) -> None:
    data = barnet_history.data
    with Session(data, Cache(None)) as session:
        shared = [session.checked(rev) for rev in ("before", "after", "before")]
    for rev, checked in zip(("before", "after", "before"), shared, strict=True):
        expected = alone(data, rev)
        assert checked.problems == expected.problems
        assert (compare.snapshot(rev, checked.dataset, DAY, (12, 0))
                == compare.snapshot(rev, expected.dataset, DAY, (12, 0)))
    # The warning is located from where its record starts, in every side alike.
    [warning] = [p for p in shared[1].problems if p.code == "no-visit"]
    assert warning.location.file == "after:data/evidence/report-2019.yaml"
    assert warning.location.line > 0


def test_records_are_shared_only_where_the_bytes_are(barnet_history: Repo) -> None:
    with Session(barnet_history.data, Cache(None)) as session:
        before = session.checked("before").dataset
        after = session.checked("after").dataset
    for xid, excerpt in after.excerpts.items():
        unchanged = after.origins[xid].file != CHANGED
        assert (excerpt is before.excerpts[xid]) is unchanged, xid
    assert after.recommendations["R01"] is before.recommendations["R01"]
    # The repeats check's sentence keys too: worked out once, for the first side.
    assert before.sentence_keys
    for xid, found in before.sentence_keys.items():
        unchanged = before.origins[xid].file != CHANGED
        assert (after.sentence_keys.get(xid) is found) is unchanged, xid


def test_the_working_tree_shares_with_a_revision(barnet_history: Repo) -> None:
    barnet_history.edit(CHANGED, "stance: concern", "stance: progress")
    data = barnet_history.data
    with Session(data, Cache(None)) as session:
        head = session.checked("HEAD")
        tree = session.checked(None)
    assert tree.problems == alone(data, None).problems
    assert [p.code for p in tree.problems] == [p.code for p in head.problems] == ["no-visit"]
    shared = [xid for xid, ex in tree.dataset.excerpts.items() if ex is head.dataset.excerpts[xid]]
    assert 0 < len(shared) < len(tree.dataset.excerpts)
