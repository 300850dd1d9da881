# SPDX-License-Identifier: EUPL-1.2
"""``/plan-versions`` (their figures and assignments) and ``/team-targets``: the plans, read-only.

For the IND roles, as the planning pages (``access.may_view_planning``). Assignments name cases,
so each page of them is logged as a read of those cases (``api.plan.assignments``). The team
targets are those of the published version of each stream, with the progress known on the
register's day (``cases.law_figures.register_as_of``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from verkeerstoren.access import may_view_planning
from verkeerstoren.cases.access import record_case_reads
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.plans.models import STREAM_CHOICES, PlanAssignment, PlanVersion
from verkeerstoren.plans.targets import team_targets

from .auth import actor_for_api
from .base import ApiView, require
from .cases import INVALID_CHOICE
from .fields import Utc
from .pagination import Pagination


def _choice(choices: Any, help_text: str) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        choices=choices, error_messages={"invalid_choice": INVALID_CHOICE}, help_text=help_text
    )


class VersionQuery(django_filters.FilterSet):  # type: ignore[misc]
    status = _choice(PlanVersion.Status.choices, "Draft, published or superseded.")
    stream = _choice(STREAM_CHOICES, "The stream the version plans.")

    class Meta:
        model = PlanVersion
        fields: ClassVar[list[str]] = []


class PlanVersionOut(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=PlanVersion.Status.choices)
    stream = serializers.ChoiceField(choices=STREAM_CHOICES)
    as_of = serializers.DateField()
    horizon_weeks = serializers.IntegerField()
    created_at = Utc()
    published_at = Utc(allow_null=True)
    cost = serializers.FloatField()
    lower_bound = serializers.FloatField()
    gap_pct = serializers.FloatField()
    expected_penalty_eur = serializers.FloatField()
    late_days = serializers.FloatField()
    fifo_penalty_eur = serializers.FloatField()
    edf_penalty_eur = serializers.FloatField()
    case_count = serializers.IntegerField()
    planned_count = serializers.IntegerField()
    staff_count = serializers.IntegerField()
    violations = serializers.IntegerField(source="violation_count")

    def to_representation(self, instance: PlanVersion) -> dict[str, Any]:
        instance.violation_count = len(instance.violations or [])  # type: ignore[attr-defined]
        data: dict[str, Any] = super().to_representation(instance)
        return data


def _version_or_404(pk: int) -> PlanVersion:
    version = PlanVersion.objects.filter(pk=pk).first()
    if version is None:
        raise NotFound(_("There is no plan version with this id."))
    return version


class PlanVersions(ApiView):
    """GET /plan-versions"""

    filterset_class = VersionQuery
    pagination_class = Pagination
    queryset = PlanVersion.objects.all()

    @extend_schema(
        operation_id="listPlanVersions",
        summary="List plan versions, newest first",
        responses={200: PlanVersionOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        require(may_view_planning, request)
        query = VersionQuery(request.query_params, queryset=PlanVersion.objects.order_by("-pk"))
        if not query.is_valid():
            raise ValidationError(query.errors)
        pagination = Pagination()
        rows = pagination.paginate_queryset(query.qs, request, self)
        return pagination.get_paginated_response(PlanVersionOut(rows, many=True).data)


class PlanVersionDetail(ApiView):
    """GET /plan-versions/{id}"""

    @extend_schema(
        operation_id="getPlanVersion",
        summary="Read one plan version",
        responses={200: PlanVersionOut},
    )
    def get(self, request: Request, pk: int) -> Response:
        require(may_view_planning, request)
        return Response(PlanVersionOut(_version_or_404(pk)).data)


class AssignmentQuery(django_filters.FilterSet):  # type: ignore[misc]
    officer = django_filters.CharFilter(field_name="officer__code", help_text="Officer code.")
    team = django_filters.CharFilter(field_name="team__code", help_text="Team code.")
    week = django_filters.NumberFilter(
        min_value=0, max_value=520, help_text="Plan week (0 starts on the version's as-of date)."
    )

    class Meta:
        model = PlanAssignment
        fields: ClassVar[list[str]] = []


class AssignmentOut(serializers.Serializer):  # type: ignore[misc]
    case = serializers.CharField(source="case.reference")
    officer = serializers.CharField(source="officer.code", allow_null=True)
    team = serializers.CharField(source="team.code", allow_null=True)
    week = serializers.IntegerField(allow_null=True)
    week_start = serializers.DateField(allow_null=True)
    mode = serializers.CharField(allow_null=True)
    prepare_by = serializers.CharField(source="prepare_by.code", allow_null=True)
    draft_by = serializers.CharField(source="draft_by.code", allow_null=True)
    officer_hours = serializers.FloatField()
    pinned = serializers.BooleanField()

    def to_representation(self, instance: PlanAssignment) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        data["mode"] = data["mode"] or None
        return data


class Assignments(ApiView):
    """GET /plan-versions/{id}/assignments"""

    filterset_class = AssignmentQuery
    pagination_class = Pagination
    queryset = PlanAssignment.objects.all()

    def _rows(self, request: Request, version: PlanVersion) -> QuerySet[PlanAssignment]:
        rows = (
            PlanAssignment.objects.filter(version=version)
            .select_related("case", "officer", "team", "prepare_by", "draft_by", "version")
            .order_by("week", "case__reference")
        )
        query = AssignmentQuery(request.query_params, queryset=rows)
        if not query.is_valid():
            raise ValidationError(query.errors)
        result: QuerySet[PlanAssignment] = query.qs
        return result

    @extend_schema(
        operation_id="listAssignments",
        summary="Where a plan version puts each case",
        responses={200: AssignmentOut(many=True)},
    )
    def get(self, request: Request, pk: int) -> Response:
        require(may_view_planning, request)
        version = _version_or_404(pk)
        pagination = Pagination()
        rows = pagination.paginate_queryset(self._rows(request, version), request, self)
        record_case_reads(
            actor_for_api(request),
            "list",
            "api.plan.assignments",
            [a.case for a in rows],
            detail=f"version {version.pk} page={pagination.page.number} rows={len(rows)}",
        )
        return pagination.get_paginated_response(AssignmentOut(rows, many=True).data)


class TeamOut(serializers.Serializer):  # type: ignore[misc]
    code = serializers.CharField()
    name = serializers.CharField()
    decision_team = serializers.BooleanField()
    targets = serializers.ListField(child=serializers.IntegerField())
    actual = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    total = serializers.IntegerField()
    target_to_date = serializers.IntegerField()
    actual_to_date = serializers.IntegerField()
    difference = serializers.IntegerField()


class WeekOut(serializers.Serializer):  # type: ignore[misc]
    week = serializers.IntegerField()
    start = serializers.DateField()


class PlanTargetsOut(serializers.Serializer):  # type: ignore[misc]
    plan_version = serializers.IntegerField()
    stream = serializers.ChoiceField(choices=STREAM_CHOICES)
    as_of = serializers.DateField()
    weeks = WeekOut(many=True)
    totals = serializers.ListField(child=serializers.IntegerField())
    teams = TeamOut(many=True)


class TeamTargetsOut(serializers.Serializer):  # type: ignore[misc]
    register_day = serializers.DateField()
    plans = PlanTargetsOut(many=True)


class TeamTargets(ApiView):
    """GET /team-targets"""

    query_params = ("stream",)

    @extend_schema(
        operation_id="getTeamTargets",
        summary="Team targets of the published plans, with progress on the register's day",
        parameters=[
            OpenApiParameter(
                "stream",
                str,
                enum=[code for code, _label in STREAM_CHOICES],
                description="Only the published plan of this stream.",
            )
        ],
        responses={200: TeamTargetsOut},
    )
    def get(self, request: Request) -> Response:
        require(may_view_planning, request)
        stream = request.query_params.get("stream")
        versions = PlanVersion.objects.filter(status=PlanVersion.Status.PUBLISHED).order_by(
            "stream"
        )
        if stream is not None:
            if stream not in dict(STREAM_CHOICES):
                raise ValidationError({"stream": [str(INVALID_CHOICE)]})
            versions = versions.filter(stream=stream)
        today = register_as_of()
        plans = []
        for version in versions:
            targets = team_targets(version, today)
            plans.append(
                {
                    "plan_version": version.pk,
                    "stream": version.stream,
                    "as_of": version.as_of,
                    "weeks": [{"week": w, "start": start} for w, start in targets.weeks],
                    "totals": list(targets.totals),
                    "teams": [
                        {
                            "code": r.code,
                            "name": r.name,
                            "decision_team": r.decision_team,
                            "targets": list(r.targets),
                            "actual": list(r.actual),
                            "total": r.total,
                            "target_to_date": r.target_to_date,
                            "actual_to_date": r.actual_to_date,
                            "difference": r.difference,
                        }
                        for r in targets.rows
                    ],
                }
            )
        return Response(TeamTargetsOut({"register_day": today, "plans": plans}).data)
