# SPDX-License-Identifier: EUPL-1.2
"""``/cases/{reference}/dossier-items``: the back office's checklist of a case.

Read by roles with dossier visibility (never COA or DT&V: the items reveal motives); an item is
completed with ``POST .../dossier-items/{kind}/completion`` (who and when are recorded; the last
open item makes the case ready for hearing, and so for planning).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from verkeerstoren.access import may_record_facts
from verkeerstoren.cases import choices as c
from verkeerstoren.cases.facts import complete_dossier_item
from verkeerstoren.cases.models import DossierItem

from .base import ApiView, case_or_404, current_version, log_case_read, require, require_section
from .bodies import Body
from .cases import IF_MATCH
from .etags import etag, expected_version
from .facts import SOURCE
from .fields import Day


class DossierItemOut(serializers.Serializer):  # type: ignore[misc]
    kind = serializers.ChoiceField(choices=c.DOSSIER_ITEM_KINDS)
    done = serializers.BooleanField()
    done_date = serializers.DateField(allow_null=True)


class CompletionBody(Body):
    """The day the item was completed."""

    date = Day()


class DossierItems(ApiView):
    """GET /cases/{reference}/dossier-items"""

    queryset = DossierItem.objects.none()  # for the schema

    @extend_schema(
        operation_id="listDossierItems",
        summary="The dossier items of a case",
        responses={200: DossierItemOut(many=True)},
    )
    def get(self, request: Request, reference: str) -> Response:
        require_section(request, "dossier")
        case = case_or_404(reference)
        items = list(case.dossier_items.order_by("kind"))
        log_case_read(request, case, "api.case.dossier_items", len(items))
        return Response(DossierItemOut(items, many=True).data)


class DossierCompletion(ApiView):
    """POST /cases/{reference}/dossier-items/{kind}/completion"""

    @extend_schema(
        operation_id="completeDossierItem",
        summary="Mark a dossier item complete",
        request=CompletionBody,
        parameters=[IF_MATCH],
        responses={201: DossierItemOut},
    )
    def post(self, request: Request, reference: str, kind: str) -> Response:
        require(may_record_facts, request)
        case = case_or_404(reference)
        if not case.dossier_items.filter(kind=kind).exists():
            raise NotFound(_("The case has no such dossier item."))
        version = expected_version(request, required=False)
        body = CompletionBody(data=request.data)
        body.is_valid(raise_exception=True)
        item = complete_dossier_item(
            case,
            kind,
            body.validated_data["date"],
            user=request.user,
            expected_version=version,
            source=SOURCE,
        )
        return Response(
            DossierItemOut(item).data,
            status=status.HTTP_201_CREATED,
            headers={"ETag": etag(current_version(case))},
        )
