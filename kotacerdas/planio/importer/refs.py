"""The region's dimensions, elements and agencies as a workbook names them."""

from kotacerdas.masterplan.models import Dimension, Element
from kotacerdas.regions.models import Agency

from ..workbook import normal_text
from ._common import show_value


class Refs:
    """The region's dimensions, elements and agencies by every name a cell may use (3 queries)."""

    def __init__(self, region_id: int):
        self.dimensions: dict[str, Dimension] = {}
        self.dimension_names: dict[int, str] = {}
        for d in Dimension.objects.filter(region_id=region_id):
            for name in (d.name, d.name_en, d.key):
                if name:
                    self.dimensions.setdefault(normal_text(name), d)
            self.dimension_names[d.pk] = d.name
        self.elements: dict[tuple[int, str], Element] = {}
        self.element_names: dict[int, str] = {}
        for e in Element.objects.filter(region_id=region_id):
            for name in (e.name, e.name_en, e.key):
                if name:
                    self.elements.setdefault((e.dimension_id, normal_text(name)), e)
            self.element_names[e.pk] = e.name
        self.agencies: dict[str, Agency] = {}
        self.agency_names: dict[int, str] = {}
        for a in Agency.objects.filter(region_id=region_id):
            self.agencies.setdefault(normal_text(a.acronym), a)
            self.agency_names[a.pk] = a.acronym
        for a in Agency.objects.filter(region_id=region_id):
            self.agencies.setdefault(normal_text(a.name), a)

    def show(self, field_name: str, value) -> str:
        if value is None:
            return ""
        names = {
            "dimension_id": self.dimension_names,
            "element_id": self.element_names,
            "owner_agency_id": self.agency_names,
        }.get(field_name)
        return names.get(value, str(value)) if names is not None else show_value(value)
