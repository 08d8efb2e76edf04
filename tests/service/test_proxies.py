"""Behind a reverse proxy (FOOTPRINTS_PROXIES=1) the client's address comes from the proxy's
X-Forwarded-For, so rate limits count clients, not the proxy; without it the header is
ignored, so a client cannot pick a fresh address for each try."""

from __future__ import annotations

import dataclasses

import pytest

LOGIN = "/api/v1/auth/login"


def tries(settings, stores, proxies: int) -> list[int]:
    from service.app import create_app

    app = create_app(dataclasses.replace(settings, proxies=proxies), stores)
    app.config["RATELIMITS"] = {"login_address": "2/minute", "login": "100/minute"}
    client = app.test_client()
    return [client.post(LOGIN, json={"email": f"n{i}@example.org", "password": "wrong password",
                                     "label": "t"},
                        headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
            for i in range(4)]


@pytest.mark.parametrize("proxies, expected", [(1, [401, 401, 401, 401]),
                                               (0, [401, 401, 429, 429])])
def test_forwarded_addresses_count_only_behind_a_trusted_proxy(settings, stores, proxies,
                                                               expected):
    assert tries(settings, stores, proxies) == expected
