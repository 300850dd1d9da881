# SPDX-License-Identifier: EUPL-1.2
"""The background task: build the register instance, solve it, check it, store the version.

Status changes go through runs.services (queued → running → done/failed, with history). Stages
are written to the run row as they start (outside any transaction: the worker runs in autocommit
mode), so the polling page can say what is happening while the solver works; a heartbeat thread
(runs.services.keep_alive) tells the watchdog the worker is alive. The version and its
assignments commit together with the run's "done", so no partial plan is ever visible.
"""

from __future__ import annotations

from typing import Any

import structlog
from django.db import transaction
from django.utils.translation import gettext_noop
from django_tasks import task

from verkeerstoren.cases.audit import audited
from verkeerstoren.planning.baselines import baseline_plans
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import PlanningInputError
from verkeerstoren.planning.model.plan import Plan, PlanResult
from verkeerstoren.planning.solve import solve_plan
from verkeerstoren.runs import services as runs
from verkeerstoren.runs.models import WORKER_LOST

from .models import PlanAssignment, PlanRun, PlanVersion
from .reasons import explain
from .register_instance import InstanceParameters, RegisterInstance, build_register_instance

logger = structlog.get_logger(__name__)

SEED = 0  # fixed: the same register and pins give the same plan (when solved within the limit)


def _stage(run_id: int, stage: str) -> None:
    # Progress within "running", not a transition: no history row.
    PlanRun.objects.filter(pk=run_id).update(stage=stage)


def execute_run(run_id: int) -> PlanVersion | None:
    """Run a queued plan run; the version, or None when the instance cannot be planned."""
    # The worker side of the lifecycle: runs whose worker stopped are failed here, not by pages.
    runs.fail_stalled(PlanRun)
    try:
        run = runs.mark_running(PlanRun.objects.get(pk=run_id), stage="building")
    except runs.RunTransitionError:
        return None  # a re-delivered task must not redo (or overwrite) a finished run
    try:
        with runs.keep_alive(run):
            version = _compute(run)
    except PlanningInputError as exc:
        # Not a defect: the register and pins admit no plan. The planner reads why on the page,
        # in their own language: the code and params are kept to translate it then.
        _fail(run, str(exc), code=exc.code, params=exc.params)
        return None
    except runs.RunTransitionError:
        # Failed as stalled while it worked (far past its time limit): its result is dropped.
        logger.warning("plan_run_no_longer_running", run_id=run_id)
        return None
    except Exception as exc:
        logger.exception("plan_run_failed", run_id=run_id)
        _fail(run, str(exc))
        raise
    except BaseException:
        # The worker is being stopped mid-run (a second Ctrl+C or SIGTERM): the run is lost.
        _fail(run, "The worker was stopped during the run.", code=WORKER_LOST)
        raise
    return version


def _fail(run: PlanRun, error: str, **details: Any) -> None:
    try:
        runs.fail(run, error, **details)
    except runs.RunTransitionError:
        # Failed as stalled while it worked: it stays failed with that reason.
        logger.warning("plan_run_no_longer_running", run_id=run.pk)


def _compute(run: PlanRun) -> PlanVersion:
    params = InstanceParameters(staff_scope=run.staff_scope)
    built = build_register_instance(run.as_of, run.horizon_weeks, run.stream, params)
    inst = built.instance
    if not inst.cases:
        # Stored in English (the msgid); the page shows it in the reader's language.
        raise PlanningInputError(
            gettext_noop("There are no open cases to plan in this stream on this date.")
        )
    if not any(s.can_decide for s in inst.staff):
        raise PlanningInputError(
            gettext_noop("There are no officers who may decide in this stream.")
        )
    _stage(run.pk, "baselines")
    baselines = baseline_plans(inst)
    _stage(run.pk, "solving")
    result = solve_plan(inst, time_limit=run.time_limit, seed=SEED, baselines=baselines)
    _stage(run.pk, "checking")
    violations = check_plan(inst, result.plan.assignments, result.cost)
    reasons = explain(built, result.plan)
    _stage(run.pk, "storing")
    return _store(run, built, result, baselines, violations, reasons)


def _store(
    run: PlanRun,
    built: RegisterInstance,
    result: PlanResult,
    baselines: dict[str, Plan],
    violations: list[str],
    reasons: list[list[dict[str, Any]]],
) -> PlanVersion:
    inst = built.instance
    plan = result.plan
    penalty, late = built.figures(plan.assignments)
    fifo_penalty, fifo_late = built.figures(baselines["fifo"].assignments)
    edf_penalty, edf_late = built.figures(baselines["edf"].assignments)
    pinned = {p.case for p in inst.pins}
    with transaction.atomic():
        version = PlanVersion(
            run=run,
            as_of=run.as_of,
            horizon_weeks=run.horizon_weeks,
            stream=run.stream,
            created_by=run.created_by,
            cost=plan.cost,
            lower_bound=result.lower_bound,
            gap_pct=result.gap_pct,
            seconds=result.seconds,
            solver_status=result.status,
            fifo_cost=baselines["fifo"].cost,
            edf_cost=baselines["edf"].cost,
            expected_penalty_eur=penalty,
            late_days=late,
            fifo_penalty_eur=fifo_penalty,
            fifo_late_days=fifo_late,
            edf_penalty_eur=edf_penalty,
            edf_late_days=edf_late,
            case_count=len(inst.cases),
            planned_count=sum(a.week is not None for a in plan.assignments),
            staff_count=len(inst.staff),
            violations=violations,
            ignored_pins=list(built.ignored_pins),
            parameters=built.parameters.as_dict(),
        )
        with audited(version, run.created_by, f"plan run {run.pk}"):
            version.save()
        rows = []
        for i, (case, a, why) in enumerate(zip(inst.cases, plan.assignments, reasons, strict=True)):
            planned = a.officer is not None and a.week is not None and a.mode is not None
            own = 0.0
            cost = case.cost_beyond
            if planned and a.mode is not None and a.week is not None:
                own = case.effort[a.mode].own_hours(bool(a.prepare_by), bool(a.draft_by))
                cost = case.cost_by_week[a.week]
            rows.append(
                PlanAssignment(
                    version=version,
                    case_id=built.case_pk[case.id],
                    officer_id=built.staff_pk[a.officer] if a.officer else None,
                    team_id=built.staff_team[a.officer] if a.officer else None,
                    week=a.week,
                    # No mode to show when the hearing is behind the case already.
                    mode=(a.mode or "") if planned and built.hearing_left[i] else "",
                    prepare_by_id=built.firm_pk[a.prepare_by] if a.prepare_by else None,
                    draft_by_id=built.firm_pk[a.draft_by] if a.draft_by else None,
                    officer_hours=round(own, 2),
                    cost=round(cost, 2),
                    pinned=case.id in pinned,
                    reasons=why,
                )
            )
        PlanAssignment.objects.bulk_create(rows, batch_size=2000)
        # Done in the same transaction: a run that may not finish stores no version.
        runs.finish(run)
    return version


@task()
def run_plan(run_id: int) -> None:
    """Background entry point (Django Tasks): see :func:`execute_run`."""
    execute_run(run_id)
