"""Platform texts stored in the writer's language are shown in the reader's (issue #16, both languages)."""

from django.utils import translation

from kotacerdas.common.i18n import in_reader_language
from kotacerdas.participation.models import RECEIVED_TEXT


def test_a_stored_platform_text_is_shown_in_the_reader_language():
    stored = "Aduan diterima dan diteruskan ke Dinas Pekerjaan Umum (PU)."
    with translation.override("en"):
        assert in_reader_language(stored, RECEIVED_TEXT) == "Report received and routed to Dinas Pekerjaan Umum (PU)."
    with translation.override("id"):
        assert in_reader_language(stored, RECEIVED_TEXT) == stored
        english = "Report received and routed to Dinas Sosial."
        assert in_reader_language(english, RECEIVED_TEXT) == "Aduan diterima dan diteruskan ke Dinas Sosial."


def test_other_words_stay_as_written():
    with translation.override("en"):
        assert in_reader_language("Jalan sudah diperbaiki.", RECEIVED_TEXT) == "Jalan sudah diperbaiki."
        assert in_reader_language("", RECEIVED_TEXT) == ""
