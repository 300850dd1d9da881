# SPDX-License-Identifier: EUPL-1.2
"""``/cases/{reference}/legal-events`` and ``/cases/{reference}/status-changes``: read a case's
legal facts and record new ones through ``cases.facts``.

A legal event is never edited: a correction is a new event with ``supersedes`` (the event's id)
and a ``reason``, or ``retraction: true`` when the event should not have been recorded at all;
both stay in the list (``inForce`` says which the law reads). Each write may carry ``If-Match``
with the case's ETag; the answer carries the case's new ETag.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from verkeerstoren import eventshape
from verkeerstoren.access import may_record_facts
from verkeerstoren.cases import choices as c
from verkeerstoren.cases.facts import change_status, correct_legal_event, record_legal_event
from verkeerstoren.cases.models import LegalEvent, StatusChange
from verkeerstoren.hearings.services import check_status_change

from .base import ApiView, case_or_404, current_version, log_case_read, require, require_section
from .bodies import Body
from .cases import IF_MATCH
from .etags import etag, expected_version
from .fields import Amount, Code, Day, Flag, Int, Text, Utc

SOURCE = "api"
EVENT_FIELDS = (*eventshape.FIELDS, "outcome")


class LegalEventOut(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=c.LEGAL_EVENT_KINDS)
    date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    months = serializers.IntegerField(allow_null=True)
    sent_date = serializers.DateField(allow_null=True)
    decision_term_days = serializers.IntegerField(allow_null=True)
    daily_eur = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    cap_eur = serializers.DecimalField(
        max_digits=10, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    outcome = serializers.ChoiceField(choices=c.OUTCOMES, allow_null=True)
    reason = serializers.CharField()
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    retraction = serializers.BooleanField()
    in_force = serializers.BooleanField()
    recorded_at = Utc()
    source = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        data["outcome"] = data["outcome"] or None
        return data


class LegalEventBody(Body):
    """A new legal event, or (with ``supersedes``) a correction or retraction of one."""

    kind = Code(choices=c.LEGAL_EVENT_KINDS, required=False)
    date = Day(required=False)
    end_date = Day(required=False, allow_null=True)
    months = Int(required=False, allow_null=True)
    sent_date = Day(required=False, allow_null=True)
    decision_term_days = Int(required=False, allow_null=True)
    daily_eur = Amount(required=False, allow_null=True, max_digits=8)
    cap_eur = Amount(required=False, allow_null=True)
    outcome = Code(choices=c.OUTCOMES, required=False)
    reason = Text(max_length=200, required=False, allow_blank=True)
    supersedes = Int(
        required=False, min_value=1, help_text="The id of the event this one corrects or retracts."
    )
    retraction = Flag(required=False, default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        problems: dict[str, list[str]] = {}
        if "supersedes" not in attrs:
            for name in ("kind", "date"):
                if name not in attrs:
                    problems[name] = [_("This field is required.")]
            if attrs.get("retraction"):
                problems["retraction"] = [
                    _("A retraction names the event it retracts in supersedes.")
                ]
        if problems:
            raise serializers.ValidationError(problems)
        return attrs


def _event_out(event: LegalEvent) -> dict[str, Any]:
    event.in_force = not event.retraction  # type: ignore[attr-defined]  # a new event is in force
    data: dict[str, Any] = LegalEventOut(event).data
    return data


class LegalEvents(ApiView):
    """GET and POST /cases/{reference}/legal-events"""

    queryset = LegalEvent.objects.none()  # for the schema

    fact_field_names: ClassVar[dict[str, str]] = {"event": "supersedes"}

    @extend_schema(
        operation_id="listLegalEvents",
        summary="The legal events of a case, corrections included",
        responses={200: LegalEventOut(many=True)},
    )
    def get(self, request: Request, reference: str) -> Response:
        require_section(request, "legal")
        case = case_or_404(reference)
        events = list(case.legal_events.order_by("date", "pk"))
        in_force = {e.pk for e in LegalEvent.in_force_of(events)}
        for event in events:
            event.in_force = event.pk in in_force  # type: ignore[attr-defined]
        log_case_read(request, case, "api.case.legal_events", len(events))
        return Response(LegalEventOut(events, many=True).data)

    @extend_schema(
        operation_id="recordLegalEvent",
        summary="Record a legal event, or correct or retract one",
        request=LegalEventBody,
        parameters=[IF_MATCH],
        responses={201: LegalEventOut},
    )
    def post(self, request: Request, reference: str) -> Response:
        require(may_record_facts, request)
        case = case_or_404(reference)
        version = expected_version(request, required=False)
        body = LegalEventBody(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        reason = data.pop("reason", "")
        retract = data.pop("retraction", False)
        if "supersedes" in data:
            original = LegalEvent.objects.filter(pk=data.pop("supersedes"), case=case).first()
            if original is None:
                raise serializers.ValidationError(
                    {"supersedes": [_("This case has no legal event with this id.")]}
                )
            if "date" in data:
                data["on"] = data.pop("date")
            event = correct_legal_event(
                case,
                original,
                reason,
                user=request.user,
                expected_version=version,
                retract=retract,
                source=SOURCE,
                **data,
            )
        else:
            fields = {name: data[name] for name in EVENT_FIELDS if name in data}
            event = record_legal_event(
                case,
                data["kind"],
                data["date"],
                user=request.user,
                expected_version=version,
                reason=reason,
                source=SOURCE,
                **fields,
            )
        return Response(
            _event_out(event),
            status=status.HTTP_201_CREATED,
            headers={"ETag": etag(current_version(case))},
        )


class StatusChangeOut(serializers.Serializer):  # type: ignore[misc]
    status = serializers.ChoiceField(choices=c.STATUSES)
    date = serializers.DateField()
    outcome = serializers.ChoiceField(choices=c.OUTCOMES, allow_null=True)
    recorded_at = Utc()
    source = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        data["outcome"] = data["outcome"] or None
        return data


class StatusChangeBody(Body):
    """The next status along the process model; a decision needs an outcome."""

    status = Code(choices=c.STATUSES)
    date = Day()
    outcome = Code(choices=c.OUTCOMES, required=False, default="")


class StatusChanges(ApiView):
    """GET and POST /cases/{reference}/status-changes"""

    queryset = StatusChange.objects.none()  # for the schema

    @extend_schema(
        operation_id="listStatusChanges",
        summary="The status history of a case",
        responses={200: StatusChangeOut(many=True)},
    )
    def get(self, request: Request, reference: str) -> Response:
        require_section(request, "history")
        case = case_or_404(reference)
        changes = list(case.status_history.order_by("date", "pk"))
        log_case_read(request, case, "api.case.status_changes", len(changes))
        return Response(StatusChangeOut(changes, many=True).data)

    @extend_schema(
        operation_id="changeStatus",
        summary="Move a case to its next status",
        request=StatusChangeBody,
        parameters=[IF_MATCH],
        responses={201: StatusChangeOut},
    )
    def post(self, request: Request, reference: str) -> Response:
        require(may_record_facts, request)
        case = case_or_404(reference)
        version = expected_version(request, required=False)
        body = StatusChangeBody(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        check_status_change(case, data["status"])
        change: StatusChange = change_status(
            case,
            data["status"],
            data["date"],
            user=request.user,
            outcome=data["outcome"],
            expected_version=version,
            source=SOURCE,
        )
        return Response(
            StatusChangeOut(change).data,
            status=status.HTTP_201_CREATED,
            headers={"ETag": etag(current_version(case))},
        )
