# SPDX-License-Identifier: EUPL-1.2
"""The wording of every refusal code, in the request's language (Dutch by default)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def word(code: str) -> str:
    """The message for a refusal code of eventshape, process or the facts services."""
    texts = {
        # eventshape
        "unknown_kind": _("This is not a known kind of legal event."),
        "required": _("This field is required."),
        "not_for_kind": _("This field does not apply to this kind of event."),
        "daily_and_cap_together": _("A daily amount and a cap go together."),
        "end_before_start": _("The end lies before the start."),
        "sent_after_received": _("The notice cannot be sent after it was received."),
        "months_range": _("An extension is between 1 and 15 months."),
        "term_range": _("A decision term is between 1 and 730 days."),
        "amount_range": _("The amount must be between 0 and 100,000 euros."),
        "cap_below_daily": _("The cap is below the daily amount."),
        "unknown_outcome": _("This is not a decision outcome."),
        # process
        "decision_needs_outcome": _("A decision needs an outcome."),
        "outcome_needs_decision": _("Only a decision has an outcome."),
        "transition_not_allowed": _(
            "The process does not allow this step from the current status."
        ),
        "refusal_needs_intention": _("A refusal needs an intention first."),
        "unknown_status": _("This is not a known status."),
        # history
        "before_application": _("This date lies before the application was received."),
        "in_future": _("This date lies after the register's day."),
        "before_last_status": _("This date lies before the last status change."),
        "after_decision": _("The case was decided before this date."),
        "already_decided": _("The case is already decided; correct the decision instead."),
        "already_recorded": _("An event of this kind on this date is already recorded."),
        "already_superseded": _("This event has already been corrected."),
        "not_this_case": _("This event belongs to another case."),
        "reason_required": _("Give a reason."),
        "retraction_has_no_fields": _("A retraction changes no fields."),
        "correction_same_kind": _("A correction keeps the kind of the event it corrects."),
        # intake and back office
        "invalid_v_number": _("This is not a valid V-number."),
        "duplicate_reference": _("A case with this reference exists."),
        "unknown_location": _("This is not a known location."),
        "unknown_code": _("This is not a known code."),
        "birth_after_received": _("The date of birth lies after the application."),
        "too_old": _("This date of birth gives an age over 120 years."),
        "unaccompanied_adult": _("An unaccompanied minor is under 18 on the day of application."),
        "written_needs_consent": _("A written hearing needs the applicant's recorded consent."),
        "item_done": _("This dossier item is already complete."),
        "unknown_item": _("The case has no such dossier item."),
        # intake table
        "not_the_routed_location": _("IND routed this case to another location."),
    }
    return texts.get(code, code)
