# SPDX-License-Identifier: EUPL-1.2
"""On PostgreSQL the database itself refuses UPDATE and DELETE of access-log rows.

The one change allowed is the one Django makes when an account is deleted: ``user_id`` set to
NULL (ON DELETE SET NULL) with every other column unchanged; ``user_id_kept`` and ``username``
keep who it was. On SQLite the model and its queryset refuse changes (cases.models.AccessLog).
"""

from django.db import migrations

CREATE = [
    """
CREATE FUNCTION cases_accesslog_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.user_id IS NOT NULL AND NEW.user_id IS NULL
       AND (to_jsonb(NEW) - 'user_id') = (to_jsonb(OLD) - 'user_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'cases_accesslog is append-only: % refused', TG_OP;
END;
$$
""",
    """
CREATE TRIGGER cases_accesslog_append_only
    BEFORE UPDATE OR DELETE ON cases_accesslog
    FOR EACH ROW EXECUTE FUNCTION cases_accesslog_append_only()
""",
]

DROP = [
    "DROP TRIGGER IF EXISTS cases_accesslog_append_only ON cases_accesslog",
    "DROP FUNCTION IF EXISTS cases_accesslog_append_only()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                # Without parameters, so that the RAISE's '%' is not read as a placeholder.
                schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_access_log_trail"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
