import pytest


@pytest.mark.django_db
def test_home_page_shows_the_agency(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    assert "Sở Khoa học và Công nghệ tỉnh Khánh Hòa" in response.content.decode()
