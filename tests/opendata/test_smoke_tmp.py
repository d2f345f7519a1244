import time

import pytest

from kotacerdas.demo.loader import load_demo


@pytest.mark.django_db
def test_smoke(client):
    t = time.time()
    load_demo()
    print("demo", time.time() - t)
    r = client.get("/r/luwu-utara/data/")
    assert r.status_code == 200, r.content[:3000]
    from kotacerdas.opendata.datasets import DATASETS

    for d in DATASETS:
        r = client.get(f"/r/luwu-utara/data/{d.key}/")
        assert r.status_code == 200, (d.key, r.content[:3000])
        for fmt in ("csv", "xlsx", "json"):
            r = client.get(f"/r/luwu-utara/data/{d.key}/resource.{fmt}")
            assert r.status_code == 200
            body = b"".join(r.streaming_content) if r.streaming else r.content
            if fmt == "csv":
                print(d.key, body[:300].decode())
        for fmt in ("ttl", "rdf", "jsonld"):
            assert client.get(f"/r/luwu-utara/data/{d.key}/dataset.{fmt}").status_code == 200
    r = client.get('/api/3/action/package_search?q=aduan&facet.field=["organization","res_format"]&rows=2')
    print(r.json()["result"]["count"], r.json()["result"]["facets"])
    r = client.get("/catalog.ttl")
    assert r.status_code == 200
