# SPDX-License-Identifier: EUPL-1.2
"""What a report was made from, stored with it: the register's state, the law, the plan, the forecast.

- ``register_stamp``: cases/snapshot.py's stamp of the register's state when it was made;
- ``register_day``: the register's day then; ``regime``: the regime in force on the report's day
  (the law of that day); ``law_version``: a digest of the law engine's rule tables (regimes,
  group extensions, penalty tariffs), so a change of the rules shows in the inputs;
- ``plan_versions``: the plan versions the weekly report compares with (the latest published
  version of each stream that was made on or before the report's day);
- ``forecast_run``: the latest finished forecast that starts on or before the report's day.

A version made again from its stored inputs reads the same plan versions and forecast run.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.db.models import Q

from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.cases.snapshot import register_stamp
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.law.config import DEFAULT_LAW
from verkeerstoren.law.regimes import regime_on
from verkeerstoren.law.tariffs import ADMIN_TARIFFS
from verkeerstoren.plans.models import PlanVersion


def law_version() -> str:
    """A short digest of the rule tables the law engine reads."""
    tables = repr((DEFAULT_LAW.regimes, DEFAULT_LAW.extension_policies, ADMIN_TARIFFS))
    return hashlib.sha256(tables.encode()).hexdigest()[:12]


def plan_versions_on(day: date) -> list[int]:
    """Per stream the latest version published (now or before) that was planned by ``day``."""
    published = PlanVersion.objects.filter(published_at__isnull=False, as_of__lte=day)
    chosen: dict[str, int] = {}
    for pk, stream in published.order_by("-as_of", "-published_at", "-pk").values_list(
        "pk", "stream"
    ):
        chosen.setdefault(stream, pk)
    return sorted(chosen.values())


def forecast_run_on(day: date) -> int | None:
    """The latest finished single forecast whose scenario starts on or before ``day``."""
    done = ForecastRun.objects.filter(
        Q(status=ForecastRun.Status.DONE) & Q(kind=ForecastRun.Kind.FORECAST)
    ).order_by("-finished_at", "-pk")
    # Only the start date of each stored result is read, never the results themselves.
    for pk, start in done.values_list("pk", "result__start_date").iterator(chunk_size=200):
        if isinstance(start, str) and date.fromisoformat(start) <= day:
            return int(pk)
    return None


def gather(day: date, stored: dict[str, Any] | None = None) -> dict[str, Any]:
    """The inputs of a report of ``day``; ``stored`` inputs keep their plan versions and forecast."""
    stored = stored or {}
    plans = stored.get("plan_versions")
    forecast = stored.get("forecast_run", -1)
    return {
        "register_stamp": register_stamp(),
        "register_day": register_as_of().isoformat(),
        "regime": regime_on(day, DEFAULT_LAW.regimes).name,
        "law_version": law_version(),
        "plan_versions": plan_versions_on(day) if plans is None else list(plans),
        "forecast_run": forecast_run_on(day) if forecast == -1 else forecast,
    }
