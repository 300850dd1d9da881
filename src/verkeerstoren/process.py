# SPDX-License-Identifier: EUPL-1.2
"""The asylum process model: which status may follow which (DOMAIN.md §2).

registration -> preparation -> (dossier complete) ready for hearing -> hearing planned -> heard
-> intention -> response -> decision -> closed. A planned hearing can be cancelled (back to ready
for hearing); a grant needs no intention, and an intention without a response goes straight to
the decision. A withdrawal ends any open case: decided with the outcome ``withdrawn``.
Pure: imported by the register's services, the API and the pages that offer the next steps.
"""

from __future__ import annotations

from .glossary import CLOSED_STATUSES, Outcome, Status, Track

S = Status

NEXT: dict[Status, frozenset[Status]] = {
    S.REGISTERED: frozenset({S.PREPARING}),
    S.PREPARING: frozenset({S.READY_FOR_HEARING}),
    S.READY_FOR_HEARING: frozenset({S.HEARING_PLANNED}),
    S.HEARING_PLANNED: frozenset({S.HEARD, S.READY_FOR_HEARING}),
    S.HEARD: frozenset({S.INTENTION, S.DECIDED}),
    S.INTENTION: frozenset({S.RESPONSE, S.DECIDED}),
    S.RESPONSE: frozenset({S.DECIDED}),
    S.DECIDED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# Outcomes a decision can have straight after the hearing: a grant needs no intention, and a
# Dublin transfer or inadmissibility is decided on the file. A refusal needs an intention first.
AFTER_HEARING = frozenset({Outcome.GRANT, Outcome.DUBLIN_TRANSFER, Outcome.INADMISSIBLE})


# Tracks whose decisions are never a grant, with the outcome they have instead: Dublin cases are
# transferred to the responsible member state, safe-country and protection-elsewhere cases
# refused. The demo clock's decisions and the partners' outflow forecasts both read this.
NO_GRANT: dict[str, str] = {
    Track.DUBLIN.value: Outcome.DUBLIN_TRANSFER.value,
    Track.SAFE_COUNTRY.value: Outcome.REFUSAL.value,
}


def allowed(current: Status, target: Status, outcome: Outcome | None = None) -> str | None:
    """Why the process does not allow ``current`` -> ``target`` (with ``outcome``), or None."""
    if target in CLOSED_STATUSES and target is S.DECIDED and outcome is None:
        return "decision_needs_outcome"
    if outcome is not None and target is not S.DECIDED:
        return "outcome_needs_decision"
    if target is S.DECIDED and outcome is Outcome.WITHDRAWN and current not in CLOSED_STATUSES:
        return None  # a withdrawal ends any open case
    if target not in NEXT[current]:
        return "transition_not_allowed"
    if current is S.HEARD and target is S.DECIDED and outcome not in AFTER_HEARING:
        return "refusal_needs_intention"
    return None


def next_steps(current: Status) -> list[Status]:
    """The statuses that may follow ``current``, in process order (for the page's choices)."""
    steps = NEXT[current] | ({S.DECIDED} if current not in CLOSED_STATUSES else frozenset())
    return [s for s in Status if s in steps]


def dossier_items_for(
    *, unaccompanied: bool, documents: bool, dublin: bool, family: bool, features: frozenset[str]
) -> list[str]:
    """The dossier items a new application needs before its hearing, from its intake facts."""
    from .glossary import DossierItemKind as D
    from .glossary import Feature as F

    items = [D.IDENTITY_DOCUMENTS, D.MEDICAL_ADVICE]
    if not documents:
        items.append(D.LANGUAGE_ANALYSIS)
    else:
        items.append(D.DOCUMENT_EXAMINATION)
    if unaccompanied:
        items.append(D.GUARDIAN)
        if not documents:
            items.append(D.AGE_ASSESSMENT)
    if dublin:
        items.append(D.DUBLIN_CLAIM)
    if family:
        items.append(D.FAMILY_LINK)
    if F.TRAFFICKING in features:
        items.append(D.TRAFFICKING_CHECK)
    return [i.value for i in items]
