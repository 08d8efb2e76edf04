"""The documenting partner organisations that own records and sources.

Why synthetic partners: ownership, partner-only sources and consent to share
with a named partner all need organisations to point at. The names are
plausible for the field in English and Korean but marked "(synthetic)" so
nobody mistakes them for real groups.
"""

from __future__ import annotations

from loaders.synthetic.context import Record

# (uid, name_en, name_ko, organization_kind)
ORGANIZATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("org-001", "Remembrance Families Association (synthetic)", "기억 가족회 (가상)",
     "family_association"),
    ("org-002", "Open Record Documentation Centre (synthetic)", "열린기록 기록센터 (가상)", "ngo"),
    ("org-003", "Bridge of Return Network (synthetic)", "귀환의 다리 네트워크 (가상)", "ngo"),
    ("org-004", "Institute for Sample Human Rights Research (synthetic)",
     "표본 인권연구소 (가상)", "research_institute"),
    ("org-005", "Harbour Returnee Families Circle (synthetic)", "항구 북송가족 모임 (가상)",
     "family_association"),
)

ORGANIZATION_UIDS: tuple[str, ...] = tuple(org[0] for org in ORGANIZATIONS)


def organization_records() -> list[Record]:
    return [{"record": "Organization", "uid": uid, "name_en": name_en, "name_ko": name_ko,
             "kind": kind, "synthetic": True} for uid, name_en, name_ko, kind in ORGANIZATIONS]
