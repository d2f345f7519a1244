"""Private files: one storage for every private FileField, following PRIVATE_MEDIA_ROOT when it changes."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models

from kotacerdas.common.storage import private_storage

PRIVATE_FIELDS = {
    "collaboration.Agreement.document",
    "collaboration.Contribution.evidence_file",
    "evaluation.ItemEvidence.file",
    "innovation.InnovationEvidence.file",
    "literacy.Material.file",
    "monitoring.Evidence.file",
    "monitoring.ExportJob.file",
    "planio.PlanJob.upload",
    "planio.PlanJob.file",
    "planio.PlanJob.parsed",
}


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and model.__module__.startswith("kotacerdas."):
                yield f"{model._meta.label}.{field.name}", field


def test_every_private_field_names_the_one_storage():
    private = {name for name, field in _file_fields() if getattr(field, "_storage_callable", None) is private_storage}
    assert private == PRIVATE_FIELDS


@pytest.mark.parametrize("name", sorted(PRIVATE_FIELDS))
def test_a_changed_private_media_root_is_honoured(name, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"
    field = dict(_file_fields())[name]
    saved = field.storage.save("probe/note.txt", ContentFile(b"rahasia"))
    assert (tmp_path / "elsewhere" / saved).read_bytes() == b"rahasia"
    assert field.storage.path(saved).startswith(str(tmp_path))
