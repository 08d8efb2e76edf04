"""Perpetrator bodies, their sub-units and the dated chain of command.

Why: investigators trace a victim through an event to the unit that acted,
then up PART_OF / REPORTS_TO / COMMANDED_BY to the Supreme Leader, and the
answer depends on the date (the National Defence Commission until 2016, the
State Affairs Commission since). The twelve FOOTPRINTS perpetrator keys are
the top-level bodies; the sub-units (MSS provincial bureaus and county
departments, kwanliso and kyohwaso administrations, KPA corps and fleets, the
WPK departments blamed for abductions abroad, 1950 occupation organs in
Seoul) are real kinds of organ with approximate dates. The individual
officials commanding sub-units are synthetic people.
"""

from __future__ import annotations

from loaders.synthetic.context import Context, Record, rel
from loaders.synthetic.names import korean

# (uid, name_en, name_ko, perpetrator key, body_kind, founded, dissolved, parent uid)
Body = tuple[str, str, str, str, str, int | None, int | None, str | None]

BODIES: tuple[Body, ...] = (
    # the twelve FOOTPRINTS perpetrators
    ("body-supreme-leader", "Supreme Leader", "최고령도자", "supreme_leader", "leader", 1948,
     None, None),
    ("body-ndc", "National Defence Commission", "국방위원회", "ndc", "commission", 1972, 2016,
     None),
    ("body-sac", "State Affairs Commission", "국무위원회", "sac", "commission", 2016, None, None),
    ("body-wpk", "Workers' Party of Korea", "조선로동당", "wpk", "party_organ", 1949, None, None),
    ("body-mss", "Ministry of State Security", "국가보위성", "mss", "ministry", 1973, None, None),
    ("body-mps", "Ministry of Social Security", "사회안전성", "mps", "ministry", 1948, None, None),
    ("body-kpa", "Korean People's Army", "조선인민군", "kpa", "army_unit", 1948, None, None),
    ("body-prosecutor-courts", "Office of the Prosecutor and the court system",
     "검찰소 및 재판소 체계", "prosecutor_courts", "court", 1948, None, None),
    ("body-cpv", "Chinese People's Volunteers", "중국인민지원군", "cpv", "foreign_force", 1950,
     1958, None),
    ("body-local-communists", "Local communists", "지방 공산세력", "local_communists",
     "local_group", 1945, 1953, None),
    ("body-internal-security", "Internal security (naemuseo)", "내무서원", "internal_security",
     "security_unit", 1948, 1962, None),
    ("body-unknown", "Unknown perpetrator", "모름", "unknown", "unknown", None, None, None),
    # Workers' Party of Korea
    ("body-wpk-cc", "Central Committee of the Workers' Party of Korea", "조선로동당 중앙위원회",
     "wpk", "party_organ", 1949, None, "body-wpk"),
    ("body-wpk-ogd", "Organisation and Guidance Department", "조직지도부", "wpk", "party_organ",
     1949, None, "body-wpk-cc"),
    ("body-wpk-liaison", "Liaison Department", "연락부", "wpk", "party_organ", 1960, 1997,
     "body-wpk-cc"),
    ("body-wpk-operations", "Operations Department", "작전부", "wpk", "party_organ", 1970, 2009,
     "body-wpk-cc"),
    ("body-wpk-bureau-35", "Bureau 35 (External Intelligence Investigation Department)",
     "35호실 (대외정보조사부)", "wpk", "party_organ", 1975, 2009, "body-wpk-cc"),
    ("body-wpk-ufd", "United Front Department", "통일전선부", "wpk", "party_organ", 1977, None,
     "body-wpk-cc"),
    ("body-wpk-returnee-committee", "Returnee reception and allocation committee",
     "귀국자 접수·배치 위원회", "wpk", "party_organ", 1959, 1984, "body-wpk-cc"),
    ("body-wpk-seoul-1950", "Seoul City Party Committee (1950 occupation)",
     "서울시 당위원회 (1950년 점령기)", "wpk", "party_organ", 1950, 1951, "body-wpk"),
    # Ministry of State Security
    ("body-mss-bureau-7", "Farm Guidance Bureau (Bureau 7)", "농장지도국 (7국)", "mss",
     "security_unit", 1973, None, "body-mss"),
    ("body-mss-pretrial", "Pre-trial Examination Bureau", "예심국", "mss", "security_unit", 1973,
     None, "body-mss"),
    ("body-mss-north-hamgyong", "North Hamgyong Provincial MSS Bureau", "함경북도 보위국", "mss",
     "security_unit", 1973, None, "body-mss"),
    ("body-mss-south-hamgyong", "South Hamgyong Provincial MSS Bureau", "함경남도 보위국", "mss",
     "security_unit", 1973, None, "body-mss"),
    ("body-mss-ryanggang", "Ryanggang Provincial MSS Bureau", "량강도 보위국", "mss",
     "security_unit", 1973, None, "body-mss"),
    ("body-mss-chagang", "Chagang Provincial MSS Bureau", "자강도 보위국", "mss", "security_unit",
     1973, None, "body-mss"),
    ("body-mss-north-pyongan", "North Pyongan Provincial MSS Bureau", "평안북도 보위국", "mss",
     "security_unit", 1973, None, "body-mss"),
    ("body-mss-south-pyongan", "South Pyongan Provincial MSS Bureau", "평안남도 보위국", "mss",
     "security_unit", 1973, None, "body-mss"),
    ("body-mss-pyongyang", "Pyongyang City MSS Bureau", "평양시 보위국", "mss", "security_unit",
     1973, None, "body-mss"),
    ("body-mss-hwanghae", "Hwanghae Provincial MSS Bureaus", "황해남북도 보위국", "mss",
     "security_unit", 1973, None, "body-mss"),
    ("body-mss-kangwon", "Kangwon Provincial MSS Bureau", "강원도 보위국", "mss", "security_unit",
     1973, None, "body-mss"),
    ("body-mss-onsong", "Onsong County MSS Department", "온성군 보위부", "mss", "security_unit",
     1973, None, "body-mss-north-hamgyong"),
    ("body-mss-musan", "Musan County MSS Department", "무산군 보위부", "mss", "security_unit",
     1973, None, "body-mss-north-hamgyong"),
    ("body-mss-hoeryong", "Hoeryong City MSS Department", "회령시 보위부", "mss", "security_unit",
     1973, None, "body-mss-north-hamgyong"),
    ("body-kwanliso-14", "Kwanliso No. 14 administration", "제14호 관리소 관리부", "mss",
     "facility_administration", 1959, None, "body-mss-bureau-7"),
    ("body-kwanliso-15", "Kwanliso No. 15 administration", "제15호 관리소 관리부", "mss",
     "facility_administration", 1969, None, "body-mss-bureau-7"),
    ("body-kwanliso-16", "Kwanliso No. 16 administration", "제16호 관리소 관리부", "mss",
     "facility_administration", 1972, None, "body-mss-bureau-7"),
    ("body-kwanliso-25", "Kwanliso No. 25 administration", "제25호 관리소 관리부", "mss",
     "facility_administration", 1975, None, "body-mss-bureau-7"),
    # Ministry of Social Security
    ("body-mps-correctional", "Correctional Bureau", "교화국", "mps", "security_unit", 1948, None,
     "body-mps"),
    ("body-mps-north-hamgyong", "North Hamgyong Provincial Social Security Bureau",
     "함경북도 사회안전국", "mps", "security_unit", 1948, None, "body-mps"),
    ("body-mps-ryanggang", "Ryanggang Provincial Social Security Bureau", "량강도 사회안전국",
     "mps", "security_unit", 1954, None, "body-mps"),
    ("body-mps-north-pyongan", "North Pyongan Provincial Social Security Bureau",
     "평안북도 사회안전국", "mps", "security_unit", 1948, None, "body-mps"),
    ("body-mps-pyongyang", "Pyongyang City Social Security Bureau", "평양시 사회안전국", "mps",
     "security_unit", 1948, None, "body-mps"),
    ("body-kwanliso-18", "Kwanliso No. 18 administration", "제18호 관리소 관리부", "mps",
     "facility_administration", 1958, 2006, "body-mps-correctional"),
    ("body-kyohwaso-1", "Kyohwaso No. 1 administration", "제1호 교화소 관리부", "mps",
     "facility_administration", 1960, None, "body-mps-correctional"),
    ("body-kyohwaso-12", "Kyohwaso No. 12 administration", "제12호 교화소 관리부", "mps",
     "facility_administration", 1985, None, "body-mps-correctional"),
    ("body-kyohwaso-4", "Kyohwaso No. 4 administration", "제4호 교화소 관리부", "mps",
     "facility_administration", 1960, None, "body-mps-correctional"),
    ("body-kyohwaso-77", "Kyohwaso No. 77 administration", "제77호 교화소 관리부", "mps",
     "facility_administration", 1970, None, "body-mps-correctional"),
    ("body-chongjin-labour", "Chongjin labour training camp administration",
     "청진 노동단련대 관리부", "mps", "facility_administration", 1990, None,
     "body-mps-north-hamgyong"),
    # Korean People's Army
    ("body-kpa-general-staff", "General Staff Department", "총참모부", "kpa", "army_unit", 1948,
     None, "body-kpa"),
    ("body-kpa-i-corps", "KPA I Corps", "조선인민군 제1군단", "kpa", "army_unit", 1950, None,
     "body-kpa-general-staff"),
    ("body-kpa-ii-corps", "KPA II Corps", "조선인민군 제2군단", "kpa", "army_unit", 1950, None,
     "body-kpa-general-staff"),
    ("body-kpa-105-armoured", "105th Armoured Division", "제105땅크사단", "kpa", "army_unit",
     1950, None, "body-kpa-i-corps"),
    ("body-kpa-3-div", "KPA 3rd Infantry Division", "조선인민군 제3사단", "kpa", "army_unit", 1948,
     None, "body-kpa-i-corps"),
    ("body-kpa-4-div", "KPA 4th Infantry Division", "조선인민군 제4사단", "kpa", "army_unit", 1948,
     None, "body-kpa-i-corps"),
    ("body-kpa-enemy-work", "Enemy Work Bureau (POW administration)", "적공국 (포로 관리)", "kpa",
     "army_unit", 1950, None, "body-kpa-general-staff"),
    ("body-kpa-construction", "Construction brigades (ROK POW labour)", "건설대 (국군포로 노역)",
     "kpa", "army_unit", 1953, 1956, "body-kpa"),
    ("body-kpa-navy", "Korean People's Navy", "조선인민군 해군", "kpa", "army_unit", 1948, None,
     "body-kpa"),
    ("body-kpa-east-sea-fleet", "East Sea Fleet", "동해함대", "kpa", "army_unit", 1950, None,
     "body-kpa-navy"),
    ("body-kpa-west-sea-fleet", "West Sea Fleet", "서해함대", "kpa", "army_unit", 1950, None,
     "body-kpa-navy"),
    ("body-kpa-security-command", "Military Security Command", "보위사령부", "kpa",
     "security_unit", 1970, None, "body-kpa"),
    ("body-kpa-rgb", "Reconnaissance General Bureau", "정찰총국", "kpa", "army_unit", 2009, None,
     "body-kpa-general-staff"),
    # Chinese People's Volunteers
    ("body-cpv-9-army-group", "CPV 9th Army Group", "중국인민지원군 제9병단", "cpv",
     "foreign_force", 1950, 1952, "body-cpv"),
    ("body-cpv-13-army-group", "CPV 13th Army Group", "중국인민지원군 제13병단", "cpv",
     "foreign_force", 1950, 1953, "body-cpv"),
    ("body-cpv-pow-office", "CPV POW Management Office", "중국인민지원군 포로관리처", "cpv",
     "foreign_force", 1951, 1953, "body-cpv"),
    # Prosecutors and courts
    ("body-central-court", "Central Court", "중앙재판소", "prosecutor_courts", "court", 1948,
     None, "body-prosecutor-courts"),
    ("body-central-prosecutors", "Central Public Prosecutors Office", "중앙검찰소",
     "prosecutor_courts", "court", 1948, None, "body-prosecutor-courts"),
    ("body-court-north-hamgyong", "North Hamgyong Provincial Court", "함경북도 재판소",
     "prosecutor_courts", "court", 1948, None, "body-central-court"),
    ("body-court-ryanggang", "Ryanggang Provincial Court", "량강도 재판소", "prosecutor_courts",
     "court", 1954, None, "body-central-court"),
    ("body-court-pyongyang", "Pyongyang City Court", "평양시 재판소", "prosecutor_courts", "court",
     1948, None, "body-central-court"),
    # 1950 occupation of the South
    ("body-seoul-peoples-committee", "Seoul People's Committee (1950)", "서울시 인민위원회 (1950)",
     "local_communists", "local_group", 1950, 1951, "body-local-communists"),
    ("body-self-defence-units", "Local self-defence units (jawidae)", "자위대", "local_communists",
     "local_group", 1950, 1951, "body-local-communists"),
    ("body-is-seoul", "Seoul Internal Affairs Bureau (1950)", "서울시 내무부 (1950)",
     "internal_security", "security_unit", 1950, 1951, "body-internal-security"),
)

#: 1950 internal security stations, one per Seoul district (uid suffix, English, Korean).
_STATIONS = (("jongno", "Jongno", "종로"), ("jung", "Jung", "중부"),
             ("seodaemun", "Seodaemun", "서대문"), ("mapo", "Mapo", "마포"),
             ("yongsan", "Yongsan", "용산"), ("seongbuk", "Seongbuk", "성북"),
             ("dongdaemun", "Dongdaemun", "동대문"), ("yeongdeungpo", "Yeongdeungpo", "영등포"),
             ("eunpyeong", "Eunpyeong", "은평"), ("seongdong", "Seongdong", "성동"))
BODIES += tuple(
    (f"body-is-station-{slug}", f"{en} Internal Security Station (1950)", f"{ko} 내무서 (1950)",
     "internal_security", "security_unit", 1950, 1951, "body-is-seoul")
    for slug, en, ko in _STATIONS)

#: The Seoul internal-security station for each Seoul district location.
STATION_OF_DISTRICT = {f"loc-kr-seoul-{slug}": f"body-is-station-{slug}"
                       for slug, _en, _ko in _STATIONS}

# (type, from, to, date_from, date_to)
CHAIN: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("COMMANDED_BY", "body-ndc", "body-supreme-leader", "1972-12-27", "2016-06-29"),
    ("COMMANDED_BY", "body-sac", "body-supreme-leader", "2016-06-29", None),
    ("COMMANDED_BY", "body-wpk", "body-supreme-leader", "1949-06-30", None),
    ("COMMANDED_BY", "body-kpa", "body-supreme-leader", "1950-07-04", None),
    ("COMMANDED_BY", "body-mss", "body-supreme-leader", "1973-05-01", None),
    ("REPORTS_TO", "body-kpa", "body-ndc", "1972-12-27", "2016-06-29"),
    ("REPORTS_TO", "body-kpa", "body-sac", "2016-06-29", None),
    ("REPORTS_TO", "body-mss", "body-ndc", "1998-09-05", "2016-06-29"),
    ("REPORTS_TO", "body-mss", "body-sac", "2016-06-29", None),
    ("REPORTS_TO", "body-mps", "body-ndc", "2010-04-09", "2016-06-29"),
    ("REPORTS_TO", "body-mps", "body-sac", "2016-06-29", None),
    ("REPORTS_TO", "body-mps", "body-wpk", "1948-09-09", "2010-04-09"),
    ("REPORTS_TO", "body-prosecutor-courts", "body-wpk", "1948-09-09", None),
    ("REPORTS_TO", "body-local-communists", "body-wpk", "1950-06-25", "1953-07-27"),
    ("REPORTS_TO", "body-internal-security", "body-mps", "1948-09-09", "1962-10-23"),
    ("REPORTS_TO", "body-cpv-pow-office", "body-kpa-enemy-work", "1951-01-01", "1953-09-06"),
)

#: Sub-units whose commanders are named officials, and the tenures they serve.
COMMANDED_UNITS = (
    "body-mss-north-hamgyong", "body-mss-ryanggang", "body-mss-north-pyongan",
    "body-mss-onsong", "body-mss-musan", "body-mss-hoeryong", "body-mss-pretrial",
    "body-kwanliso-14", "body-kwanliso-15", "body-kwanliso-16", "body-kwanliso-25",
    "body-kyohwaso-1", "body-kyohwaso-12", "body-mps-north-hamgyong", "body-chongjin-labour",
    "body-court-north-hamgyong",
)
TENURES = ((1990, 2005), (2006, None))  # inclusive years


class Official:
    """A synthetic individual perpetrator commanding ``unit`` for a tenure."""

    __slots__ = ("uid", "unit", "start", "end")

    def __init__(self, uid: str, unit: str, start: int, end: int | None) -> None:
        self.uid, self.unit, self.start, self.end = uid, unit, start, end

    def serves_in(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)


def officials() -> list[Official]:
    """The fixed roster of officials: two consecutive commanders per commanded unit."""
    roster: list[Official] = []
    number = 0
    for unit in COMMANDED_UNITS:
        for start, end in TENURES:
            number += 1
            roster.append(Official(f"p-official-{number:03d}", unit, start, end))
    return roster


#: Officials by unit, for events perpetrated by a named individual.
OFFICIALS_BY_UNIT: dict[str, list[Official]] = {}
for _official in officials():
    OFFICIALS_BY_UNIT.setdefault(_official.unit, []).append(_official)


def publication_consent(official: Official, owner: str) -> list[Record]:
    """A former official's consent to be named, and its GAVE link.

    Why: the consent policy publishes a person, an official too, only with an active
    consent to publication besides a public source and an editor's approval. The
    officials the public press names are taken to have left the DPRK and agreed to be
    named (as defectors who testify do), so the public graph has officials with their
    units; those known only from partner-restricted testimony stay unpublished.
    """
    uid = f"con-{official.uid}"
    given = f"{max(official.start + 10, 2015)}-06-01"
    return [{"record": "Consent", "uid": uid, "purpose": "publication", "given_on": given,
             "obtained_by": owner, "method": "written",
             "evidence": f"Synthetic consent form ref. CF-{given[:4]}-{official.uid[-3:]}",
             "by_family": False, "synthetic": True},
            rel("GAVE", official.uid, uid)]


def body_records(structure_source: str, testimony_source: str, press_source: str,
                 owner: str) -> list[Record]:
    """Bodies, officials and the chain of command, citing the reference sources.

    Officials' names come from their own fixed-seed context so the reference
    data is the same in every run, whatever the seed or scale.
    """
    ctx = Context(seed=1950)
    records: list[Record] = []
    for uid, name_en, name_ko, key, kind, founded, dissolved, _parent in BODIES:
        record: Record = {"record": "PerpetratorBody", "uid": uid, "name_en": name_en,
                          "name_ko": name_ko, "perpetrator": key, "kind": kind}
        if founded is not None:
            record["founded"] = founded
        if dissolved is not None:
            record["dissolved"] = dissolved
        record["synthetic"] = True
        records.append(record)
        records.append(rel("SUPPORTS", structure_source, uid))
    founded_of = {body[0]: body[5] for body in BODIES}
    for uid, *_rest, dissolved, parent in BODIES:
        if parent is None:
            continue
        start = max(founded_of[uid] or 1948, founded_of[parent] or 1948)
        props = {"date_from": f"{start}-01-01"}
        if dissolved is not None:
            props["date_to"] = f"{dissolved}-12-31"
        records.append(rel("PART_OF", uid, parent, [structure_source], props))
    for index, (type_, frm, to, date_from, date_to) in enumerate(CHAIN):
        props = {"date_from": date_from} if date_from else {}
        if date_to:
            props["date_to"] = date_to
        sources = [structure_source] + ([testimony_source] if index % 3 == 0 else [])
        records.append(rel(type_, frm, to, sources, props))
    for official in officials():
        birth_year = official.start - ctx.between(38, 55)
        name = korean(ctx, "male", birth_year, north=True)
        records.append({
            "record": "Person", "uid": official.uid, "roles": ["Official"],
            "name_en": name.name_en, "name_ko": name.name_ko, "name_variants": name.variants,
            "sex": "male", "birth_year": birth_year, "nationality": "KP",
            "occupation": "civil_servant", "status": "unknown", "owner": owner,
            "review_status": "approved", "synthetic": True,
        })
        props = {"date_from": f"{official.start}-01-01"}
        if official.end is not None:
            props["date_to"] = f"{official.end}-12-31"
        # Half the officials are named only in partner-restricted testimony.
        sources = [testimony_source] + ([press_source] if ctx.chance(0.5) else [])
        records.append(rel("MEMBER_OF", official.uid, official.unit, sources, dict(props)))
        records.append(rel("COMMANDED_BY", official.unit, official.uid, sources, dict(props)))
        for source_uid in sources:
            records.append(rel("SUPPORTS", source_uid, official.uid))
        if press_source in sources:
            records += publication_consent(official, owner)
    return records
