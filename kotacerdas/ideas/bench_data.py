"""Bulk data for `make bench`: many ideas inserted fast, bypassing the services on purpose (no audit rows,
no notifications) — for measuring pages, never for real data."""

import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from kotacerdas.masterplan.models import Dimension

from .models import Idea

WORDS = [
    "layanan",
    "desa",
    "digital",
    "warga",
    "pasar",
    "sekolah",
    "puskesmas",
    "jalan",
    "air",
    "bersih",
    "sampah",
    "wisata",
    "kopi",
    "kakao",
    "petani",
    "nelayan",
    "aplikasi",
    "informasi",
    "peta",
    "jadwal",
    "antrean",
    "lampu",
    "sinyal",
    "banjir",
]


def generate_ideas(region, n: int, *, batch_size: int = 5000, author=None, seed: int = 7) -> int:
    """Insert `n` ideas in the region with bulk_create in batches; statuses, dimensions, support counts and
    creation times vary so filters and sorting behave as with real data. Returns the number inserted."""
    rng = random.Random(seed)  # noqa: S311 (bench data, not security)
    dimensions = list(Dimension.objects.filter(region=region).values_list("pk", flat=True))
    if not dimensions:
        raise ValueError("The region has no dimensions; seed them first.")
    if author is None:
        author, _created = get_user_model().objects.get_or_create(username="bench.ideas", defaults={"is_active": False})
    statuses = Idea.Status.values
    now = timezone.now()
    inserted = 0
    while inserted < n:
        rows = []
        for _i in range(min(batch_size, n - inserted)):
            title = " ".join(rng.choices(WORDS, k=5)).capitalize()
            status = rng.choice(statuses)
            rows.append(
                Idea(
                    region=region,
                    title=title,
                    description=" ".join(rng.choices(WORDS, k=40)),
                    dimension_id=rng.choice(dimensions),
                    author=author,
                    status=status,
                    status_reason="bench" if status == Idea.Status.REJECTED else "",
                    support_count=int(rng.paretovariate(1.5)) - 1,
                    comment_count=rng.randrange(5),
                )
            )
        created = Idea.objects.bulk_create(rows, batch_size=1000)
        # auto_now_add stamps one time; spread creation times over three years so "newest" means something.
        for idea in created[:: max(1, len(created) // 50)]:
            Idea.objects.filter(pk=idea.pk).update(
                created_at=now - timezone.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            )
        inserted += len(created)
    return inserted
