"""Property-based tests of the whole served OpenAPI spec: whatever schemathesis sends,
no endpoint answers with a server error (5xx).

The operations are driven directly with Hypothesis (schemathesis' pytest plugin does not
support this pytest yet): one property per operation, a few examples each.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.support.published import public_app, published_stores  # noqa: F401

pytestmark = pytest.mark.slow


def test_no_operation_answers_with_a_server_error(public_app):  # noqa: F811 (fixture)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", public_app)
    failures: list[str] = []
    statuses: list[int] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def property_holds(case):
            response = case.call()
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} query={case.query} "
                                f"body={case.body!r} -> {response.status_code}: "
                                f"{response.text[:300]}")

        property_holds()
    assert operations > 30 and len(statuses) > operations
    print(f"{operations} operations, {len(statuses)} requests, statuses {sorted(set(statuses))}")
    assert not failures, "\n".join(failures[:10])
