"""The search page's results of every kind, with why each matched; names in the network
tools (one record: drawn; several: "did you mean"; none: not found, not echoed)."""

from __future__ import annotations

from urllib.parse import quote

from tests.service.pages.dom import parse


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_search_finds_every_kind_grouped_with_links_and_marks(public_client):
    page = html(public_client, "/search?q=Ministry+of+State+Security")
    assert 'id="find-heading"' in page and 'href="/perpetrators/body-mss"' in page
    assert "<mark>Ministry</mark>" in page
    korean = html(public_client, "/search?q=" + quote("관리소") + "&lang=ko")
    assert 'href="/locations/loc-camp22' in korean and "<mark>관리소</mark>" in korean
    romanised = html(public_client, "/search?q=kukkabowisong")
    assert "<mark>국가보위성</mark>" in romanised and "kukkabowisong" in romanised


def test_the_kind_links_show_one_kind_and_keep_the_victims_list(public_client):
    page = html(public_client, "/search?q=Hoeryong")
    assert 'href="/search?q=Hoeryong&amp;kind=locations#find-heading"' in page
    one = html(public_client, "/search?q=Hoeryong&kind=locations")
    assert 'aria-current="true">' in one and 'id="results-heading"' in one
    assert html(public_client, "/search?q=Hoeryong&kind=bogus")  # ignored, not an error


def test_the_old_side_list_is_gone_and_a_page_without_keyword_has_no_groups(public_client):
    assert "find-heading" not in html(public_client, "/search")
    assert "other-heading" not in html(public_client, "/search?q=Hoeryong")


def test_every_public_search_box_is_enhanced(public_client):
    for url in ("/", "/search", "/network", "/about"):
        page = html(public_client, url)
        assert 'id="header-q"' in page and "js/find.js" in page and 'id="find-strings"' in page
    assert 'id="q" name="q"' in html(public_client, "/search") and "data-find" in html(
        public_client, "/search")


def test_network_tools_take_names(public_client):
    by_name = html(public_client, "/network?focus=" + quote("Ministry of State Security"))
    assert "explorer-network" in by_name and 'href="/perpetrators/body-mss"' in by_name
    chain = html(public_client, "/network?chain=" + quote("김철호"))
    assert "explorer-network" in chain and "No public record" not in chain
    path = html(public_client, "/network?path_from=" + quote("Kim Chul-ho") + "&path_to="
                + quote("국가보위성"))
    assert 'class="paths"' in path


def test_a_name_of_several_records_lists_them(public_client):
    page = html(public_client, "/network?path_from=Kim&path_to=body-mss")
    doc = parse(page)
    assert "did-you-mean" in page and "explorer-network" not in page
    assert "/network?path_from=p-x1&amp;path_to=body-mss" in page
    assert "/network?path_from=p-x2&amp;path_to=body-mss" in page
    assert doc is not None


def test_a_name_of_nothing_public_is_not_found_and_not_echoed(public_client):
    page = html(public_client, "/network?focus=Nobody+Atall")
    assert "No public record has this identifier." in page and "Nobody Atall" not in page
