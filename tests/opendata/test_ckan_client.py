"""The CKAN Action API as a real client sees it: the `ckanapi` package (RemoteCKAN and its `dump` command)
against a served instance with the Luwu Utara demo, and every resource it lists downloaded."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from ckanapi import NotFound, RemoteCKAN, ValidationError
from openpyxl import load_workbook

from kotacerdas.demo.loader import load_demo
from kotacerdas.opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db(transaction=True)
DATASETS_BY = {d.key: d.columns for d in DATASETS}


def test_ckanapi_lists_searches_shows_and_dumps_the_demo_catalogue(live_server, tmp_path):
    load_demo()
    ckan = RemoteCKAN(live_server.url)
    names = ckan.action.package_list()
    assert f"luwu-utara-{DATASETS[0].key}" in names
    assert len(names) == len(set(names)) == 2 * len(DATASETS)  # the demo's two regions
    assert ckan.action.status_show()["api_version"] == 3
    assert ckan.action.site_read() is True

    found = ckan.action.package_search(
        q="aduan", fq="organization:luwu-utara res_format:CSV", rows=50, facet_field=["groups"]
    )
    assert {p["name"] for p in found["results"]} == {
        "luwu-utara-citizen-report-statistics",
        "luwu-utara-citizen-reports-by-village",
    }
    assert found["count"] == 2
    page = ckan.action.package_search(**{"fq": "groups:society", "rows": 2, "start": 1, "sort": "name asc"})
    everything = ckan.action.package_search(fq="groups:society", rows=1000, sort="name asc")
    assert [p["name"] for p in page["results"]] == [p["name"] for p in everything["results"]][1:3]
    faceted = ckan.action.package_search(**{"facet.field": json.dumps(["organization"]), "rows": 0})
    assert faceted["facets"]["organization"] == {"luwu-utara": len(DATASETS), "maros": len(DATASETS)}
    assert faceted["results"] == []

    shown = ckan.action.package_show(id="luwu-utara-masterplan-programmes")
    assert shown["organization"]["name"] == "luwu-utara"
    assert shown["license_id"] == "cc-by-4.0"
    assert {g["name"] for g in shown["groups"]} == {
        "governance",
        "branding",
        "economy",
        "living",
        "society",
        "environment",
    }
    assert {r["format"] for r in shown["resources"]} == {"CSV", "XLSX", "JSON"}
    assert shown["title_translated"]["en"] == "Smart city masterplan: programmes"
    extras = {e["key"]: e["value"] for e in shown["extras"]}
    assert extras["spatial_code"] == "73.22" and extras["frequency"] == "IRREG"
    assert "Diskominfo" in extras["custodian"] and "Bappelitbangda" in extras["producer"]
    resource = ckan.action.resource_show(id=shown["resources"][0]["id"])
    assert resource == shown["resources"][0]
    assert ckan.action.organization_show(id="luwu-utara")["package_count"] == len(DATASETS)
    assert ckan.action.group_list() == ["governance", "branding", "economy", "living", "society", "environment"]
    assert "aduan" in ckan.action.tag_list()
    with pytest.raises(NotFound):
        ckan.action.package_show(id="luwu-utara-nothing")
    with pytest.raises(ValidationError):
        ckan.action.package_search(fq="colour:red")

    out = tmp_path / "datasets.jsonl"
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "ckanapi"),
            "dump",
            "datasets",
            "--all",
            "-O",
            str(out),
            "-p",
            "1",
            "-r",
            live_server.url,
        ],
        capture_output=True,
        env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"},
        timeout=240,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    dumped = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(d["name"] for d in dumped) == sorted(names)
    downloaded = 0
    for package in dumped:
        for res in package["resources"]:
            got = requests.get(res["url"], timeout=60)
            assert got.status_code == 200, res["url"]
            assert got.headers["Content-Type"].startswith(res["mimetype"])
            if res["format"] == "CSV":
                header = next(csv.reader(io.StringIO(got.content.decode())))
                assert header == [
                    c.name for c in DATASETS_BY[package["name"][len(package["organization"]["name"]) + 1 :]]
                ]
            elif res["format"] == "XLSX":
                assert load_workbook(io.BytesIO(got.content)).sheetnames == ["data", "dictionary"]
            elif res["format"] == "JSON":
                assert "fields" in got.json() and "records" in got.json()
            downloaded += 1
    assert downloaded == sum(len(p["resources"]) for p in dumped) > 3 * len(dumped)
