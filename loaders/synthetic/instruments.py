"""Human-rights instruments and North Korean resources that proceedings invoke.

Why: lawyers follow a case from the victim to the norms a petition or a
judgment relied on. These are the real instruments (with their years) and
real DPRK laws and documents; only the links to them are synthetic. The records
still say ``synthetic: true``: the generator wrote them, like every record of a run.
"""

from __future__ import annotations

from loaders.synthetic.context import Record

# (uid, key, name_en, name_ko, instrument_kind, year)
INSTRUMENTS: tuple[tuple[str, str, str, str, str, int], ...] = (
    ("ins-udhr", "udhr", "Universal Declaration of Human Rights", "세계인권선언",
     "declaration", 1948),
    ("ins-gc3", "gc3", "Geneva Convention (III) relative to the Treatment of Prisoners of War",
     "포로의 대우에 관한 제네바협약 (제3협약)", "treaty", 1949),
    ("ins-gc4", "gc4",
     "Geneva Convention (IV) relative to the Protection of Civilian Persons in Time of War",
     "전시 민간인 보호에 관한 제네바협약 (제4협약)", "treaty", 1949),
    ("ins-armistice", "armistice", "Korean War Armistice Agreement", "한국 군사정전에 관한 협정",
     "agreement", 1953),
    ("ins-iccpr", "iccpr", "International Covenant on Civil and Political Rights",
     "시민적 및 정치적 권리에 관한 국제규약", "treaty", 1966),
    ("ins-cat", "cat",
     "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
     "고문 및 그 밖의 잔혹한·비인도적인 또는 굴욕적인 대우나 처벌의 방지에 관한 협약",
     "treaty", 1984),
    ("ins-decl-ed", "decl_ed",
     "Declaration on the Protection of All Persons from Enforced Disappearance",
     "강제실종으로부터 모든 사람을 보호하기 위한 선언", "declaration", 1992),
    ("ins-cped", "cped",
     "International Convention for the Protection of All Persons from Enforced Disappearance",
     "강제실종으로부터 모든 사람을 보호하기 위한 국제협약", "treaty", 2006),
)

# (uid, name_en, name_ko, resource_kind, year)
RESOURCES: tuple[tuple[str, str, str, str, int], ...] = (
    ("res-criminal-law", "Criminal Law of the DPRK", "조선민주주의인민공화국 형법", "law", 1950),
    ("res-criminal-procedure", "Criminal Procedure Law of the DPRK",
     "조선민주주의인민공화국 형사소송법", "law", 1950),
    ("res-constitution", "Socialist Constitution of the DPRK",
     "조선민주주의인민공화국 사회주의헌법", "law", 1972),
    ("res-ten-principles", "Ten Principles for the Establishment of the Monolithic Ideological "
     "System", "당의 유일사상체계 확립의 10대 원칙", "party_document", 1974),
    ("res-immigration-law", "Law on Immigration of the DPRK", "조선민주주의인민공화국 출입국법",
     "law", 1996),
    ("res-people-security-law", "Law on the Control of People's Security",
     "인민보안단속법", "law", 2007),
    ("res-reactionary-thought-law", "Law on Rejecting Reactionary Ideology and Culture",
     "반동사상문화배격법", "law", 2020),
    ("res-pyongyang-declaration", "Japan-DPRK Pyongyang Declaration", "조일 평양선언",
     "statement", 2002),
)


def instrument_records() -> list[Record]:
    records: list[Record] = [
        {"record": "Instrument", "uid": uid, "key": key, "name_en": name_en, "name_ko": name_ko,
         "kind": kind, "year": year, "synthetic": True}
        for uid, key, name_en, name_ko, kind, year in INSTRUMENTS]
    records += [{"record": "Resource", "uid": uid, "name_en": name_en, "name_ko": name_ko,
                 "kind": kind, "year": year, "synthetic": True}
                for uid, name_en, name_ko, kind, year in RESOURCES]
    return records
