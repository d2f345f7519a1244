"""Links a row may not have are served as null, never "": the schema types them `format: uri` and marks them
nullable, so every answer matches it (an empty string is no URI)."""

import pytest

from kotacerdas.collaboration import services as collaboration

pytestmark = pytest.mark.django_db


def test_every_uri_in_an_answer_may_be_null(world, client):
    schema = client.get("/api/schema/?format=json").json()
    request_bodies = {
        ref.rsplit("/", 1)[-1]
        for path in schema["paths"].values()
        for operation in path.values()
        for content in operation.get("requestBody", {}).get("content", {}).values()
        for ref in [content["schema"].get("$ref", "")]
    }
    not_nullable = [
        f"{name}.{prop}"
        for name, component in schema["components"]["schemas"].items()
        if name not in request_bodies
        for prop, spec in component.get("properties", {}).items()
        if spec.get("format") == "uri" and not spec.get("nullable")
    ]
    assert not_nullable == [], "a link that can be blank must be nullable (kotacerdas.common.api.OptionalUrlField)"


def test_a_partner_without_a_website_is_served_null(world, client_for):
    admin = world["users"]["region_admin"]
    for name, website in (("Tanpa Situs", ""), ("Dengan Situs", "https://contoh.example/")):
        collaboration.partner_create(
            actor=admin, region=world["home"], name=name, category="academia", public_consent=True, website=website
        )
    url = f"/api/v1/regions/{world['home'].slug}/collaboration/partners/"
    for user in (None, admin):  # the public shape and the staff shape
        rows = client_for(user).get(url).json()["results"]
        websites = {row["name"]: row["website"] for row in rows}
        assert websites["Tanpa Situs"] is None and websites["Dengan Situs"] == "https://contoh.example/"
