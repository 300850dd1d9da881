# SPDX-License-Identifier: EUPL-1.2
"""``/forecast-runs``: start a forecast in the background and read its progress and result.

For the IND roles and COA (``access.may_forecast``), as the forecast pages. The scenario is a
document of its own format (docs/formats.md), sent as ``scenario`` or named by ``source`` (an
example such as ``example:tf2020`` or the register, ``register:all``); it is validated by
``forecasts.services`` before anything is stored, so a wrong field is a 400 naming
``scenario.<field>`` and no run. Scenario and result are passed through as they are (their keys
are not camelized).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from verkeerstoren.access import may_forecast
from verkeerstoren.forecast.scenario import MAX_SCENARIO_BYTES, MAX_SCENARIO_DEPTH
from verkeerstoren.forecasts import services
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.forecasts.scenarios import load_source

from .base import ApiView, require
from .bodies import Body
from .fields import Day, Int, Text, Utc
from .pagination import Pagination


class RunOut(serializers.Serializer):  # type: ignore[misc]
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ForecastRun.Kind.choices)
    status = serializers.ChoiceField(choices=ForecastRun.Status.choices)
    progress = serializers.IntegerField()
    replications = serializers.IntegerField()
    target_date = serializers.DateField(allow_null=True)
    created_at = Utc()
    started_at = Utc(allow_null=True)
    finished_at = Utc(allow_null=True)
    error = serializers.CharField(source="error_message")


class RunDetailOut(RunOut):
    scenario = serializers.DictField(help_text="The scenario as run (docs/formats.md).")
    result = serializers.DictField(
        allow_null=True, help_text="Weekly quantiles and summaries once done."
    )


class RunBody(Body):
    """A scenario (or the source of one) and the run's settings."""

    name = Text(max_length=200, required=False, default="", allow_blank=True)
    scenario = serializers.DictField(required=False, help_text="A scenario (docs/formats.md).")
    source = Text(
        max_length=100,
        required=False,
        help_text="example:<name> or register:<scope>, instead of scenario.",
    )
    replications = Int(
        required=False, default=200, min_value=1, max_value=services.MAX_REPLICATIONS
    )
    target_date = Day(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("scenario" in attrs) == ("source" in attrs):
            message = _("Give either a scenario or a source.")
            raise serializers.ValidationError({"scenario": [message], "source": [message]})
        if "source" in attrs:
            try:
                attrs["scenario"] = load_source(attrs.pop("source"))
            except (KeyError, ValueError):
                raise serializers.ValidationError(
                    {"source": [_("There is no scenario source of this name.")]}
                ) from None
        return attrs


class ForecastRuns(ApiView):
    """GET and POST /forecast-runs"""

    pagination_class = Pagination
    queryset = ForecastRun.objects.all()
    # A scenario may be large (MAX_SCENARIO_BYTES) and nests below the body's own object.
    max_body_bytes = MAX_SCENARIO_BYTES + 4096
    max_body_depth = MAX_SCENARIO_DEPTH + 1

    @extend_schema(
        operation_id="listForecastRuns",
        summary="List forecast runs, newest first",
        responses={200: RunOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        require(may_forecast, request)
        pagination = Pagination()
        rows = pagination.paginate_queryset(ForecastRun.objects.order_by("-pk"), request, self)
        return pagination.get_paginated_response(RunOut(rows, many=True).data)

    @extend_schema(
        operation_id="startForecastRun",
        summary="Start a forecast run",
        request=RunBody,
        responses={201: RunDetailOut},
    )
    def post(self, request: Request) -> Response:
        require(may_forecast, request)
        body = RunBody(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        run = services.start_forecast(
            data["scenario"],
            request.user,
            data["name"],
            replications=data["replications"],
            target_date=data["target_date"],
        )
        location = request.build_absolute_uri(reverse("api:forecast-run", args=[run.pk]))
        return Response(
            RunDetailOut(run).data, status=status.HTTP_201_CREATED, headers={"Location": location}
        )


class ForecastRunDetail(ApiView):
    """GET /forecast-runs/{id}"""

    @extend_schema(
        operation_id="getForecastRun",
        summary="Read one forecast run",
        responses={200: RunDetailOut},
    )
    def get(self, request: Request, pk: int) -> Response:
        require(may_forecast, request)
        run = ForecastRun.objects.filter(pk=pk).first()
        if run is None:
            raise NotFound(_("There is no forecast run with this id."))
        return Response(RunDetailOut(run).data)
