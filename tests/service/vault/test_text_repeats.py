"""The vault readers' free-text gate when one record's field comes more than once in an
answer: every occurrence is withheld, not only the last one checked."""

from __future__ import annotations

from service.vault.text import withhold

TITLE = "Synthetic petition for Cho Hidden-orgb"


def test_every_occurrence_of_a_records_field_is_withheld(users, stores):
    answer = {"uid": "proc-x", "record": {"uid": "proc-x", "title": TITLE},
              "facts": [{"from": {"uid": "proc-x", "title": TITLE}},
                        {"from": {"uid": "proc-x", "title": TITLE + " (copy)"}}]}
    out, count = withhold(stores, users["lawyer"].user, answer, "proc-x")
    assert count == 3
    assert "Cho Hidden-orgb" not in repr(out)
    # The organisation that owns the person reads every occurrence.
    kept, none = withhold(stores, users["lawyer-b"].user,
                          {"uid": "proc-x", "a": {"uid": "proc-x", "title": TITLE},
                           "b": {"uid": "proc-x", "title": TITLE}}, "proc-x")
    assert none == 0 and kept["a"]["title"] == kept["b"]["title"] == TITLE
