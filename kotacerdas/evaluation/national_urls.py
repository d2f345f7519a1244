"""National evaluator pages (frameworks, rounds, ranking), mounted at /evaluasi/ (config/urls.py)."""

app_name = "evaluation_national"
urlpatterns: list = []
