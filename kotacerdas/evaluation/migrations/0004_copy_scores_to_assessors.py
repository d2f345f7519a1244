"""Existing assessor scores become the own rows of the assessor who last saved them.

The assessor is `scored_by` / `rated_by` (the audit trail's last `evaluation_score.update` author, which the
service wrote at the same time), else the round's first assigned assessor. Each round's lead assessor is its
first assigned assessor. The agreed scores (`ItemScore.score`) stay as they are: with one assessor, the mean is
that assessor's score.
"""

from django.db import migrations


def first_assessors(apps):
    Through = apps.get_model("evaluation", "Round").assessors.through
    first = {}
    for round_id, user_id in Through.objects.order_by("pk").values_list("round_id", "user_id"):
        first.setdefault(round_id, user_id)
    return first


def forwards(apps, schema_editor):
    Round = apps.get_model("evaluation", "Round")
    ItemScore = apps.get_model("evaluation", "ItemScore")
    QuickWinRating = apps.get_model("evaluation", "QuickWinRating")
    AssessorScore = apps.get_model("evaluation", "AssessorScore")
    AssessorRating = apps.get_model("evaluation", "AssessorRating")
    first = first_assessors(apps)
    for round_id, user_id in first.items():
        Round.objects.filter(pk=round_id, lead_assessor__isnull=True).update(lead_assessor_id=user_id)
    rows = []
    for s in ItemScore.objects.filter(score__isnull=False).iterator():
        assessor_id = s.scored_by_id or first.get(s.round_id)
        if assessor_id and not AssessorScore.objects.filter(item_score_id=s.pk, assessor_id=assessor_id).exists():
            rows.append(
                AssessorScore(
                    region_id=s.region_id,
                    item_score_id=s.pk,
                    assessor_id=assessor_id,
                    score=s.score,
                    comment=s.comment,
                    scored_at=s.scored_at,
                )
            )
    AssessorScore.objects.bulk_create(rows, batch_size=500)
    rows = []
    for r in QuickWinRating.objects.iterator():
        if r.innovativeness is None and r.implementation is None and r.benefit is None and not r.comment:
            continue
        assessor_id = r.rated_by_id or first.get(r.round_id)
        if assessor_id and not AssessorRating.objects.filter(rating_id=r.pk, assessor_id=assessor_id).exists():
            rows.append(
                AssessorRating(
                    region_id=r.region_id,
                    rating_id=r.pk,
                    assessor_id=assessor_id,
                    innovativeness=r.innovativeness,
                    implementation=r.implementation,
                    benefit=r.benefit,
                    comment=r.comment,
                    rated_at=r.rated_at,
                )
            )
    AssessorRating.objects.bulk_create(rows, batch_size=500)


def backwards(apps, schema_editor):
    # The agreed scores were never removed; the own rows go with the tables.
    apps.get_model("evaluation", "AssessorScore").objects.all().delete()
    apps.get_model("evaluation", "AssessorRating").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0003_assessor_scores")]

    operations = [migrations.RunPython(forwards, backwards)]
