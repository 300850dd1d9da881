# SPDX-License-Identifier: EUPL-1.2
"""Request bodies: lowerCamelCase keys, every unknown key refused by name.

A :class:`Body` serializer declares its fields in snake_case like any serializer; the client
sends them in lowerCamelCase (the schema says so, through drf-spectacular's camel-case hook).
A key that is not a field is a 400 naming it (a key that looks like a V-number is named as
``[V-number]``), so a misspelt field is never silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from verkeerstoren.identifiers import redact

from .problems import camel


class Body(serializers.Serializer):  # type: ignore[misc]
    """A JSON object body whose keys are the lowerCamelCase names of the fields."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({"body": [_("The body must be a JSON object.")]})
        known = {camel(name): name for name, field in self.fields.items() if not field.read_only}
        unknown = [key for key in data if key not in known]
        if unknown:
            raise serializers.ValidationError(
                {redact(str(key)): [_("This field is not known.")] for key in unknown}
            )
        try:
            return super().to_internal_value({known[key]: value for key, value in data.items()})
        except serializers.ValidationError as exc:
            detail = exc.detail
            if isinstance(detail, dict):
                detail = {camel(str(k)): v for k, v in detail.items()}
            raise serializers.ValidationError(detail) from None
