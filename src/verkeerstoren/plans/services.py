# SPDX-License-Identifier: EUPL-1.2
"""Use cases of planning: start a run, publish a version, add and remove pins.

One function per state change; each records who did it and why (created_by / published_by /
removed_by, and django-simple-history rows for runs, versions and pins via cases.audit).
Validation happens here, before anything is stored: a bad pin raises :class:`PinError` naming
the form field, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.cases.audit import audited
from verkeerstoren.planning.baselines import fifo_order, greedy_plan
from verkeerstoren.planning.model.instance import CARRY_OVER, PlanningInputError, PlanningInstance
from verkeerstoren.planning.model.instance import Case as PlanCase
from verkeerstoren.planning.model.instance import Pin as PlanPin
from verkeerstoren.planning.model.instance import Staff as PlanStaff
from verkeerstoren.planning.model.options import eligible
from verkeerstoren.runs import services as runs

from .models import Pin, PlanRun, PlanVersion
from .register_instance import (
    InstanceParameters,
    build_cases,
    build_firms,
    build_staff,
)
from .tasks import run_plan

MAX_HORIZON_WEEKS = 104
MAX_TIME_LIMIT_S = 600.0
STREAMS = (g.Stream.TASKFORCE.value, g.Stream.REGULAR.value, "all")


class PlanningError(ValueError):
    """A request a planner can correct; ``field`` names the form field (None: the whole form)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class PinError(PlanningError):
    """A pin that cannot be kept (unknown case or officer, or a broken constraint)."""


class PinConflict(PinError):
    """The case was pinned by someone else between the check and the pin."""


class PublishConflict(PlanningError):
    """Another version of the stream was published at the same moment; the planner reloads."""


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# --- runs -------------------------------------------------------------------------------------


def start_plan_run(
    user: Any,
    as_of: date,
    horizon: int,
    stream: str = g.Stream.TASKFORCE.value,
    time_limit: float = 60.0,
    *,
    staff_scope: str = "stream",
    replan_of: PlanVersion | None = None,
) -> PlanRun:
    """Queue a plan run (background task); PlanningError if an input is out of range."""
    if not 1 <= horizon <= MAX_HORIZON_WEEKS:
        raise PlanningError(
            "horizon_weeks", _("Choose between 1 and %(max)s weeks.") % {"max": MAX_HORIZON_WEEKS}
        )
    if not 1 <= time_limit <= MAX_TIME_LIMIT_S:
        raise PlanningError(
            "time_limit",
            _("Choose between 1 and %(max)s seconds.") % {"max": int(MAX_TIME_LIMIT_S)},
        )
    if stream not in STREAMS:
        raise PlanningError("stream", _("Unknown stream."))
    return runs.start(
        PlanRun,
        user,
        run_plan.enqueue,
        as_of=as_of,
        horizon_weeks=horizon,
        stream=stream,
        staff_scope=staff_scope,
        time_limit=time_limit,
        replan_of=replan_of,
    )


def retry_run(run: PlanRun, user: Any) -> PlanRun:
    """A new run with the inputs of a failed ``run`` (which stays failed in the history)."""
    if run.status != PlanRun.Status.FAILED:
        raise PlanningError(None, _("Only a failed run can be tried again."))
    return start_plan_run(
        user,
        run.as_of,
        run.horizon_weeks,
        run.stream,
        run.time_limit,
        staff_scope=run.staff_scope,
        replan_of=run.replan_of,
    )


def replan(version: PlanVersion, user: Any) -> PlanRun:
    """A new run with the inputs of ``version``; it keeps every active pin."""
    return start_plan_run(
        user,
        version.as_of,
        version.horizon_weeks,
        version.stream,
        version.run.time_limit,
        staff_scope=version.run.staff_scope,
        replan_of=version,
    )


# --- publishing -------------------------------------------------------------------------------


def publish(version: PlanVersion, user: Any) -> PlanVersion:
    """Publish a draft; the stream's previously published version becomes superseded.

    The stream's versions are locked first, so publishes of one stream take turns (on SQLite
    the IMMEDIATE transactions do the same); the partial unique index lets the database refuse
    a second published version should one slip past, which becomes :class:`PublishConflict`.
    """
    try:
        with transaction.atomic():
            return _publish(version, user)
    except IntegrityError:
        raise PublishConflict(
            None,
            _(
                "Another version of this stream was published at the same moment; reload the "
                "page to see which plan is published now."
            ),
        ) from None


def _publish(version: PlanVersion, user: Any) -> PlanVersion:
    # Locked in one order (by id), so two publishes never wait for each other's rows.
    locked = PlanVersion.objects.select_for_update().filter(stream=version.stream).order_by("pk")
    version = {v.pk: v for v in locked}[version.pk]
    if version.status != PlanVersion.Status.DRAFT:
        raise PlanningError(None, _("Only a draft can be published."))
    if version.violations:
        raise PlanningError(None, _("This plan breaks planning rules and cannot be published."))
    _supersede_published(version, user)
    version.status = PlanVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = _user(user)
    with audited(version, user, "published"):
        version.save(update_fields=["status", "published_at", "published_by"])
    return version


def _supersede_published(version: PlanVersion, user: Any) -> None:
    for old in PlanVersion.objects.filter(
        stream=version.stream, status=PlanVersion.Status.PUBLISHED
    ):
        old.status = PlanVersion.Status.SUPERSEDED
        with audited(old, user, f"superseded by version {version.pk}"):
            old.save(update_fields=["status"])


# --- pins -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PinContext:
    case: PlanCase
    family: tuple[PlanCase, ...]
    staff: PlanStaff


def add_pin(
    user: Any, version: PlanVersion, case_reference: str, officer_code: str, week: int
) -> Pin:
    """Pin a case to an officer in week ``week`` of ``version``'s plan; PinError if it breaks a
    rule the plan must keep. An earlier active pin of the case is replaced."""
    case = cm.Case.objects.filter(reference=case_reference.strip()).first()
    if case is None:
        raise PinError("case", _("Unknown case reference."))
    if g.is_closed(case.status) or (version.stream != "all" and case.stream != version.stream):
        raise PinError("case", _("This case is not open in the plan's stream."))
    officer = cm.Staff.objects.select_related("team").filter(code=officer_code.strip()).first()
    if officer is None:
        raise PinError("officer", _("Unknown officer code."))
    if not officer.can_decide:
        raise PinError("officer", _("This officer may not decide cases."))
    if (
        version.run.staff_scope != "all"
        and version.stream != "all"
        and officer.team.stream != version.stream
    ):
        raise PinError("officer", _("This officer does not work in the plan's stream."))
    if not 0 <= week < version.horizon_weeks:
        raise PinError(
            "week",
            _("Choose a week from 0 to %(last)s.") % {"last": version.horizon_weeks - 1},
        )
    ctx = _pin_context(version, case, officer, week)
    _check_pin(version, ctx, week)
    week_start = version.week_start(week)
    try:
        # A savepoint when the caller has a transaction open: the refusal leaves it usable.
        with transaction.atomic():
            _close_active_pins(case, user)
            pin = Pin(case=case, officer=officer, week_start=week_start, created_by=_user(user))
            with audited(pin, user, "pinned"):
                pin.save()
    except IntegrityError:
        # Someone pinned the case between our check and our pin (the partial unique index on
        # the active pin of a case refuses the second).
        raise PinConflict(
            "case", _("This case was pinned meanwhile by someone else; reload the page.")
        ) from None
    return pin


def _close_active_pins(case: cm.Case, user: Any) -> None:
    for old in Pin.objects.filter(case=case, removed_at__isnull=True):
        _close(old, user, "replaced by a new pin")


def remove_pin(user: Any, pin: Pin) -> Pin:
    """Close an active pin (kept as a fact with who removed it and when)."""
    with transaction.atomic():
        if pin.removed_at is None:
            _close(pin, user, "removed")
    return pin


def _close(pin: Pin, user: Any, reason: str) -> None:
    pin.removed_at = timezone.now()
    pin.removed_by = _user(user)
    with audited(pin, user, reason):
        pin.save(update_fields=["removed_at", "removed_by"])


def version_parameters(version: PlanVersion) -> InstanceParameters:
    """The instance parameters a version was planned with (its run's staff scope)."""
    return InstanceParameters(staff_scope=version.run.staff_scope)


def _pin_context(version: PlanVersion, case: cm.Case, officer: cm.Staff, week: int) -> _PinContext:
    """The planning view of the pinned case (and its family members) and of the officer."""
    params = version_parameters(version)
    members = cm.Case.objects.filter(pk=case.pk)
    if case.family_group:
        members = cm.Case.objects.exclude(status__in=g.CLOSED_STATUSES).filter(
            family_group=case.family_group, received__lte=version.as_of
        )
        if version.stream != "all":
            members = members.filter(stream=version.stream)
    data = build_cases(members, version.as_of, version.horizon_weeks, params)
    this = next(c for c in data.cases if c.id == case.reference)
    relevant = {code for c in data.cases for code in c.competencies}
    staff, _pks, _teams = build_staff(
        cm.Staff.objects.filter(pk=officer.pk),
        version.as_of,
        version.horizon_weeks,
        params,
        relevant=relevant,
    )
    return _PinContext(this, data.cases, staff[0])


def _check_pin(version: PlanVersion, ctx: _PinContext, week: int) -> None:
    """The rules of docs/formats.md for one pinned case (and its family) with one officer."""
    staff = ctx.staff
    for case in ctx.family:
        if week < case.ready_week:
            raise PinError(
                "week",
                _("The dossier of %(case)s is not complete before week %(week)s.")
                % {"case": case.id, "week": case.ready_week},
            )
        if not any(eligible(staff, case, m) for m in case.modes()):
            raise PinError("officer", _ineligible_message(staff, case))
    week_start = version.week_start(week)
    family_pins = Pin.objects.filter(
        removed_at__isnull=True, case__reference__in=[c.id for c in ctx.family]
    ).exclude(case__reference=ctx.case.id)
    for other in family_pins.select_related("case", "officer"):
        if other.officer.code != staff.id or other.week_start != week_start:
            # The solver would find no plan: a family is decided by one officer in one week.
            raise PinError(
                "officer" if other.officer.code != staff.id else "week",
                _(
                    "Case %(other)s of the same family is pinned to officer %(officer)s in the "
                    "week of %(day)s; family cases are decided together."
                )
                % {
                    "other": other.case.reference,
                    "officer": other.officer.code,
                    "day": other.week_start.isoformat(),
                },
            )
    params = version_parameters(version)
    carry_over = params.capacity_rule == CARRY_OVER
    firms, _firm_pks = build_firms(version.horizon_weeks, params)
    family_ids = [c.id for c in ctx.family]
    # Hours already promised to this officer in this week by other active pins.
    others = Pin.objects.filter(
        removed_at__isnull=True, officer__code=staff.id, week_start=week_start
    ).exclude(case__reference__in=family_ids)
    other_cases: tuple[PlanCase, ...] = ()
    if others.exists():
        other_cases = build_cases(
            cm.Case.objects.filter(pk__in=others.values("case_id")),
            version.as_of,
            version.horizon_weeks,
            params,
            with_family=False,
        ).cases
    pinned = (*ctx.family, *other_cases)
    need = sum(_min_own_hours(c, staff, bool(firms)) for c in pinned)
    if carry_over and staff.hours_in_week(week) <= 0:
        # Work may be done ahead, but the decision is taken in the week itself.
        raise PinError(
            "week",
            _("Officer %(officer)s has 0 hours in week %(week)s and cannot decide cases then.")
            % {"officer": staff.id, "week": week},
        )
    # Under carry_over the pinned cases may also use hours left in the weeks from the earliest
    # ready week on (a necessary condition; the greedy below checks it exactly).
    first = min([week, *(c.ready_week for c in pinned)]) if carry_over else week
    hours = sum(staff.hours_in_week(w) for w in range(first, week + 1))
    if first < week:
        message = _(
            "Officer %(officer)s has %(hours)s hours in weeks %(first)s to %(week)s (hours not "
            "used in a week go to cases decided later); the pinned cases need at least "
            "%(need)s."
        ) % {
            "officer": staff.id,
            "hours": f"{hours:g}",
            "first": first,
            "week": week,
            "need": f"{need:g}",
        }
    else:
        message = _(
            "Officer %(officer)s has %(hours)s hours in week %(week)s; the pinned cases need at "
            "least %(need)s."
        ) % {"officer": staff.id, "hours": f"{hours:g}", "week": week, "need": f"{need:g}"}
    if need > hours + 1e-9:
        raise PinError("week", message)
    # Under carry_over the officer's pins in other weeks share the hours too.
    elsewhere = _pins_elsewhere(version, staff.id, week_start, family_ids) if carry_over else ()
    # The solver places pinned cases first (one by one, else all together: planning.pins). Ask
    # it directly, on just this officer's pins, so a pin it would reject fails here at the
    # field instead of failing the next run.
    mini = PlanningInstance(
        version.horizon_weeks,
        (staff,),
        (*pinned, *(c for c, _w in elsewhere)),
        firms,
        (
            *(PlanPin(c.id, staff.id, week) for c in pinned),
            *(PlanPin(c.id, staff.id, w) for c, w in elsewhere),
        ),
        capacity_rule=params.capacity_rule,
    )
    try:
        greedy_plan(mini, fifo_order(mini))
    except PlanningInputError:
        if carry_over:
            refusal = _(
                "The pinned cases do not fit in the hours officer %(officer)s has up to week "
                "%(week)s, with the officer's other pins (hours not used in a week go to cases "
                "decided later; one hearing mode and one outsourcing choice per case)."
            ) % {"officer": staff.id, "week": week}
        else:
            refusal = _(
                "The pinned cases do not fit in the %(hours)s hours officer %(officer)s has in "
                "week %(week)s (one hearing mode and one outsourcing choice per case)."
            ) % {"officer": staff.id, "hours": f"{hours:g}", "week": week}
        raise PinError("week", refusal) from None


def _pins_elsewhere(
    version: PlanVersion, officer: str, week_start: date, family_ids: list[str]
) -> tuple[tuple[PlanCase, int], ...]:
    """The officer's other active pins in other weeks of the plan: (case, week) each.

    Pins whose case is not ready by its pinned week are left out: they fail the next run
    anyway, whatever this pin does.
    """
    horizon_end = version.week_start(version.horizon_weeks)
    rows = (
        Pin.objects.filter(
            removed_at__isnull=True,
            officer__code=officer,
            week_start__gte=version.as_of,
            week_start__lt=horizon_end,
        )
        .exclude(week_start=week_start)
        .exclude(case__reference__in=family_ids)
        .select_related("case")
    )
    week_of = {p.case.reference: version.week_of(p.week_start) for p in rows}
    if not week_of:
        return ()
    cases = build_cases(
        cm.Case.objects.filter(reference__in=list(week_of)),
        version.as_of,
        version.horizon_weeks,
        version_parameters(version),
        with_family=False,
    ).cases
    return tuple((c, week_of[c.id]) for c in cases if c.ready_week <= week_of[c.id])


def _min_own_hours(case: PlanCase, staff: PlanStaff, firms: bool) -> float:
    """Least officer hours the case can take (preparation and drafting may go to a firm)."""
    best = float("inf")
    for m in case.modes():
        if not eligible(staff, case, m):
            continue
        best = min(best, case.effort[m].own_hours(firms, firms))
    return 0.0 if best == float("inf") else best


def _ineligible_message(staff: PlanStaff, case: PlanCase) -> str:
    """The first rule that keeps this officer from this case, in words a planner can act on."""
    if case.complex and not staff.decision_team:
        return _("Case %(case)s is complex: only decision-team (KDT) officers may take it.") % {
            "case": case.id
        }
    for code, level in sorted(case.competencies.items()):
        if staff.competencies.get(code, 0) < level:
            return _(
                "Officer %(officer)s lacks the competency “%(competency)s” at level %(level)s "
                "needed for case %(case)s."
            ) % {"officer": staff.id, "competency": code, "level": level, "case": case.id}
    if not staff.can_hear and all(case.effort[m]["hear"] > 0 for m in case.modes()):
        return _("Officer %(officer)s may not hold hearings.") % {"officer": staff.id}
    return _(
        "Case %(case)s needs an oral hearing at %(location)s; officer %(officer)s works elsewhere."
    ) % {"case": case.id, "location": case.location, "officer": staff.id}
