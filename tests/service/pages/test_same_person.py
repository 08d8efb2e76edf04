"""The "also recorded as" panel of a public profile: the public records editors judged to be
the same person, in both languages -- and nothing of a judged-same record that is not public.

Each test loads the consent-states fixture (p-1007 and p-1010 public, eight people who must
never be public) into fresh stores, judges, and reads the pages the judgement republished.
"""

from __future__ import annotations

import re

import pytest

from graph.consent import editor
from graph.publication import publish_all
from graph.resolution.judgements import judge, retract
from loaders.importer import import_file
from tests.support.leaks import CONSENT_STATES, fixture_people, identifying_strings, leaks

EDITOR = "editor@example.org"
PANEL = re.compile(r'<section class="same-person".*?</section>', re.S)
#: A hidden person of each kind a judged-same record may be: no consent at all, consent to
#: share with a partner only (Restricted), consent withdrawn, a relative inside the DPRK.
HIDDEN = {"confidential": "p-1001", "restricted": "p-1003", "withdrawn": "p-1004",
          "at-risk": "p-1005"}


@pytest.fixture
def app(settings, stores, vault, public):
    """A fresh app on stores holding the consent-states fixture, published."""
    from service.app import create_app

    import_file(vault, CONSENT_STATES, database=stores.database("vault"))
    publish_all(vault, public, stores.database("vault"), stores.database("public"))
    app = create_app(settings, stores)
    app.config["TESTING"] = True
    return app


def page(client, url: str, lang: str) -> str:
    response = client.get(f"{url}?lang={lang}")
    assert response.status_code == 200, (url, lang, response.status_code)
    return response.get_data(as_text=True)


def panel(html: str) -> str | None:
    found = PANEL.search(html)
    return found.group(0) if found else None


def test_profiles_of_a_public_pair_list_each_other_in_both_languages(app, stores):
    client = app.test_client()
    assert panel(page(client, "/victims/p-1007", "en")) is None  # nothing judged yet
    judge(stores, "p-1007", "p-1010", "same", actor=EDITOR)

    html = page(client, "/victims/p-1007", "en")
    box = panel(html)
    assert box is not None and "Also recorded as" in box
    assert '<a href="/victims/p-1010">Ma Jaeseok-public</a>' in box
    assert '<span class="other-name" lang="ko">마재석공개</span>' in box
    assert "Year of birth 1959" in box
    assert 'recorded by <a href="/organizations/org-0001">Synthetic Truth Project</a>' in box
    assert 'href="/api/v1/people/p-1007/merged"' in box
    assert "Nam Gyeongho-public" not in box  # the profile's own record is the page itself
    assert "SAME_AS" not in html and "rel.SAME" not in html  # not among the relationships

    ko = panel(page(client, "/victims/p-1007", "ko"))
    assert ko is not None and "같은 사람의 다른 기록" in ko
    assert '<a href="/victims/p-1010">마재석공개</a>' in ko
    assert '<span class="other-name" lang="en">Ma Jaeseok-public</span>' in ko
    assert "출생 연도 1959" in ko and "합성 진실 프로젝트" in ko
    assert "Also recorded as" not in ko and "recorded by" not in ko

    back = panel(page(client, "/victims/p-1010", "en"))
    assert back is not None and '<a href="/victims/p-1007">Nam Gyeongho-public</a>' in back

    # judged different after all: the panel goes with the link
    judge(stores, "p-1007", "p-1010", "different", actor=EDITOR)
    assert panel(page(client, "/victims/p-1007", "en")) is None
    judge(stores, "p-1007", "p-1010", "same", actor=EDITOR)
    retract(stores, "p-1007", "p-1010", actor=EDITOR)
    assert panel(page(client, "/victims/p-1010", "ko")) is None


def _people(*uids: str) -> dict[str, dict]:
    people = fixture_people()
    return {uid: people[uid] for uid in uids}


@pytest.mark.parametrize("state", sorted(HIDDEN))
def test_a_judged_same_record_that_is_not_public_appears_nowhere(app, stores, state):
    """The public pair p-1007/p-1010 and a hidden record judged the same as one of them: the
    cluster is no longer wholly public, so neither profile has a panel, and the hidden
    record's names, variants, contact, notes and uid are on neither page in either language."""
    hidden = HIDDEN[state]
    client = app.test_client()
    judge(stores, "p-1007", "p-1010", "same", actor=EDITOR)
    assert panel(page(client, "/victims/p-1007", "en")) is not None
    judge(stores, hidden, "p-1007", "same", actor=EDITOR)
    for url in ("/victims/p-1007", "/victims/p-1010"):
        for lang in ("en", "ko"):
            html = page(client, url, lang)
            assert panel(html) is None, (url, lang)
            assert leaks(html, _people(hidden)) == [], (url, lang)
            for needle in identifying_strings(fixture_people()[hidden]):
                assert needle not in html, (url, lang, needle)
    # the hidden record's own profile is the same 404 as a uid that never existed
    assert client.get(f"/victims/{hidden}").status_code == 404
    assert client.get(f"/people/{hidden}").status_code == 404


def test_a_pair_of_one_public_and_one_hidden_record_shows_nothing(app, stores):
    client = app.test_client()
    judge(stores, "p-1010", "p-1001", "same", actor=EDITOR)
    for lang in ("en", "ko"):
        html = page(client, "/victims/p-1010", lang)
        assert panel(html) is None
        assert leaks(html, _people("p-1001")) == []


def test_a_withdrawal_takes_the_other_record_off_the_profile(app, stores):
    client = app.test_client()
    judge(stores, "p-1007", "p-1010", "same", actor=EDITOR)
    assert "Ma Jaeseok-public" in page(client, "/victims/p-1007", "en")
    editor.withdraw_consent(stores, "p-1010", actor=EDITOR)
    withdrawn = _people("p-1010")
    for lang in ("en", "ko"):
        html = page(client, "/victims/p-1007", lang)
        assert panel(html) is None
        assert leaks(html, withdrawn) == [], lang
    assert client.get("/victims/p-1010").status_code == 404
