"""The map page: the search's filters in the URL and in a form that works without
JavaScript, the popups' counted words ("1 victim", "2 victims"), and the search's link to
the map keeping the filters."""

from __future__ import annotations

from tests.service.pages.dom import parse


def page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response.get_data(as_text=True))


def markers(doc) -> dict[str, dict]:
    config = doc.by_id("map-config").json()
    return {f"{layer['key']}:{m['uid']}": m for layer in config["layers"]
            for m in layer["markers"]}


def test_the_map_is_filtered_by_the_url(public_client):
    everything = markers(page(public_client, "/map?lang=en"))
    assert "lived:loc-hoeryong" in everything and "lived:loc-sokcho" in everything
    doc = page(public_client, "/map?lang=en&category=postwar_abductee")
    filtered = markers(doc)
    assert set(filtered) == {"lived:loc-sokcho", "taken_from:loc-sokcho",
                             "last_seen:loc-camp22"}
    checked = {(i.get("name"), i.get("value")) for i in doc.by_id("map-filters").find_all("input")
               if "checked" in i.attrs}
    assert checked == {("category", "postwar_abductee")}
    assert "Category: Post-war ROK abductee" in doc.by_id("map-status").text()
    # The popup's search for all victims of a place keeps the map's filters.
    assert filtered["lived:loc-sokcho"]["search_url"] == \
        "/search?category=postwar_abductee&location=loc-sokcho"
    # So do the tables' counts.
    counts = {a.get("href") for a in doc.by_id("map-tables").find_all("a")
              if a.get("href", "").startswith("/search")}
    assert counts and all("category=postwar_abductee" in href for href in counts)
    years = page(public_client, "/map?lang=en&year_from=1000&year_to=1001")
    assert markers(years) == {}
    assert years.find("input", name="year_from").get("value") == "1000"


def test_invalid_filters_are_dropped_as_the_search_drops_them(public_client):
    doc = page(public_client, "/map?category=nonsense&year_from=abc&status=missing")
    assert markers(doc) == markers(page(public_client, "/map"))
    assert doc.by_id("map-status").text() == ""


def test_the_form_works_without_javascript(public_client):
    doc = page(public_client, "/map?lang=en")
    form = doc.by_id("map-filters")
    assert form.get("method") == "get" and form.get("action") == "/map"
    names = {i.get("name") for i in form.find_all("input")}
    assert names == {"category", "sex", "perpetrator", "year_from", "year_to"}
    assert len([i for i in form.find_all("input") if i.get("name") == "category"]) == 8
    assert form.find("button").get("type") == "submit"


def test_popups_count_in_both_languages(public_client):
    en = markers(page(public_client, "/map?lang=en"))
    assert en["lived:loc-hoeryong"]["count_text"] == "1 victim"
    assert en["lived:loc-sokcho"]["count_text"] == "2 victims"
    ko = markers(page(public_client, "/map?lang=ko"))
    assert ko["lived:loc-hoeryong"]["count_text"] == "피해자 1명"
    assert ko["lived:loc-sokcho"]["count_text"] == "피해자 2명"


def test_search_links_to_the_map_with_its_filters(public_client):
    doc = page(public_client, "/search?lang=en&category=postwar_abductee&sex=female"
                              "&status=missing&year_from=1950&q=Kim")
    href = doc.by_id("show-on-map").get("href")
    assert href.startswith("/map?")
    assert sorted(href.split("?")[1].split("&")) == ["category=postwar_abductee",
                                                      "sex=female", "year_from=1950"]
    assert page(public_client, "/search").by_id("show-on-map").get("href") == "/map"
