"""A large dataset is written and served without being held whole: its rows are read from the database in
chunks (of 2,000) and written to the file one at a time, and the CSV is streamed from the file in blocks.
Measured with tracemalloc on a generated plan of 1,000 indicators × 11 yearly targets (11,000 rows, 700 kB of
CSV): writing peaks near 1.8 MB against 5.3 MB to hold the rows, serving near 65 kB in 175 pieces."""

import io
import tracemalloc
from decimal import Decimal

import pytest

from kotacerdas.masterplan.models import Indicator, Target
from kotacerdas.opendata import resources, selectors
from kotacerdas.opendata.models import DatasetBuild

pytestmark = pytest.mark.django_db
INDICATORS, YEARS = 1000, range(2022, 2033)
URL = "/r/luwu-utara/data/masterplan-targets/resource.csv"


class Counter(io.RawIOBase):
    """A binary sink that only counts what is written to it."""

    size = 0

    def writable(self):
        return True

    def write(self, data):
        self.size += len(data)
        return len(data)


def traced(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_csv_is_written_and_streamed_in_pieces(world, client):
    programme, region = world["home_programme"], world["home"]
    indicators = Indicator.objects.bulk_create(
        Indicator(region=region, programme=programme, name=f"Indikator panjang nomor {i:05}", unit="%", order=i)
        for i in range(INDICATORS)
    )
    Target.objects.bulk_create(
        Target(region=region, indicator=ind, year=year, value=Decimal("12.5")) for ind in indicators for year in YEARS
    )
    assert client.get(URL).status_code == 200  # the first request builds the files
    sink = Counter()
    package = selectors.package_for(region=region, key="masterplan-targets")
    written_peak = traced(lambda: resources.write_csv(package, region, sink))
    whole_peak = traced(lambda: list(resources.rows(package, region)))  # what holding every row would take
    seen = {"size": 0, "lines": 0, "chunks": 0}

    def stream():
        response = client.get(URL)
        assert response.streaming
        for chunk in response.streaming_content:
            seen["size"] += len(chunk)
            seen["lines"] += chunk.count(b"\n")
            seen["chunks"] += 1

    served_peak = traced(stream)
    assert seen["lines"] == 1 + 1 + INDICATORS * len(YEARS)  # the header, the world's own target, the generated
    assert seen["size"] == sink.size > 600_000 and seen["chunks"] > 100
    assert written_peak < whole_peak / 2, (written_peak, whole_peak)  # rows read in chunks, never all at once
    assert served_peak < sink.size / 4, (served_peak, sink.size)  # the file is sent in blocks
    assert DatasetBuild.objects.get(region=region, dataset="masterplan-targets").builds == 1
