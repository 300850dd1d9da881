# SPDX-License-Identifier: EUPL-1.2
"""The abstract run: queued → running → done or failed, with when, by whom and why it failed.

A concrete run adds its inputs and output, a ``history = HistoricalRecords(...)`` (the status
history the services write) and ``allowed_duration``: how long it may run at most. A running run
counts as stalled (its worker stopped without finishing it) when its heartbeat is older than
``settings.RUN_HEARTBEAT_TIMEOUT`` or it has run longer than it may.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# error_code of a run failed because its worker stopped sending heartbeats (killed, crashed,
# machine restarted); the page shows the message in the reader's language.
WORKER_LOST = "worker_lost"
RUN_ERROR_MESSAGES = {
    WORKER_LOST: gettext_noop(
        "The run stopped without a result: the background worker running it was killed or "
        "crashed. Nothing of it was kept; try again."
    ),
}


class Run(models.Model):
    """One background job; its status changes only through ``runs.services``."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Last sign of life of the worker running it (runs.services.keep_alive writes it).
    heartbeat_at = models.DateTimeField(_("heartbeat at"), null=True, blank=True)
    # English text, or a message id the app wrote; with error_code (a code of the engine that
    # failed) the page shows the code's message with error_params instead.
    error = models.TextField(_("error"), blank=True)
    error_code = models.CharField(_("error code"), max_length=32, blank=True)
    error_params = models.JSONField(_("error parameters"), default=dict, blank=True)

    # error_code -> message id (English, with %(name)s params), translated when shown.
    error_messages: ClassVar[dict[str, str]] = {}
    # Fields reset when the run finishes or fails (e.g. the stage a plan run was in).
    cleared_when_finished: ClassVar[dict[str, Any]] = {}

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def allowed_duration(self) -> timedelta:
        """How long the run may be running before its worker counts as stopped."""
        raise NotImplementedError

    def is_stalled(self, now: datetime) -> bool:
        """Running, but its worker has stopped: no heartbeat for too long, or over its time."""
        return self.heartbeat_lost(now) or self.overran(now)

    def heartbeat_lost(self, now: datetime) -> bool:
        """Running without a heartbeat for longer than ``RUN_HEARTBEAT_TIMEOUT`` seconds."""
        last = self.heartbeat_at or self.started_at
        return (
            self.status == self.Status.RUNNING
            and last is not None
            and last + timedelta(seconds=settings.RUN_HEARTBEAT_TIMEOUT) < now
        )

    def overran(self, now: datetime) -> bool:
        """Running for longer than any run of its kind takes (a worker stuck on it)."""
        return (
            self.status == self.Status.RUNNING
            and self.started_at is not None
            and self.started_at + self.allowed_duration() < now
        )

    @property
    def looks_stalled(self) -> bool:
        """For pages: the run says "running" but its worker has stopped (read-only check)."""
        return self.is_stalled(timezone.now())

    @property
    def error_message(self) -> str:
        """Why the run failed, in the active language (unknown codes: the stored text)."""
        msgid = self.error_messages.get(self.error_code)
        if msgid is None:
            msgid = RUN_ERROR_MESSAGES.get(self.error_code)
        if msgid is not None:
            params: dict[str, str | int] = self.error_params
            try:
                return gettext(msgid) % params
            except (KeyError, TypeError, ValueError):
                pass  # params stored by an older release: the English text still says it all
        # gettext("") would return the catalogue header.
        return gettext(self.error) if self.error else ""
