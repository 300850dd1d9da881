# SPDX-License-Identifier: EUPL-1.2
"""Access logging of reads of personal data (GDPR art. 9 accountability, DOMAIN.md §4).

Every page, export or API call that shows personal data of a case records who saw what, as a
record of the Logboek Dataverwerkingen standard (docs/decisions/0014-audit-trail.md): the
processing activity (:data:`ACTIVITIES`), the trace id of the request, the actor (user id and
name, roles, hashed session, client address; or the OS user of a CLI command) and, per case, the
case reference and the data subject's pseudonym (``Case.person``). A read of several cases
writes one row per case in one bulk insert. A V-number is never logged. Writes are not logged
here: each write is in the changed model's history, with user and reason (cases.audit).

Callers pass an :class:`Actor` (``actor_for_request``, ``actor_for_cli``), a request, or a bare
user (no request: only the user is known).
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from verkeerstoren.access import roles_of

from .models import AccessLog, Case

# read: one object; list: a page or table naming cases; export: a file of the register.
READS = frozenset({"read", "list", "export"})

# The processing activities (verwerkingsactiviteiten) of the register that read personal data.
ACTIVITIES: dict[str, Any] = {
    "register.case.read": _("Case page"),
    "register.case.list": _("Case list"),
    "register.penalties": _("Upcoming penalties"),
    "register.export": _("Register export"),
    "planning.worklist": _("Officer worklist"),
    "planning.pins": _("Pinned cases"),
    "hearings.schedule": _("Hearing schedule, agenda or room board"),
    "hearings.lawyer": _("Lawyer's hearing planning list"),
    "hearings.transport": _("COA hearing transport list"),
    "dashboards.dtv": _("DT&V dashboard: likely refusals"),
    "intake.table": _("Intake table"),
    "audit.export": _("Audit trail export"),
    "api.case.read": _("API: case"),
    "api.case.list": _("API: case list"),
    "api.case.legal_events": _("API: legal events of a case"),
    "api.case.status_changes": _("API: status history of a case"),
    "api.case.dossier_items": _("API: dossier items of a case"),
    "api.case.hearings": _("API: hearings of a case"),
    "api.plan.assignments": _("API: plan assignments"),
}

WEB = "web"
CLI = "cli"
API = "api"

_DETAIL_MAX = AccessLog._meta.get_field("detail").max_length or 200
_REF_MAX = AccessLog._meta.get_field("object_ref").max_length or 64
_ROLE_MAX = AccessLog._meta.get_field("role").max_length or 200
_OS_USER_MAX = AccessLog._meta.get_field("os_user").max_length or 64
_SESSION_SALT = "verkeerstoren.cases.access.session"
EXPORT_BATCH = 2000  # rows per INSERT when an export logs every case


@dataclass(frozen=True)
class Actor:
    """Who reads and from where: one per request or CLI command."""

    user: Any = None  # the signed-in user, or None
    user_id: int | None = None
    username: str = ""
    role: str = ""  # the user's role names at this moment, comma-separated
    session: str = ""  # keyed hash of the session key, never the key itself
    ip: str | None = None
    trace_id: str = ""
    via: str = ""  # web, cli; empty when neither is known
    os_user: str = ""


def new_trace_id() -> str:
    """A fresh trace id: 16 random bytes as 32 hex digits (the W3C trace-context form)."""
    return uuid.uuid4().hex


def _signed_in(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def _role_names(user: Any) -> str:
    names = sorted(role.value for role in roles_of(user))
    if getattr(user, "is_superuser", False):
        names.insert(0, "superuser")
    return ",".join(names)[:_ROLE_MAX]


def actor_for_user(user: Any, **where: Any) -> Actor:
    """The actor for ``user`` (anonymous and None give no user), with ``where`` (via, ip, ...)."""
    if not _signed_in(user):
        return Actor(**where)
    return Actor(
        user=user,
        user_id=user.pk,
        username=user.get_username(),
        role=_role_names(user),
        **where,
    )


def session_hash(session_key: str | None) -> str:
    """A keyed hash of the session key: links rows of one login without storing the key."""
    if not session_key:
        return ""
    return salted_hmac(_SESSION_SALT, session_key, algorithm="sha256").hexdigest()[:32]


def actor_for_request(request: HttpRequest) -> Actor:
    """The actor of a web request, computed once per request."""
    cached = getattr(request, "_access_actor", None)
    if isinstance(cached, Actor):
        return cached
    from axes.helpers import get_client_ip_address

    trace_id = getattr(request, "trace_id", "") or new_trace_id()
    session = getattr(request, "session", None)
    actor = actor_for_user(
        getattr(request, "user", None),
        session=session_hash(getattr(session, "session_key", None)),
        ip=get_client_ip_address(request) or None,
        trace_id=trace_id,
        via=WEB,
    )
    request._access_actor = actor  # type: ignore[attr-defined]
    return actor


def actor_for_cli(user: Any = None) -> Actor:
    """The actor of a CLI command: the OS account that runs it, one trace id per command."""
    try:
        os_user = getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (some containers)
        os_user = ""
    return actor_for_user(user, via=CLI, os_user=os_user[:_OS_USER_MAX], trace_id=new_trace_id())


def as_actor(who: Any) -> Actor:
    if isinstance(who, Actor):
        return who
    if isinstance(who, HttpRequest):
        return actor_for_request(who)
    return actor_for_user(who)


def _check(action: str, activity: str) -> None:
    if action not in READS:
        raise ValueError(
            f"the access log records reads ({', '.join(sorted(READS))}), not {action!r}"
        )
    if activity and activity not in ACTIVITIES:
        raise ValueError(f"unknown processing activity {activity!r}")


def _row(
    actor: Actor,
    action: str,
    activity: str,
    object_type: str,
    object_ref: str,
    subject: str,
    detail: str,
) -> AccessLog:
    return AccessLog(
        user=actor.user,
        user_id_kept=actor.user_id,
        username=actor.username,
        role=actor.role,
        session=actor.session,
        ip=actor.ip,
        trace_id=actor.trace_id,
        via=actor.via,
        os_user=actor.os_user,
        activity=activity,
        action=action,
        object_type=object_type,
        # Truncate instead of failing: a long filter summary must never block the page view.
        object_ref=object_ref[:_REF_MAX],
        subject=subject,
        detail=detail[:_DETAIL_MAX],
    )


def record_access(
    who: Any,
    action: str,
    object_type: str,
    object_ref: str = "",
    detail: str = "",
    *,
    activity: str = "",
    subject: str = "",
) -> AccessLog:
    """Write one AccessLog row for a read by ``who`` (an Actor, a request or a user)."""
    _check(action, activity)
    row = _row(as_actor(who), action, activity, object_type, object_ref, subject, detail)
    row.save()
    return row


def _pair(case: Any) -> tuple[str, str]:
    if isinstance(case, tuple):
        return case[0], case[1]
    return case.reference, case.person


def record_case_reads(
    who: Any,
    action: str,
    activity: str,
    cases: Iterable[Any],
    detail: str = "",
    *,
    batch_size: int = EXPORT_BATCH,
) -> int:
    """One row per case read (Case objects or (reference, pseudonym) pairs), in bulk inserts.

    Returns the number of rows; no case shown, no row.
    """
    _check(action, activity)
    actor = as_actor(who)
    written = 0
    batch: list[AccessLog] = []
    for case in cases:
        reference, person = _pair(case)
        batch.append(_row(actor, action, activity, "case", reference, person, detail))
        if len(batch) >= batch_size:
            written += len(AccessLog.objects.bulk_create(batch))
            batch = []
    if batch:
        written += len(AccessLog.objects.bulk_create(batch))
    return written


def record_reads_of_references(
    who: Any, action: str, activity: str, references: list[str], detail: str = ""
) -> int:
    """Like :func:`record_case_reads` for a short list of case references (one lookup)."""
    if not references:
        return 0
    persons = dict(Case.objects.filter(reference__in=references).values_list("reference", "person"))
    pairs = [(ref, persons[ref]) for ref in references if ref in persons]
    return record_case_reads(who, action, activity, pairs, detail)
