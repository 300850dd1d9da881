# SPDX-License-Identifier: EUPL-1.2
"""``POST /applications``: register a new application (IND planners and team leads, police).

The V-number travels only in this body: it is pseudonymised by ``register_application`` at
once and never stored, logged or answered. The answer is the new case's reference, status and
version, with ``Location`` naming the case; reading the case needs register access (the police
register applicants but do not read the register).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from verkeerstoren import glossary as g
from verkeerstoren.access import may_register_applications
from verkeerstoren.cases import choices as c
from verkeerstoren.cases.facts import Application, register_application

from .base import ApiView, require
from .bodies import Body
from .etags import etag
from .fields import Code, Day, Flag, Int, Text


class ApplicationBody(Body):
    """The intake facts of one applicant."""

    v_number = Text(
        screen=False, max_length=20, help_text="The V-number; pseudonymised at once, never kept."
    )
    nationality = Text(max_length=3, help_text="ISO 3166-1 alpha-3 code, such as SYR.")
    language = Text(max_length=16, help_text="Hearing language, such as ar or ti.")
    received = Day()
    location = Text(max_length=16, help_text="Location code.")
    kind = Code(choices=c.KINDS, required=False, default=g.CaseKind.FIRST.value)
    gender = Code(choices=c.GENDERS, required=False, default="")
    birth_date = Day(required=False, allow_null=True, default=None)
    unaccompanied = Flag(required=False, default=False)
    family_group = Text(max_length=32, required=False, default="", allow_blank=True)
    family_members = Int(required=False, default=0, min_value=0, max_value=30)
    documents = serializers.ListField(
        child=Code(choices=c.DOCUMENTS), required=False, default=list, max_length=10
    )
    eurodac_hit = Flag(required=False, default=False)
    dublin_indication = Flag(required=False, default=False)
    protection_elsewhere = Flag(required=False, default=False)
    features = serializers.ListField(
        child=Code(choices=c.FEATURES), required=False, default=list, max_length=20
    )
    medical_advice = Code(choices=c.MEDICAL_ADVICE, required=False, default="")
    same_gender_request = Flag(required=False, default=False)


class ApplicationOut(serializers.Serializer):  # type: ignore[misc]
    """The registered case (never the V-number)."""

    reference = serializers.CharField()
    received = serializers.DateField()
    status = serializers.ChoiceField(choices=c.STATUSES)
    version = serializers.IntegerField()


class Applications(ApiView):
    """POST /applications"""

    @extend_schema(
        operation_id="registerApplication",
        summary="Register an application",
        request=ApplicationBody,
        responses={201: ApplicationOut},
    )
    def post(self, request: Request) -> Response:
        require(may_register_applications, request)
        body = ApplicationBody(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(body.validated_data)
        case = register_application(Application(**data), user=request.user, source="api")
        location = request.build_absolute_uri(reverse("api:case", args=[case.reference]))
        return Response(
            ApplicationOut(case).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location, "ETag": etag(case.version)},
        )
