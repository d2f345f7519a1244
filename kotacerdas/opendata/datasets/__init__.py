"""Every dataset a region publishes, in catalogue order (docs/opendata.md)."""

from .base import Column, Dataset, frequency_label
from .people import DATASETS as PEOPLE
from .plan import DATASETS as PLAN
from .registry import DATASETS as REGISTRY

DATASETS: tuple[Dataset, ...] = (*PLAN, *PEOPLE, *REGISTRY)
BY_KEY = {d.key: d for d in DATASETS}

__all__ = ["BY_KEY", "DATASETS", "Column", "Dataset", "frequency_label"]
