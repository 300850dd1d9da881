# SPDX-License-Identifier: EUPL-1.2
"""``/cases``: the case list (filters, ordering, pages), one case with its derived law figures
and ETag, and ``PATCH`` of its hearing mode.

The list is ``cases.queries.case_page`` (the web's paging query); each role sees what it sees
in the web app: features only with ``visibility.features``, deadlines and penalties only with
``visibility.legal``, and a role without them may not filter or sort on them either (the order
would reveal them). Every case shown is one access-log row (``api.case.list``, ``api.case.read``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from verkeerstoren.access import may_record_facts, may_view_register, visibility_for
from verkeerstoren.cases import choices as c
from verkeerstoren.cases import queries
from verkeerstoren.cases.access import record_access, record_case_reads
from verkeerstoren.cases.facts import set_hearing_mode
from verkeerstoren.cases.models import Case, LawFigures

from .auth import actor_for_api
from .base import ApiView, case_or_404, require
from .bodies import Body
from .etags import etag, expected_version
from .fields import Code, Flag
from .pagination import Pagination, page_params

INVALID_CHOICE = gettext_lazy(
    "Select a valid choice. That choice is not one of the available choices."
)
# API sort keys -> cases.queries sort keys; the law keys need legal visibility.
SORTS = {
    "received": "received",
    "reference": "reference",
    "status": "status",
    "deadline": "deadline",
    "overdueDays": "overdue_days",
    "exposure": "exposure",
}
LAW_SORTS = frozenset({"deadline", "overdueDays", "exposure"})
LAW_FILTERS = frozenset({"overdue"})
TRUE_FALSE = [("true", "true"), ("false", "false")]


def _choice(choices: list[tuple[str, str]], help_text: str) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        choices=choices, error_messages={"invalid_choice": INVALID_CHOICE}, help_text=help_text
    )


class CaseQuery(django_filters.FilterSet):  # type: ignore[misc]
    """The list's query parameters, validated here and applied by cases.queries."""

    status = _choice(c.STATUSES, "Current status.")
    track = _choice(c.TRACKS, "Track (1 Dublin, 2 safe country, 4 general).")
    stream = _choice(c.STREAMS, "Taskforce or regular stream.")
    kind = _choice(c.KINDS, "Kind of application.")
    location = django_filters.CharFilter(help_text="Location code.")
    overdue = _choice(TRUE_FALSE, "Past its decision deadline (legal visibility only).")
    sort = _choice(
        [(f"{sign}{key}", f"{sign}{key}") for key in SORTS for sign in ("", "-")],
        "Sort key, '-' for descending; deadline, overdueDays and exposure need legal visibility.",
    )

    class Meta:
        model = Case
        fields: ClassVar[list[str]] = []


class LawOut(serializers.Serializer):  # type: ignore[misc]
    """The case's derived law figures (LawFigures, as of ``as_of``): never edited, recomputed."""

    as_of = serializers.DateField()
    regime = serializers.CharField()
    deadline = serializers.DateField()
    overdue_days = serializers.IntegerField()
    notice_received = serializers.DateField(allow_null=True)
    first_penalty_day = serializers.DateField(allow_null=True)
    fixing_decision_due = serializers.DateField(allow_null=True)
    admin_penalty_eur = serializers.FloatField()
    court_penalty_eur = serializers.FloatField()
    penalty_eur = serializers.FloatField()
    penalty_per_day_eur = serializers.FloatField()
    exposure_eur = serializers.FloatField()


def _codes(choices: list[tuple[str, str]]) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices)


def _optional(choices: list[tuple[str, str]]) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, allow_null=True)


class CaseFactsOut(serializers.Serializer):  # type: ignore[misc]
    """The facts of a case that every role with register access sees."""

    reference = serializers.CharField()
    received = serializers.DateField()
    track = _codes(c.TRACKS)
    procedure = _codes(c.PROCEDURES)
    kind = _codes(c.KINDS)
    stream = _optional(c.STREAMS)
    nationality = serializers.CharField()
    language = serializers.CharField()
    location = serializers.CharField(source="location.code")
    status = _codes(c.STATUSES)
    outcome = _optional(c.OUTCOMES)
    complexity = _codes(c.COMPLEXITIES)

    # Optional sections and the visibility that shows them.
    SECTIONS: tuple[tuple[str, str], ...] = ()
    # Codes stored as "" (none) and written as null.
    EMPTY_IS_NULL: tuple[str, ...] = ("stream", "outcome")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        visibility = self.context["visibility"]
        for name, needs in self.SECTIONS:
            if not getattr(visibility, needs):
                self.fields.pop(name, None)
        data: dict[str, Any] = super().to_representation(instance)
        for key in self.EMPTY_IS_NULL:
            data[key] = data[key] or None
        return data


class CaseItemOut(CaseFactsOut):
    """A case in the list; the law columns only for roles with legal visibility."""

    deadline = serializers.DateField(source="law_deadline", required=False, allow_null=True)
    overdue_days = serializers.IntegerField(
        source="law_overdue_days", required=False, allow_null=True
    )
    exposure_eur = serializers.FloatField(
        source="law_exposure_eur", required=False, allow_null=True
    )

    SECTIONS = (("deadline", "legal"), ("overdue_days", "legal"), ("exposure_eur", "legal"))


class CaseOut(CaseFactsOut):
    """One case: its facts, its version (the ETag), and what the role may see of the rest."""

    version = serializers.IntegerField()
    hearing_mode = _optional(c.HEARING_MODES)
    written_hearing_consent = serializers.BooleanField(source="written_hearing_opt_in")
    features = serializers.ListField(
        child=serializers.ChoiceField(choices=c.FEATURES), source="feature_codes", required=False
    )
    law = LawOut(source="law_figures", required=False, allow_null=True)

    SECTIONS = (("features", "features"), ("law", "legal"))
    EMPTY_IS_NULL = ("stream", "outcome", "hearing_mode")


def case_out(case: Case, request: Request) -> dict[str, Any]:
    """The detail representation of ``case`` for the request's user."""
    visibility = visibility_for(request.user)
    if visibility.legal:
        case.law_figures = LawFigures.objects.filter(case=case).first()  # type: ignore[attr-defined]
    data: dict[str, Any] = CaseOut(case, context={"visibility": visibility}).data
    return data


def _log_read(request: Request, case: Case, sections: list[str]) -> None:
    record_access(
        actor_for_api(request),
        "read",
        "case",
        object_ref=case.reference,
        detail=",".join(sections),
        activity="api.case.read",
        subject=case.person,
    )


def _sections(request: Request) -> list[str]:
    visibility = visibility_for(request.user)
    shown = ["facts"]
    if visibility.features:
        shown.append("features")
    if visibility.legal:
        shown.append("law")
    return shown


class CaseList(ApiView):
    """GET /cases"""

    filterset_class = CaseQuery
    pagination_class = Pagination
    queryset = Case.objects.none()  # for the schema: the list is cases.queries.case_page

    def _filters(self, request: Request) -> queries.CaseFilters:
        query = CaseQuery(request.query_params, queryset=Case.objects.none())
        if not query.is_valid():
            raise ValidationError(query.errors)
        data = query.form.cleaned_data
        legal = visibility_for(request.user).legal
        refused = [name for name in LAW_FILTERS if data.get(name)]
        sort = data.get("sort") or ""
        if sort.lstrip("-") in LAW_SORTS:
            refused.append("sort")
        if refused and not legal:
            raise ValidationError({name: [_("Your role may not use this.")] for name in refused})
        key = SORTS.get(sort.lstrip("-"), queries.DEFAULT_SORT)
        overdue = {"true": queries.YES, "false": queries.NO}.get(data.get("overdue") or "", "")
        return queries.CaseFilters(
            status=data.get("status") or "",
            track=data.get("track") or "",
            stream=data.get("stream") or "",
            kind=data.get("kind") or "",
            location=data.get("location") or "",
            overdue=overdue,
            sort=f"-{key}" if sort.startswith("-") else key,
        )

    @extend_schema(
        operation_id="listCases",
        summary="List cases",
        responses={200: CaseItemOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        require(may_view_register, request)
        filters = self._filters(request)
        number, size = page_params(request)
        legal = visibility_for(request.user).legal
        page = queries.case_page(filters, number, size, law=legal)
        if page.number != number:  # case_page gives the last page for one past it
            raise NotFound(_("There is no page %(page)s.") % {"page": number})
        record_case_reads(
            actor_for_api(request),
            "list",
            "api.case.list",
            page.object_list,
            detail=f"{filters.summary()} page={page.number} rows={len(page.object_list)}",
        )
        items = CaseItemOut(
            page.object_list, many=True, context={"visibility": visibility_for(request.user)}
        ).data
        pagination = Pagination()
        pagination.use(page, request)
        return pagination.get_paginated_response(items)


class HearingBody(Body):
    """How the applicant will be heard; ``written`` only with the applicant's consent."""

    hearing_mode = Code(choices=c.HEARING_MODES)
    consent = Flag(
        required=False, default=False, help_text="The applicant consents to a written hearing."
    )


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The case\'s ETag as read, such as "3" (optimistic locking).',
)
IF_MATCH_REQUIRED = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The case\'s ETag as read, such as "3" (optimistic locking).',
)


class CaseDetail(ApiView):
    """GET and PATCH /cases/{reference}"""

    fact_field_names: ClassVar[dict[str, str]] = {"mode": "hearingMode"}

    @extend_schema(operation_id="getCase", summary="Read one case", responses={200: CaseOut})
    def get(self, request: Request, reference: str) -> Response:
        require(may_view_register, request)
        case = case_or_404(reference)
        data = case_out(case, request)
        _log_read(request, case, _sections(request))
        return Response(data, headers={"ETag": etag(case.version)})

    @extend_schema(
        operation_id="updateCase",
        summary="Set the hearing mode",
        request=HearingBody,
        parameters=[IF_MATCH_REQUIRED],
        responses={200: CaseOut},
    )
    def patch(self, request: Request, reference: str) -> Response:
        require(may_record_facts, request)
        case = case_or_404(reference)
        version = expected_version(request, required=True)
        body = HearingBody(data=request.data)
        body.is_valid(raise_exception=True)
        set_hearing_mode(
            case,
            body.validated_data["hearing_mode"],
            consent=body.validated_data["consent"],
            user=request.user,
            expected_version=version,
        )
        case.refresh_from_db()
        data = case_out(case, request)
        _log_read(request, case, _sections(request))
        return Response(data, headers={"ETag": etag(case.version)})
