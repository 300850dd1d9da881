# SPDX-License-Identifier: EUPL-1.2
"""The run lifecycle (runs.models.Run): error code and params, a status history with one row
for each existing run."""

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
        ("forecasts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="forecastrun",
            name="error_code",
            field=models.CharField(blank=True, max_length=32, verbose_name="error code"),
        ),
        migrations.AddField(
            model_name="forecastrun",
            name="error_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="error parameters"),
        ),
        migrations.CreateModel(
            name="HistoricalForecastRun",
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
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[("forecast", "Forecast"), ("comparison", "Comparison")],
                        default="forecast",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("replications", models.PositiveIntegerField(verbose_name="replications")),
                (
                    "target_date",
                    models.DateField(blank=True, null=True, verbose_name="target date"),
                ),
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
            ],
            options={
                "verbose_name": "historical forecast run",
                "verbose_name_plural": "historical forecast runs",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(
            record_existing(
                "forecasts", "ForecastRun", ("scenario", "scenario_b", "result", "progress")
            ),
            migrations.RunPython.noop,
        ),
    ]
