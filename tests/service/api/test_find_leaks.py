"""Leak tests of finding by name: suggestions, the all-type search and its match
explanations, and names where the graph tools ask for a record (API and page). No hidden
person's name, spelling or uid is ever suggested, found, explained, resolved or offered as
a candidate; and asking for an at-risk person by name answers exactly what asking for a
name nobody has answers, so the answer cannot tell that a record exists."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from tests.support.leaks import hidden_people, identifying_strings, leaks

HIDDEN = hidden_people()
AT_RISK = "p-1005"       # a relative living in the DPRK (tests/graph/data/consent_states.jsonl)
NOBODY = "Zzyzx Qwertyuiop"


def typed(person: dict) -> list[str]:
    """What an attacker would type: each identifying string, its first word, its start."""
    out = []
    for needle in identifying_strings(person)[:-2]:   # uid, names, spellings (not contact/notes)
        out += [needle, needle.split()[0], needle[:3]]
    return list(dict.fromkeys(out))


def clean(text: str, url: str) -> None:
    found = leaks(text, HIDDEN)
    assert not found, f"{url} leaks {found[:5]}"


def no_echo(body: dict) -> str:
    body.pop("query", None)
    return json.dumps(body, ensure_ascii=False)


@pytest.mark.parametrize("uid", sorted(HIDDEN))
def test_suggestions_and_search_never_show_a_hidden_person(public_client, uid):
    for text in typed(HIDDEN[uid]):
        for url in (f"/api/v1/suggest?q={quote(text)}&limit=20",
                    f"/api/v1/suggest?q={quote(text)}&kind=victims&kind=people&lang=ko",
                    f"/api/v1/suggest?q={quote(text)}&kind=officials"):
            response = public_client.get(url)
            assert response.status_code == 200, url
            clean(response.get_data(as_text=True), url)
        for url in (f"/api/v1/find?q={quote(text)}&per_page=100",
                    f"/api/v1/find?q={quote(text)}&kind=victims&per_page=100&lang=ko"):
            response = public_client.get(url)
            assert response.status_code == 200, url
            clean(no_echo(response.get_json()), url)


@pytest.mark.parametrize("uid", sorted(HIDDEN))
def test_a_hidden_person_never_resolves_nor_is_a_candidate(public_client, uid):
    for text in typed(HIDDEN[uid]):
        q = quote(text, safe="")
        for url in (f"/api/v1/graphs/neighbourhood/{q}", f"/api/v1/graphs/chain/{q}",
                    f"/api/v1/graphs/cases/{q}/proceedings",
                    f"/api/v1/graphs/paths?from={q}&to=p-x1",
                    f"/api/v1/graphs/paths?from=p-x1&to={q}"):
            response = public_client.get(url)
            assert response.status_code in (200, 300, 404), url
            clean(response.get_data(as_text=True), url)
        for param in ("focus", "chain", "path_from"):
            url = f"/network?{param}={q}&path_to=p-x1"
            response = public_client.get(url)
            assert response.status_code == 200
            clean(response.get_data(as_text=True), url)


def test_the_search_page_explains_no_hidden_person(public_client):
    for uid in HIDDEN:
        for text in typed(HIDDEN[uid]):
            url = f"/search?q={quote(text)}"
            page = public_client.get(url).get_data(as_text=True)
            # The page repeats the keyword (its search box, its links' URLs, the language
            # switch): that echo is the visitor's own. What it found and why is not.
            found = page.split('<section class="find-results"', 1)[1].split(
                'id="results-heading"', 1)[0]
            clean(re.sub(r'href="[^"]*"', "", found), url)


def test_an_at_risk_persons_name_answers_as_a_name_nobody_has(public_client):
    person = HIDDEN[AT_RISK]
    for text in [person["name_en"], person["name_ko"], *person["name_variants"], AT_RISK]:
        for template in ("/api/v1/graphs/neighbourhood/{}", "/api/v1/graphs/chain/{}",
                         "/api/v1/graphs/paths?from={}&to=p-x1", "/api/v1/suggest?q={}",
                         "/network?focus={}", "/network?chain={}"):
            asked = public_client.get(template.format(quote(text, safe="")))
            nobody = public_client.get(template.format(quote(NOBODY, safe="")))
            assert asked.status_code == nobody.status_code, (template, text)
            assert asked.get_data() == nobody.get_data(), (template, text)
        asked = public_client.get(f"/api/v1/find?q={quote(text)}").get_json()
        nobody = public_client.get(f"/api/v1/find?q={quote(NOBODY)}").get_json()
        assert asked["total"] == nobody["total"] == 0
        assert no_echo(asked) == no_echo(nobody)


def test_the_leak_tests_see_public_people(public_client):
    """A leak test that finds nothing proves nothing: the same calls do find public people."""
    found = public_client.get("/api/v1/suggest?q=" + quote("마재석")).get_json()
    assert [s["uid"] for s in found] == ["p-1010"]
    assert public_client.get("/api/v1/graphs/neighbourhood/" + quote("Ma Jaeseok-public")
                             ).get_json()["start"] == "p-1010"
