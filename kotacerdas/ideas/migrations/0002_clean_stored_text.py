"""Rows stored before input was cleaned lose the characters XML 1.0 cannot carry (kotacerdas.common.text),
so every feed and API answer built from them is well-formed."""

from django.db import migrations

from kotacerdas.common.text import clean_stored_text

TEXT_FIELDS = {
    "Idea": ["title", "description", "status_reason", "hidden_reason"],
    "IdeaComment": ["body", "hidden_reason"],
    "IdeaFlag": ["reason"],
}


def clean_text(apps, schema_editor):
    for model, fields in TEXT_FIELDS.items():
        clean_stored_text(apps.get_model("ideas", model), fields, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(clean_text, migrations.RunPython.noop)]
