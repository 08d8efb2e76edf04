"""Finding records by name in Chromium: the search box's own examples return results; a
facility, a perpetrator body and a proceeding are found by name through the type-ahead in
English and in Korean; the neighbourhood, path and chain tools run from names chosen in
their autocomplete. Screenshots of search at desktop and phone widths go to tests/artifacts/.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import LiveServer, new_page, publish_synthetic, wait_for

pytestmark = pytest.mark.browser
VICTIMS = 200


@pytest.fixture(scope="module")
def server(stores, settings, tmp_path_factory):
    publish_synthetic(stores, tmp_path_factory.mktemp("find"), VICTIMS)
    from service.app import create_app

    app = create_app(settings)
    with LiveServer(app) as live:
        yield live


def count_of(text: str) -> int:
    digits = re.sub(r"[^\d]", "", text)
    return int(digits) if digits else 0


def examples(placeholder: str) -> list[str]:
    """The examples of a placeholder such as "e.g. Kim, 요덕, ..." or "예: 김, 요덕, ..."."""
    return [x.strip() for x in re.sub(r"^[^:.]*[:.]+\s*(g\.\s*)?", "", placeholder).split(",")]


def choose(page, selector: str, text: str, expect: str, uid: str | None = None) -> None:
    """Type into a find box, wait for a suggestion containing ``expect`` (and, given ``uid``,
    for that record: a source may quote a proceeding's reference in its title), and choose it
    with the keyboard (arrow down to it, Enter)."""
    page.fill(selector, "")
    page.type(selector, text, delay=20)
    match = f"li.textContent.includes({expect!r})" + (f" && li.dataset.uid === {uid!r}"
                                                      if uid else "")
    wait_for(page, f"""(() => {{
        const box = document.querySelector({selector!r});
        const list = document.getElementById(box.getAttribute('aria-controls'));
        return list && !list.hidden && [...list.querySelectorAll('[role=option]')]
            .some(li => {match});
    }})()""")
    index = page.evaluate(f"""(() => {{
        const box = document.querySelector({selector!r});
        const list = document.getElementById(box.getAttribute('aria-controls'));
        return [...list.querySelectorAll('[role=option]')].findIndex(li => {match});
    }})()""")
    for _ in range(index + 1):
        page.press(selector, "ArrowDown")
    assert page.get_attribute(selector, "aria-activedescendant")
    page.press(selector, "Enter")


@pytest.mark.parametrize("lang, width", [("en", 1280), ("ko", 390)])
def test_the_search_boxs_examples_return_results(chromium, server, artifacts, lang, width):
    ctx, page, rec = new_page(chromium, viewport=(width, 900))
    page.goto(f"{server.url}/search?lang={lang}")
    found = examples(page.get_attribute("#q", "placeholder"))
    assert len(found) == 3, found
    for example in found:
        page.fill("#q", example)
        with page.expect_navigation():   # no suggestion is active: Enter submits the form
            page.press("#q", "Enter")
        assert page.locator("#find-heading").count() == 1, (page.url, found)
        records = page.text_content("#find-heading")
        assert count_of(records) > 0, (lang, example, records)
        assert page.locator(".find-results mark").count() > 0
    page.goto(f"{server.url}/search?lang={lang}&q=" + ("Yodok" if lang == "en" else "요덕"))
    name = "search-desktop-en.png" if lang == "en" else "search-phone-ko.png"
    page.screenshot(path=str(artifacts / name), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not rec.foreign(server.url) and not rec.errors
    ctx.close()


@pytest.mark.parametrize("lang, typed, expect, path", [
    ("en", "Kwanliso No. 15", "Kwanliso No. 15 (Yodok)", "/locations/loc-fac-kwanliso-15"),
    ("ko", "요덕", "제15호 관리소 (요덕)", "/locations/loc-fac-kwanliso-15"),
    ("en", "Ministry of State", "Ministry of State Security", "/perpetrators/body-mss"),
    ("ko", "국가보위", "국가보위성", "/perpetrators/body-mss"),
])
def test_records_are_found_by_name_in_both_languages(chromium, server, artifacts, lang, typed,
                                                     expect, path):
    ctx, page, rec = new_page(chromium)
    page.goto(f"{server.url}/about?lang={lang}")
    with page.expect_navigation():
        choose(page, "#header-q", typed, expect)
    assert page.url.endswith(path), page.url
    if typed == "요덕":
        page.goto(f"{server.url}/about?lang=ko")
        page.type("#header-q", "요덕", delay=20)
        wait_for(page, "document.querySelector('.find-list-box mark') !== null")
        page.screenshot(path=str(artifacts / "search-suggest-ko.png"))
    assert not rec.foreign(server.url) and not rec.errors
    ctx.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_proceeding_is_found_by_its_reference(chromium, server, lang):
    """Proceedings have no Korean name: a Korean page finds them by reference, and says
    their kind in Korean."""
    ctx, page, rec = new_page(chromium)
    page.goto(f"{server.url}/about?lang={lang}")
    body = page.evaluate(f"fetch('{server.url}/api/v1/proceedings?per_page=1')"
                         ".then(r => r.json())")
    proceeding = body["items"][0]
    reference = proceeding["properties"]["reference"]
    typed = reference if lang == "en" else " ".join(reference.split()[::3])  # "WGEID no."...
    with page.expect_navigation():
        choose(page, "#header-q", typed, reference, uid=proceeding["uid"])
    assert page.url.endswith(f"/proceedings/{proceeding['uid']}"), page.url
    assert not rec.foreign(server.url) and not rec.errors
    ctx.close()


def first_victim(server, page) -> str:
    body = page.evaluate(f"fetch('{server.url}/api/v1/victims?per_page=1').then(r => r.json())")
    return body["items"][0]["properties"]["name_en"]


def test_the_graph_tools_run_from_names_chosen_in_the_autocomplete(chromium, server, artifacts):
    ctx, page, rec = new_page(chromium)
    page.goto(f"{server.url}/network")
    victim = first_victim(server, page)
    # Neighbourhood: the body, by name.
    choose(page, "input[name=focus]", "Ministry of State", "Ministry of State Security")
    assert page.input_value("input[name=focus]") == "body-mss"
    with page.expect_navigation():
        page.press("input[name=focus]", "Enter")
    wait_for(page, "document.body.dataset.networkReady === '1'")
    assert "Ministry of State Security" in page.text_content("#view-heading")
    # Path: from a victim to the body, both chosen by name.
    choose(page, "input[name=path_from]", victim, victim)
    assert page.input_value("input[name=path_from]").startswith("p-")
    choose(page, "input[name=path_to]", "Ministry of State", "Ministry of State Security")
    with page.expect_navigation():
        page.click("#path-form button[type=submit]")
    assert page.locator("ol.paths li").count() > 0 or "No path" in page.text_content("main")
    assert "Path finder" in page.text_content("#view-heading")
    # Chain: the victim, by name (the field suggests victims only).
    choose(page, "input[name=chain]", victim, victim)
    with page.expect_navigation():
        page.press("input[name=chain]", "Enter")
    assert "Chain of responsibility" in page.text_content("#view-heading")
    assert victim in page.text_content("#view-heading")
    page.screenshot(path=str(artifacts / "network-chain-by-name.png"))
    assert not rec.foreign(server.url) and not rec.errors
    ctx.close()
