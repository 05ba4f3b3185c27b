"""The redactor a published report applies to data text under --redact."""

from __future__ import annotations

import json
from pathlib import Path

from ofsted_trace.check import pipeline
from ofsted_trace.render.redaction import redact_all, redactor


def with_note(root: Path, note: str, allow: str = "") -> pipeline.Checked:
    path = root / "evidence" / "letter.yaml"
    extra = f"\n    allow: {allow}" if allow else ""
    path.write_text(path.read_text().replace("note: Fits no recommendation.",
                                             f"note: {json.dumps(note)}{extra}"))
    return pipeline.check(root)


def test_masks_every_kind(minimal: Path) -> None:
    (minimal / "config.yaml").write_text("case_id_patterns: ['LCS-[0-9]{7}']\n")
    redact = redactor(pipeline.check(minimal).dataset)
    text = ("Child A (DOB 12/03/2009, NHS 943 476 5919) of NW9 4EW, 07700 900123, "
            "a@b.org, LCS-0012345.")
    assert redact(text) == ("Child A ([date-of-birth removed], NHS [nhs-number removed]) of "
                            "[postcode removed], [phone removed], [email removed], "
                            "[case-id removed].")


def test_leaves_clean_text_alone(minimal: Path) -> None:
    redact = redactor(pipeline.check(minimal).dataset)
    text = "Call Ofsted on 0300 123 1231 about the visit of 10 June 2019 (GCSE 2019)."
    assert redact(text) is text


def test_allowed_false_positive_is_kept(minimal: Path) -> None:
    redact = redactor(with_note(minimal, "Office NW9 4EW", "[postcode]").dataset)
    assert redact("Write to NW9 4EW, not EN5 1AA.") == "Write to NW9 4EW, not [postcode removed]."


def test_redact_all_walks_plain_data(minimal: Path) -> None:
    redact = redactor(pipeline.check(minimal).dataset)
    data = {"07700 900123": ["mobile 07700 900123", 3, None], "n": {"x": "a@b.org"}}
    assert redact_all(data, redact) == {"07700 900123": ["mobile [phone removed]", 3, None],
                                        "n": {"x": "[email removed]"}}


def test_barnet_report_text_survives_redaction(barnet: Path) -> None:
    checked = pipeline.check(barnet)
    redact = redactor(checked.dataset)
    changed = [ex.id for ex in checked.dataset.excerpts.values()
               if redact(ex.quote) != ex.quote or redact(ex.note or "") != (ex.note or "")]
    assert changed == []


def test_the_plan_and_the_ratings_are_masked_too(barnet: Path) -> None:
    from ofsted_trace.render.redaction import redacted

    (barnet / "ratings.yaml").write_text(
        "ratings:\n  - recommendation: R01\n    rating: amber\n    date: 2019-01\n"
        "    by: officer\n    note: \"Ask on 07700 900123 or jo@example.org\"\n",
        encoding="utf-8")
    plan = barnet / "actions.yaml"
    text = plan.read_text(encoding="utf-8")
    note = 'note: "Themes statement plus hub working; no recommendation covers early help."'
    assert note in text
    plan.write_text(text.replace(note, 'note: "Call NW9 4EW office, 07700 900123."'),
                    encoding="utf-8")
    ds = pipeline.check(barnet).dataset
    masked = redacted(ds)
    assert [r.note for r in masked.ratings] == ["Ask on [phone removed] or [email removed]"]
    notes = [a.note for a in masked.actions.values() if a.note and "removed" in a.note]
    assert notes == ["Call [postcode removed] office, [phone removed]."]
    assert len(masked.actions) == len(ds.actions)
