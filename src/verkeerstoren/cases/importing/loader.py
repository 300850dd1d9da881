# SPDX-License-Identifier: EUPL-1.2
"""Load validated import tables into the register in one transaction.

Rows are upserted by their natural key, so importing the same files twice changes nothing.
Every created or changed row gets a history record (who, when, before/after) through
django-simple-history's bulk helpers, with the import named as the change reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from verkeerstoren import eventshape
from verkeerstoren import glossary as g
from verkeerstoren.cases import models as m
from verkeerstoren.cases.audit import audited
from verkeerstoren.cases.pseudonym import InvalidVNumber, pseudonymise

from .errors import ImportValidationError, RowError
from .fastinsert import insert_with_history, update_with_history
from .readers import read_tables
from .validate import Row, check_unique, parse_table

Progress = Callable[[str, int, int], None]
BATCH = 2000
STATUS_KEY = ("case_id", "status", "date")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class Context:
    user: Any
    reason: str
    progress: Progress | None
    errors: list[RowError] = field(default_factory=list)
    summary: dict[str, dict[str, int]] = field(default_factory=dict)
    case_ids: dict[str, int] = field(default_factory=dict)  # reference -> id, filled lazily
    # Initial status entries of new cases, written last unless status_history.csv covers them.
    pending_initial: list[dict[str, Any]] = field(default_factory=list)

    def fail_if_errors(self) -> None:
        if self.errors:
            raise ImportValidationError(self.errors)

    def tick(self, label: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(label, done, total)


def import_path(path: Path, user: Any = None, progress: Progress | None = None) -> m.ImportRun:
    """Import every known file under ``path`` and refresh the law figures; all or nothing.

    Raises ImportValidationError (nothing written) when a row is bad.
    """
    tables = read_tables(path)
    errors: list[RowError] = []
    parsed = [(t.spec.name, t.label, parse_table(t, errors)) for t in tables]
    if errors:
        raise ImportValidationError(errors)
    ctx = Context(user=user, reason=f"import {path.name}"[:100], progress=progress)
    with transaction.atomic():
        for name, label, rows in parsed:
            LOADERS[name](ctx, label, rows)
            ctx.fail_if_errors()
        if ctx.pending_initial:
            initial = {(s["case_id"], s["status"], s["date"]): s for s in ctx.pending_initial}
            _insert_missing_facts(
                ctx, "status history (initial)", m.StatusChange, initial, STATUS_KEY
            )
        run = m.ImportRun.objects.create(
            performed_by=user if getattr(user, "pk", None) else None,
            source=str(path.name)[:255],
            summary=ctx.summary,
        )
        # Derived figures follow the facts in the same transaction: if the law refresh fails,
        # the cases roll back with it and the previous register and its figures stay.
        from verkeerstoren.cases.law_figures import refresh_law_figures

        refresh_law_figures()
        _analyze()
        return run


def _analyze() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL).

    Autovacuum analyses a table only some time after it has grown, and until then the query
    planner believes the imported tables are nearly empty: the case list then sorts the whole
    register on disk instead of walking an index.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in apps.get_app_config("cases").get_models():
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


# --- generic upsert ---------------------------------------------------------------------------


def _upsert(
    ctx: Context,
    model: type[models.Model],
    label: str,
    items: list[tuple[Any, dict[str, Any]]],
    existing: dict[Any, Any],
) -> dict[Any, Any]:
    """Create or update ``model`` rows given (key, values by attname); returns key -> id."""
    counts = Counts()
    new: list[dict[str, Any]] = []
    new_keys: list[Any] = []
    changed: list[Any] = []
    changed_fields: set[str] = set()
    for key, values in items:
        row = existing.get(key)
        if row is None:
            new.append(dict(values))
            new_keys.append(key)
            continue
        diff = [name for name, value in values.items() if row[name] != value]
        if diff:
            for name in diff:
                row[name] = values[name]
            changed.append(row)
            changed_fields.update(diff)
            counts.updated += 1
        else:
            counts.unchanged += 1
    ids = {key: row["id"] for key, row in existing.items()}
    total = len(new)
    for start in range(0, total, BATCH):
        chunk = new[start : start + BATCH]
        created = insert_with_history(model, chunk, _user_id(ctx), ctx.reason)
        ids.update(zip(new_keys[start : start + BATCH], created, strict=True))
        ctx.tick(label, start + len(chunk), total)
    counts.created = total
    update_with_history(model, changed, sorted(changed_fields), _user_id(ctx), ctx.reason)
    ctx.summary[label] = counts.as_dict()
    return ids


def _user_id(ctx: Context) -> int | None:
    return getattr(ctx.user, "pk", None)


def _rows(
    model: type[models.Model], key: tuple[str, ...], qs: Any = None
) -> dict[Any, dict[str, Any]]:
    """Existing rows as plain dicts (all columns) by natural key: model instances cost ~30 µs
    each, which dominated a re-import of 100k cases."""
    names = [f.attname for f in model._meta.concrete_fields]
    source = qs if qs is not None else model._default_manager.all()
    single = len(key) == 1
    return {
        (row[key[0]] if single else tuple(row[k] for k in key)): row
        for row in source.values(*names).iterator(chunk_size=10000)
    }


def _codes(model: type[models.Model]) -> dict[Any, dict[str, Any]]:
    return _rows(model, ("code",))


def _ids(model: type[models.Model], attr: str = "code") -> dict[str, int]:
    return dict(model._default_manager.values_list(attr, "id"))


def _ref(
    ctx: Context,
    label: str,
    number: int,
    field_name: str,
    code: str,
    ids: dict[str, int],
    what: str,
) -> int | None:
    found = ids.get(code)
    if found is None:
        ctx.errors.append(RowError(label, number, field_name, f"unknown {what} '{code}'"))
    return found


def _keyed(label: str, rows: list[tuple[int, Row]], key: tuple[str, ...], ctx: Context) -> None:
    check_unique(label, rows, key, ctx.errors)
    ctx.fail_if_errors()


# --- reference data ---------------------------------------------------------------------------


def _upsert_by_code(
    ctx: Context,
    model: type[models.Model],
    label: str,
    rows: list[tuple[int, Row]],
    values: Callable[[int, Row], dict[str, Any]],
) -> None:
    """Upsert a reference table keyed by ``code``: ``values(number, row)`` gives the other
    columns by attname (and adds a RowError for a bad row)."""
    _keyed(label, rows, ("code",), ctx)
    items = [(r["code"], {"code": r["code"], **values(number, r)}) for number, r in rows]
    ctx.fail_if_errors()
    _upsert(ctx, model, label, items, _codes(model))


def _columns(*names: str) -> Callable[[int, Row], dict[str, Any]]:
    """Columns copied from the row as they are."""
    return lambda _, r: {name: r[name] for name in names}


def load_locations(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    def values(_: int, r: Row) -> dict[str, Any]:
        return {"name": r["name"], "has_hearing_rooms": r["has_hearing_rooms"] is not False}

    _upsert_by_code(ctx, m.Location, label, rows, values)


def load_teams(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    locations = _ids(m.Location)

    def values(number: int, r: Row) -> dict[str, Any]:
        loc = _ref(ctx, label, number, "location", r["location"], locations, "location")
        return {
            "name": r["name"],
            "location_id": loc,
            "stream": r["stream"],
            "decision_team": bool(r["decision_team"]),
        }

    _upsert_by_code(ctx, m.Team, label, rows, values)


def load_staff(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    locations, teams = _ids(m.Location), _ids(m.Team)

    def values(number: int, r: Row) -> dict[str, Any]:
        team = _ref(ctx, label, number, "team", r["team"], teams, "team")
        loc = _ref(ctx, label, number, "location", r["location"], locations, "location")
        if r["can_decide"] and r["employment_type"] != g.EmploymentType.IND.value:
            # DOMAIN.md §1.7: the final decision is always taken by (experienced) IND staff.
            ctx.errors.append(RowError(label, number, "can_decide", "only IND staff can decide"))
        return {
            "name": r["name"],
            "team_id": team,
            "location_id": loc,
            "employment_type": r["employment_type"],
            "hours_per_week": r["hours_per_week"],
            "start_date": r["start_date"],
            "can_hear": bool(r["can_hear"]),
            "can_decide": bool(r["can_decide"]),
            "gender": r["gender"] or "",
            "max_hearings_per_day": _or_default(
                r["max_hearings_per_day"], m.Staff, "max_hearings_per_day"
            ),
        }

    _upsert_by_code(ctx, m.Staff, label, rows, values)


def load_competencies(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    _keyed(label, rows, ("staff", "competency"), ctx)
    staff = _ids(m.Staff)
    items = []
    for number, r in rows:
        sid = _ref(ctx, label, number, "staff", r["staff"], staff, "staff member")
        items.append(
            (
                (sid, r["competency"]),
                {"staff_id": sid, "competency": r["competency"], "level": r["level"]},
            )
        )
    ctx.fail_if_errors()
    existing = _rows(m.StaffCompetency, ("staff_id", "competency"))
    _upsert(ctx, m.StaffCompetency, label, items, existing)


def load_absences(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    _keyed(label, rows, ("staff", "start"), ctx)
    staff = _ids(m.Staff)
    items = []
    for number, r in rows:
        sid = _ref(ctx, label, number, "staff", r["staff"], staff, "staff member")
        if r["end"] < r["start"]:
            ctx.errors.append(RowError(label, number, "end", "is before start"))
        items.append(
            (
                (sid, r["start"]),
                {
                    "staff_id": sid,
                    "start": r["start"],
                    "end": r["end"],
                    "reason": r["reason"] or "",
                },
            )
        )
    ctx.fail_if_errors()
    existing = _rows(m.Absence, ("staff_id", "start"))
    _upsert(ctx, m.Absence, label, items, existing)


def load_hearing_rooms(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    locations = _ids(m.Location)

    def values(number: int, r: Row) -> dict[str, Any]:
        loc = _ref(ctx, label, number, "location", r["location"], locations, "location")
        return {
            "location_id": loc,
            "child_friendly": bool(r["child_friendly"]),
            "video": bool(r["video"]),
        }

    _upsert_by_code(ctx, m.HearingRoom, label, rows, values)


def load_interpreters(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    locations = _ids(m.Location)

    def values(number: int, r: Row) -> dict[str, Any]:
        codes = [c for c in (r["locations"] or "").split(";") if c]
        for code in codes:
            _ref(ctx, label, number, "locations", code, locations, "location")
        return {
            "languages": r["languages"],
            "mode": r["mode"],
            "gender": r["gender"],
            "locations": ";".join(codes),
        }

    _upsert_by_code(ctx, m.Interpreter, label, rows, values)


def load_lawyers(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    def values(_: int, r: Row) -> dict[str, Any]:
        return {
            "name": r["name"],
            "max_per_day": _or_default(r["max_per_day"], m.Lawyer, "max_per_day"),
        }

    _upsert_by_code(ctx, m.Lawyer, label, rows, values)


def _or_default(value: Any, model: type[models.Model], name: str) -> Any:
    """An empty optional cell stands for the model field's default."""
    if value is not None:
        return value
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # noqa: S101  # a concrete column, never a relation
    return field.get_default()


def _unavailability(
    ctx: Context,
    label: str,
    rows: list[tuple[int, Row]],
    model: type[models.Model],
    person: str,
    owners: type[models.Model],
) -> None:
    """Slots (or whole days, no slot) a person cannot hear, keyed by person, date and slot."""
    _keyed(label, rows, (person, "date", "slot"), ctx)
    ids = _ids(owners)
    objs: dict[tuple[Any, ...], dict[str, Any]] = {}
    for number, r in rows:
        pid = _ref(ctx, label, number, person, r[person], ids, person)
        objs[(pid, r["date"], r["slot"])] = {
            f"{person}_id": pid, "date": r["date"], "slot": r["slot"],
        }  # fmt: skip
    ctx.fail_if_errors()
    key = (f"{person}_id", "date", "slot")
    have = _rows(model, key)
    new = [values for k, values in objs.items() if k not in have]
    insert_with_history(model, new, _user_id(ctx), ctx.reason)
    ctx.summary[label] = {"created": len(new), "unchanged": len(objs) - len(new)}


def load_interpreter_unavailability(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    _unavailability(ctx, label, rows, m.InterpreterUnavailability, "interpreter", m.Interpreter)


def load_lawyer_unavailability(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    _unavailability(ctx, label, rows, m.LawyerUnavailability, "lawyer", m.Lawyer)


def load_external_firms(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    values = _columns("name", "prep_hours_per_week", "draft_hours_per_week")
    _upsert_by_code(ctx, m.ExternalFirm, label, rows, values)


# --- cases and their facts ----------------------------------------------------------------------

CASE_FIELDS = (
    "reference", "person", "received", "track", "procedure", "kind", "stream", "nationality",
    "language", "family_group", "location_id", "status", "outcome", "complexity",
    "written_hearing_opt_in", "manifestly_unfounded", "gender", "same_gender_request", "lawyer_id",
)  # fmt: skip


def load_cases(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    _keyed(label, rows, ("reference",), ctx)
    locations = _ids(m.Location)
    lawyers = _ids(m.Lawyer)
    items = []
    features: dict[str, list[str]] = {}
    for number, r in rows:
        loc = _ref(ctx, label, number, "location", r["location"], locations, "location")
        lawyer = r["lawyer"] and _ref(ctx, label, number, "lawyer", r["lawyer"], lawyers, "lawyer")
        try:
            person = pseudonymise(r["v_number"])
        except InvalidVNumber as exc:
            ctx.errors.append(RowError(label, number, "v_number", str(exc)))
            person = ""
        if g.is_closed(r["status"]) and not r["outcome"]:
            ctx.errors.append(
                RowError(label, number, "outcome", f"is required with status {r['status']}")
            )
        if r["outcome"] and not g.is_closed(r["status"]):
            ctx.errors.append(RowError(label, number, "outcome", "only allowed once decided"))
        values = {
            "reference": r["reference"],
            "person": person,
            "received": r["received"],
            "track": r["track"],
            "procedure": r["procedure"],
            "kind": r["kind"],
            "stream": r["stream"] or "",
            "nationality": r["nationality"].upper(),
            "language": r["language"],
            "family_group": r["family_group"] or "",
            "location_id": loc,
            "status": r["status"],
            "outcome": r["outcome"] or "",
            "complexity": r["complexity"],
            "written_hearing_opt_in": bool(r["written_hearing_opt_in"]),
            "manifestly_unfounded": bool(r["manifestly_unfounded"]),
            "gender": r["gender"] or "",
            "same_gender_request": bool(r["same_gender_request"]),
            "lawyer_id": lawyer or None,
        }
        items.append((r["reference"], values))
        features[r["reference"]] = r["features"] or []
        if len(ctx.errors) > 200:
            break
    ctx.fail_if_errors()
    existing = _rows(m.Case, ("reference",))
    before = set(existing)
    ctx.case_ids.update(_upsert(ctx, m.Case, label, items, existing))
    _sync_features(ctx, features)
    _initial_status(ctx, [(ctx.case_ids[ref], v) for ref, v in items if ref not in before])


def _sync_features(ctx: Context, wanted: dict[str, list[str]]) -> None:
    ids = [ctx.case_ids[ref] for ref in wanted]
    have: dict[tuple[int, str], int] = {}
    for start in range(0, len(ids), 20000):
        qs = m.CaseFeature.objects.filter(case_id__in=ids[start : start + 20000])
        have.update(
            {(cid, feat): pk for pk, cid, feat in qs.values_list("id", "case_id", "feature")}
        )
    want = {(ctx.case_ids[ref], feat) for ref, feats in wanted.items() for feat in feats}
    new = [{"case_id": cid, "feature": feat} for cid, feat in sorted(want - set(have))]
    insert_with_history(m.CaseFeature, new, _user_id(ctx), ctx.reason)
    gone = [have[k] for k in set(have) - want]
    if gone:
        # Instance deletes, so the history records who removed the feature.
        for obj in m.CaseFeature.objects.filter(id__in=gone):
            with audited(obj, ctx.user, ctx.reason):
                obj.delete()
    ctx.summary["case features"] = {"created": len(new), "deleted": len(gone)}


def _initial_status(ctx: Context, new_cases: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """A new case without a status history gets one entry: its current status on receipt."""
    ctx.pending_initial = [
        {
            "case_id": cid,
            "status": v["status"],
            "outcome": v["outcome"],
            "date": v["received"],
            "source": ctx.reason,
        }
        for cid, v in new_cases
    ]


def _case_id(ctx: Context, label: str, number: int, ref: str) -> int | None:
    if not ctx.case_ids:
        ctx.case_ids.update(_ids(m.Case, "reference"))
    found = ctx.case_ids.get(ref)
    if found is None:
        # May exist from an earlier import that this run did not load.
        found = m.Case.objects.filter(reference=ref).values_list("id", flat=True).first()
        if found is None:
            ctx.errors.append(RowError(label, number, "case", f"unknown case '{ref}'"))
        else:
            ctx.case_ids[ref] = found
    return found


def load_status_history(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    _keyed(label, rows, ("case", "status", "date"), ctx)
    objs: dict[tuple[int, str, Any], dict[str, Any]] = {}
    for number, r in rows:
        cid = _case_id(ctx, label, number, r["case"])
        if cid is None:
            continue
        if r["outcome"] and not g.is_closed(r["status"]):
            ctx.errors.append(
                RowError(label, number, "outcome", "only allowed with decided/closed")
            )
        key = (cid, r["status"], r["date"])
        objs[key] = {
            "case_id": cid, "status": r["status"], "outcome": r["outcome"] or "", "date": r["date"],
            "source": ctx.reason,
        }  # fmt: skip
    ctx.fail_if_errors()
    # The file gives the history of these cases: it replaces the generated initial entry.
    covered = {cid for cid, _, _ in objs}
    ctx.pending_initial = [s for s in ctx.pending_initial if s["case_id"] not in covered]
    _insert_missing_facts(ctx, label, m.StatusChange, objs, STATUS_KEY)


def _insert_missing_facts(
    ctx: Context, label: str, model: type[models.Model], objs: dict[Any, Any], key: tuple[str, ...]
) -> list[Any]:
    """Insert facts whose key is not yet recorded; returns the already-recorded keys' objects."""
    case_ids = sorted({k[0] for k in objs})
    have: dict[Any, Any] = {}
    for start in range(0, len(case_ids), 20000):
        qs = model._default_manager.filter(case_id__in=case_ids[start : start + 20000])
        have.update(_rows(model, key, qs))
    new = [values for k, values in objs.items() if k not in have]
    total = len(new)
    for start in range(0, total, BATCH):
        chunk = new[start : start + BATCH]
        insert_with_history(model, chunk, _user_id(ctx), ctx.reason)
        ctx.tick(label, start + len(chunk), total)
    ctx.summary[label] = {"created": total, "unchanged": len(objs) - total}
    return [have[k] for k in objs if k in have]


EVENT_FIELDS = eventshape.FIELDS


def load_legal_events(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    _keyed(label, rows, ("case", "kind", "date"), ctx)
    objs: dict[tuple[int, str, Any], dict[str, Any]] = {}
    numbers: dict[tuple[int, str, Any], int] = {}
    for number, r in rows:
        cid = _case_id(ctx, label, number, r["case"])
        _check_event(ctx, label, number, r)
        if cid is None:
            continue
        key = (cid, r["kind"], r["date"])
        numbers[key] = number
        objs[key] = {
            "case_id": cid, "kind": r["kind"], "date": r["date"], "source": ctx.reason,
            **{f: r[f] for f in EVENT_FIELDS},
        }  # fmt: skip
    ctx.fail_if_errors()
    for old in _insert_missing_facts(ctx, label, m.LegalEvent, objs, ("case_id", "kind", "date")):
        key = (old["case_id"], old["kind"], old["date"])
        new = objs[key]
        if any(old[f] != new[f] for f in EVENT_FIELDS):
            ctx.errors.append(
                RowError(
                    label,
                    numbers[key],
                    "kind",
                    "this event is already recorded with other values; "
                    "legal events are immutable, record a correcting event instead",
                )
            )
    ctx.fail_if_errors()


def _check_event(ctx: Context, label: str, number: int, r: Row) -> None:
    for name, code in eventshape.problems(r["kind"], r):
        ctx.errors.append(RowError(label, number, name, eventshape.ENGLISH[code]))


def load_dossier_items(ctx: Context, label: str, rows: list[tuple[int, Row]]) -> None:
    _keyed(label, rows, ("case", "kind"), ctx)
    items = []
    for number, r in rows:
        cid = _case_id(ctx, label, number, r["case"])
        if r["done_date"] is not None and not r["done"]:
            ctx.errors.append(RowError(label, number, "done_date", "given but done is false"))
        items.append(
            (
                (cid, r["kind"]),
                {
                    "case_id": cid,
                    "kind": r["kind"],
                    "done": bool(r["done"]),
                    "done_date": r["done_date"],
                },
            )
        )
    ctx.fail_if_errors()
    existing: dict[Any, Any] = {}
    case_ids = sorted({k[0] for k, _ in items if k[0] is not None})
    for start in range(0, len(case_ids), 20000):
        qs = m.DossierItem.objects.filter(case_id__in=case_ids[start : start + 20000])
        existing.update(_rows(m.DossierItem, ("case_id", "kind"), qs))
    _upsert(ctx, m.DossierItem, label, items, existing)


LOADERS: dict[str, Callable[[Context, str, list[tuple[int, Row]]], None]] = {
    "locations": load_locations,
    "teams": load_teams,
    "staff": load_staff,
    "competencies": load_competencies,
    "absences": load_absences,
    "hearing_rooms": load_hearing_rooms,
    "interpreters": load_interpreters,
    "interpreter_unavailability": load_interpreter_unavailability,
    "lawyers": load_lawyers,
    "lawyer_unavailability": load_lawyer_unavailability,
    "external_firms": load_external_firms,
    "cases": load_cases,
    "status_history": load_status_history,
    "legal_events": load_legal_events,
    "dossier_items": load_dossier_items,
}
