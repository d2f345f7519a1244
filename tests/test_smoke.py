def test_home_renders(world, client):
    response = client.get("/r/luwu-utara/")
    assert response.status_code == 200
    assert "Smart City" in response.content.decode()
