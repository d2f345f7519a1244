"""Rows stored before input was cleaned lose the characters XML 1.0 cannot carry (kotacerdas.common.text),
so every feed and API answer built from them is well-formed."""

from django.db import migrations

from kotacerdas.common.text import clean_stored_text

TEXT_FIELDS = {
    "Report": ["description", "address", "reporter_name", "reporter_phone"],
    "ReportUpdate": ["text", "internal_note"],
    "ReportCategory": ["name", "name_en", "description"],
    "Holiday": ["name"],
}


def clean_text(apps, schema_editor):
    for model, fields in TEXT_FIELDS.items():
        clean_stored_text(apps.get_model("participation", model), fields, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("participation", "0004_idempotency_scope_fingerprint")]

    operations = [migrations.RunPython(clean_text, migrations.RunPython.noop)]
