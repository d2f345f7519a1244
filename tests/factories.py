"""factory-boy factories shared by every app's tests."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from kotacerdas.masterplan.defaults import dimensions_seed_defaults
from kotacerdas.masterplan.models import Indicator, Masterplan, Programme, Target
from kotacerdas.regions.models import Agency, District, Membership, Region, Village


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pass-1234-word")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"{10 + n // 90:02d}.{10 + n % 90:02d}")
    name = factory.Sequence(lambda n: f"Contoh {n}")
    slug = factory.Sequence(lambda n: f"contoh-{n}")
    province = "Sulawesi Selatan"
    slogan = "BISA"
    slogan_expansion = "Berdaya Saing, Inovatif, Sinergi, Adaptif"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"99.{n // 100:02d}.{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Kecamatan {n}")


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    district = factory.SubFactory(DistrictFactory)
    region = factory.SelfAttribute("district.region")
    code = factory.Sequence(lambda n: f"99.00.00.{2000 + n}")
    name = factory.Sequence(lambda n: f"Desa {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    acronym = factory.Sequence(lambda n: f"DC{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    role = Membership.Role.CITIZEN


class MasterplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Masterplan

    region = factory.SubFactory(RegionFactory)
    title = factory.LazyAttribute(lambda m: f"{m.region.name} Smart City 2022–2032")
    period_start_year = 2022
    period_end_year = 2032
    vision = "Visi contoh"
    missions = "Misi satu\nMisi dua"
    status = Masterplan.Status.ADOPTED


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    masterplan = factory.SubFactory(MasterplanFactory)
    region = factory.SelfAttribute("masterplan.region")
    code = factory.Sequence(lambda n: f"PRG-{n:04d}")
    title = factory.Sequence(lambda n: f"Program {n}")
    dimension = factory.LazyAttribute(lambda p: dimensions_seed_defaults(region=p.region)["governance"])
    owner_agency = factory.LazyAttribute(lambda p: AgencyFactory(region=p.region))
    start_year = 2023
    end_year = 2025
    budget_estimate = Decimal("1500000")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    region = factory.SelfAttribute("programme.region")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "%"
    baseline_value = Decimal("10")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    region = factory.SelfAttribute("indicator.region")
    year = 2024
    value = Decimal("50")
