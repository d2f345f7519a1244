"""Illustrative surveys for the Luwu Utara demo: a closed public satisfaction survey (SKM) of the e-KTP
service with 60 invented responses, and closed impact surveys of two 2023 quick wins with responses in 2023
(the evaluation demo reads their score). Deterministic (fixed seed), through the services, once."""

import datetime
import random

from django.utils import timezone

from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Agency
from kotacerdas.surveys import services
from kotacerdas.surveys.elements import ELEMENT_KEYS
from kotacerdas.surveys.models import Survey, SurveyResponse

# Typical answers per element (weights of ratings 1..4): most people satisfied, waiting time and
# complaint handling weaker.
SKM_WEIGHTS = {
    "u1": (1, 4, 30, 25),
    "u2": (1, 6, 32, 21),
    "u3": (3, 14, 30, 13),
    "u4": (0, 2, 18, 40),
    "u5": (1, 5, 32, 22),
    "u6": (0, 4, 30, 26),
    "u7": (0, 3, 25, 32),
    "u8": (4, 14, 28, 14),
    "u9": (1, 8, 33, 18),
}
IMPACT = [("GOV-01", (2, 6, 20, 12)), ("LIV-01", (3, 9, 16, 7))]


def _at(rng, start: datetime.date, days: int) -> datetime.datetime:
    day = start + datetime.timedelta(days=rng.randrange(days))
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, rng.randrange(8, 16), rng.randrange(60)))


def _pick(rng, weights) -> int:
    return rng.choices((1, 2, 3, 4), weights=weights)[0]


def load_demo_surveys(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    if Survey.objects.filter(region=region).exists():
        return
    rng = random.Random(14_2017)  # noqa: S311 (illustrative data, not security)
    agency = Agency.objects.filter(region=region, acronym="Disdukcapil").first()
    start = datetime.date(2024, 7, 1)
    skm = services.survey_create(
        actor=admin,
        region=region,
        kind=Survey.Kind.SKM,
        title="Survei Kepuasan Masyarakat layanan KTP elektronik 2024",
        title_en="Public satisfaction survey of the e-KTP service 2024",
        description="Survei ilustratif untuk demo (data contoh).",
        service_name="Perekaman dan pencetakan KTP elektronik",
        agency=agency,
        opens_on=start,
        closes_on=datetime.date(2024, 9, 30),
    )
    for i in range(60):
        answers = {key: _pick(rng, SKM_WEIGHTS[key]) for key in ELEMENT_KEYS}
        answers["gender"] = rng.choice(["m", "f"])
        answers["age_group"] = rng.choice([c for c, _l in SurveyResponse.AgeGroup.choices])
        answers["education"] = rng.choice(["smp", "sma", "sma", "diploma", "s1"])
        answers["occupation"] = rng.choice(["pns", "swasta", "wirausaha", "lainnya", "lainnya"])
        if i % 12 == 0:
            answers["suggestion"] = "Mohon tambah loket pada hari Senin, antrean panjang. (contoh)"
        services.response_submit(
            survey=skm,
            answers=answers,
            session_key=f"demo-skm-{i}",
            today=start,
            submitted_at=_at(rng, start, 90),
        )
    # An open survey to try the answer sheet: the current year, a few answers, results not public yet.
    today = timezone.localdate()
    current = services.survey_create(
        actor=admin,
        region=region,
        kind=Survey.Kind.SKM,
        title=f"Survei Kepuasan Masyarakat Mal Pelayanan Publik {today.year}",
        title_en=f"Public satisfaction survey of the public service mall {today.year}",
        description="Survei ilustratif untuk demo: silakan mencoba mengisi (data contoh).",
        service_name="Mal Pelayanan Publik",
        agency=Agency.objects.filter(region=region, acronym="DPMPTSP").first(),
        opens_on=datetime.date(today.year, 1, 1),
        closes_on=datetime.date(today.year, 12, 31),
    )
    for i in range(8):
        services.response_submit(
            survey=current,
            answers={key: _pick(rng, SKM_WEIGHTS[key]) for key in ELEMENT_KEYS},
            session_key=f"demo-skm-current-{i}",
            today=today,
        )
    programmes = {p.code: p for p in Programme.objects.filter(region=region, is_quick_win=True)}
    impact_start = datetime.date(2023, 9, 1)
    for code, weights in IMPACT:
        programme = programmes.get(code)
        if programme is None:
            continue
        survey = services.survey_create(
            actor=admin,
            region=region,
            kind=Survey.Kind.IMPACT,
            title=f"Survei dampak quick win {programme.code}: {programme.title}",
            title_en=f"Quick-win impact survey {programme.code}: {programme.title_en or programme.title}",
            description="Survei ilustratif untuk demo (data contoh).",
            programme=programme,
            opens_on=impact_start,
            closes_on=datetime.date(2023, 12, 15),
        )
        for i in range(sum(weights)):
            services.response_submit(
                survey=survey,
                answers={"impact": _pick(rng, weights)},
                session_key=f"demo-impact-{code}-{i}",
                today=impact_start,
                submitted_at=_at(rng, impact_start, 100),
            )
