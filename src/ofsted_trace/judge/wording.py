"""A passage's likely stance and voice, from its section, its wording and its document."""

from __future__ import annotations

import re

from ofsted_trace.model.values import Stance, Voice

# Sections whose items are, by Ofsted's layout, the things still to put right.
_CONCERN_SECTION = re.compile(
    r"what needs to (?:improve|be improved)|areas? for (?:improvement|development)"
    r"|recommendations|priority action", re.IGNORECASE)
# Words of shortfall: a finding with any of them holds a reservation.
_SHORTFALL = re.compile(
    r"\b(?:not yet|not always|not consistently|not routinely|not sufficiently|not fully"
    r"|does not|do not|did not|is not|are not|has not|have not|was not|were not"
    r"|variable|inconsistent(?:ly)?|insufficient(?:ly)?|lack(?:s|ing)?|too (?:many|long|few|slow)"
    r"|delay(?:s|ed)?|(?<!strengths and )weak(?:ness|nesses)?|poor(?:ly)?|less well|limited"
    r"|gaps?|shortfalls?"
    r"|remains? (?:a )?(?:concern|variable|inconsistent)|more work|more to do|still require"
    r"|further (?:work|improvement|strengthen\w*)|not embedded|deteriorat\w*|declin\w*"
    r"|(?:could|should|would) be (?:further )?(?:strengthened|improved))\b",
    re.IGNORECASE)
# Words that set a reservation against progress in one finding.
_CONTRAST = re.compile(r"\b(?:however|although|though|while|whilst|but|despite|yet|except)\b",
                       re.IGNORECASE)
_LEAD = re.compile(r"(?:however|but|yet)\b,?\s*|", re.IGNORECASE)
_INSPECTORS = re.compile(r"\b(?:ofsted|inspectors?|inspection|monitoring visit|the letter)\b",
                         re.IGNORECASE)


def stance(text: str, section: str) -> Stance:
    """Concern under "What needs to improve"; else mixed, concern or progress by its wording."""
    if _CONCERN_SECTION.search(section):
        return Stance.CONCERN
    if _SHORTFALL.search(text):
        # "However, ..." opening a passage sets it against the sentence before, not itself.
        lead = _LEAD.match(text)
        return Stance.MIXED if _CONTRAST.search(text, lead.end() if lead else 0) \
            else Stance.CONCERN
    return Stance.PROGRESS


def voice(text: str, primary: bool, quoted: bool) -> Voice:
    """Ofsted's words in its own text, or inside quotation marks; else whose they seem to be."""
    if primary or quoted:
        return Voice.OFSTED
    return Voice.OFSTED_PARAPHRASE if _INSPECTORS.search(text) else Voice.COUNCIL


RANK = {Stance.CONCERN: 0, Stance.MIXED: 1, Stance.PROGRESS: 2}  # concerns first
