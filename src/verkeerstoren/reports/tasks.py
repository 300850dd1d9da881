# SPDX-License-Identifier: EUPL-1.2
"""The background task: compute a queued report version and render its files.

Status changes go through runs.services (queued → running → done/failed, with history); progress
goes straight to the version row, so its page shows it while the worker works; a heartbeat thread
(runs.services.keep_alive) tells the watchdog the worker is alive. The files and the figures are
stored together with the "done" transition: a version is never visible half made.
"""

from __future__ import annotations

import hashlib

import structlog
from django.db import transaction
from django_tasks import task

from verkeerstoren.runs import services as runs
from verkeerstoren.runs.models import WORKER_LOST

from .build import Request, compute
from .models import ReportFile, ReportVersion
from .periods import Kind, parse
from .render import FORMATS, LANGUAGES, render

logger = structlog.get_logger(__name__)


def _progress(version_id: int, percent: int) -> None:
    # Progress within "running", not a transition: no history row. Not after the end.
    finished = (ReportVersion.Status.DONE, ReportVersion.Status.FAILED)
    ReportVersion.objects.filter(pk=version_id).exclude(status__in=finished).update(
        progress=percent
    )


def execute(version_id: int) -> None:
    """Make a queued report version: figures, then every format in every language."""
    runs.fail_stalled(ReportVersion)
    try:
        version = runs.mark_running(ReportVersion.objects.get(pk=version_id), progress=0)
    except runs.RunTransitionError:
        return  # a re-delivered task must not redo (or overwrite) a finished version
    try:
        with runs.keep_alive(version):
            period = parse(Kind(version.kind), version.period)
            report = compute(Request(Kind(version.kind), period, version.as_of))
            _progress(version_id, 20)
            files: list[tuple[str, str, bytes]] = []
            steps = len(FORMATS) * len(LANGUAGES)
            for fmt in FORMATS:
                for language in LANGUAGES:
                    files.append((fmt, language, render(report, fmt, language)))
                    _progress(version_id, 20 + 75 * len(files) // steps)
    except Exception as exc:
        logger.exception("report_failed", version_id=version_id)
        _fail(version, str(exc))
        raise
    except BaseException:
        _fail(version, "The worker was stopped during the run.", code=WORKER_LOST)
        raise
    try:
        with transaction.atomic():
            for fmt, language, content in files:
                ReportFile.objects.create(
                    version_id=version_id,
                    format=fmt,
                    language=language,
                    content=content,
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                )
            runs.finish(version, progress=100, inputs=report.inputs, figures=report.to_json())
    except runs.RunTransitionError:
        # Failed as stalled while it worked: it stays failed, and the late files are dropped.
        logger.warning("report_no_longer_running", version_id=version_id)


def _fail(version: ReportVersion, error: str, code: str = "") -> None:
    try:
        runs.fail(version, error, code=code)
    except runs.RunTransitionError:
        logger.warning("report_no_longer_running", version_id=version.pk)


@task()
def make_report(version_id: int) -> None:
    """Background entry point (Django Tasks): see :func:`execute`."""
    execute(version_id)
