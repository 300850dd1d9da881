# SPDX-License-Identifier: EUPL-1.2
"""``/cases/{reference}/hearings``: the case's hearings in the schedules in force.

Read by the IND roles (access.may_view_hearings): a hearing names the officer's location and
day; status ``scheduled``, ``unscheduled`` (the week had no room for it), ``held`` or
``cancelled``; a written hearing has a due date instead of a day and slot.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from verkeerstoren.access import may_view_hearings
from verkeerstoren.hearings.models import Hearing
from verkeerstoren.hearings.queries import in_force

from .base import ApiView, case_or_404, log_case_read, require


class HearingOut(serializers.Serializer):  # type: ignore[misc]
    status = serializers.ChoiceField(choices=Hearing.Status.choices)
    mode = serializers.CharField()
    week_start = serializers.DateField(source="run.week_start")
    day = serializers.DateField(allow_null=True)
    slot = serializers.IntegerField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    location = serializers.CharField(source="location.code")
    room = serializers.CharField(source="room.code", allow_null=True, default=None)


class CaseHearings(ApiView):
    """GET /cases/{reference}/hearings"""

    queryset = Hearing.objects.none()  # for the schema

    @extend_schema(
        operation_id="listCaseHearings",
        summary="The hearings of a case in the schedules in force",
        responses={200: HearingOut(many=True)},
    )
    def get(self, request: Request, reference: str) -> Response:
        require(may_view_hearings, request)
        case = case_or_404(reference)
        rows = list(in_force().filter(case=case).order_by("run__week_start"))
        log_case_read(request, case, "api.case.hearings", len(rows))
        return Response(HearingOut(rows, many=True).data)
