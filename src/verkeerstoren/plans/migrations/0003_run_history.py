# SPDX-License-Identifier: EUPL-1.2
"""The run lifecycle (runs.models.Run): a status history, with one row for each existing run."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def record_existing(app: str, model: str, excluded: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """One history row per run that predates the history: its status as it stands."""

    def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
        run_model = apps.get_model(app, model)
        history_model = apps.get_model(app, f"Historical{model}")
        names = [f.attname for f in run_model._meta.concrete_fields if f.name not in excluded]
        rows = [
            history_model(
                **{name: getattr(run, name) for name in names},
                history_date=run.finished_at or run.started_at or run.created_at,
                history_type="+",
                history_change_reason=f"{run.status} (before the run history)",
            )
            for run in run_model.objects.iterator()
        ]
        history_model.objects.bulk_create(rows, batch_size=500)

    return forward


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_planrun_error_code_params"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalPlanRun",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("done", "Done"),
                            ("failed", "Failed"),
                        ],
                        db_index=True,
                        default="queued",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("task_id", models.CharField(blank=True, max_length=64, verbose_name="task id")),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created at"),
                ),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="started at"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
                ),
                ("error", models.TextField(blank=True, verbose_name="error")),
                (
                    "error_code",
                    models.CharField(blank=True, max_length=32, verbose_name="error code"),
                ),
                (
                    "error_params",
                    models.JSONField(blank=True, default=dict, verbose_name="error parameters"),
                ),
                ("as_of", models.DateField(verbose_name="as of")),
                ("horizon_weeks", models.PositiveSmallIntegerField(verbose_name="horizon (weeks)")),
                (
                    "stream",
                    models.CharField(
                        choices=[
                            ("taskforce", "Taskforce"),
                            ("regular", "Regular"),
                            ("all", "All streams"),
                        ],
                        max_length=16,
                        verbose_name="stream",
                    ),
                ),
                (
                    "staff_scope",
                    models.CharField(default="stream", max_length=16, verbose_name="staff"),
                ),
                ("time_limit", models.FloatField(verbose_name="time limit (seconds)")),
                ("stage", models.CharField(blank=True, max_length=16, verbose_name="stage")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "replan_of",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.planversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical plan run",
                "verbose_name_plural": "historical plan runs",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(record_existing("plans", "PlanRun", ()), migrations.RunPython.noop),
    ]
