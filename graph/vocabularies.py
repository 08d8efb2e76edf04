"""Controlled vocabularies, in English and Korean, in one place.

Everything that names a category, a kind or a status reads it from here: the
models validate against these keys, the loaders check records against them,
the API and the pages label facets with them. The FOOTPRINTS lists are the
starting point (victim categories, perpetrator bodies, forums).

Each vocabulary maps a stable key (stored in the graph) to its labels.
"""

from __future__ import annotations

from types import MappingProxyType

Labels = dict[str, str]


def _vocab(entries: dict[str, tuple[str, str]]) -> MappingProxyType:
    return MappingProxyType({key: {"en": en, "ko": ko} for key, (en, ko) in entries.items()})


VICTIM_CATEGORIES = _vocab({
    "war_pow": ("Korean War ROK POW", "한국전쟁 국군포로"),
    "war_abductee": ("Korean War ROK abductee", "한국전쟁 납북자"),
    "postwar_abductee": ("Post-war ROK abductee", "전후 납북자"),
    "japan_returnee": ('"Returnee" from Japan', "재일교포 북송자"),
    "japanese_abductee": ("Japanese abductee", "일본인 납치피해자"),
    "foreign_abductee": ("Other foreign abductee", "기타 외국인 납치피해자"),
    "internal_disappearance": ("DPRK internal disappearance", "북한 내 강제실종"),
    "forced_repatriation": ("Forced repatriation of escapees", "탈북민 강제송환"),
})

PERPETRATORS = _vocab({
    "mss": ("Ministry of State Security", "국가보위성"),
    "mps": ("Ministry of Social Security", "사회안전성"),
    "kpa": ("Korean People's Army", "조선인민군"),
    "prosecutor_courts": ("Office of the Prosecutor and the court system", "검찰소 및 재판소 체계"),
    "wpk": ("Workers' Party of Korea", "조선로동당"),
    "ndc": ("National Defence Commission", "국방위원회"),
    "sac": ("State Affairs Commission", "국무위원회"),
    "supreme_leader": ("Supreme Leader", "최고령도자"),
    "cpv": ("Chinese People's Volunteers", "중국인민지원군"),
    "local_communists": ("Local communists", "지방 공산세력"),
    "internal_security": ("Internal security", "내무서원"),
    "unknown": ("Unknown", "모름"),
})

BODY_KINDS = _vocab({
    "ministry": ("Ministry", "성"),
    "army_unit": ("Army unit", "군부대"),
    "court": ("Court or prosecutor", "재판소·검찰소"),
    "party_organ": ("Party organ", "당 기관"),
    "commission": ("Commission", "위원회"),
    "leader": ("Supreme Leader", "최고령도자"),
    "foreign_force": ("Foreign force", "외국 군대"),
    "local_group": ("Local group", "지방 조직"),
    "security_unit": ("Security unit", "보안 조직"),
    "facility_administration": ("Facility administration", "시설 관리기관"),
    "unknown": ("Unknown", "모름"),
})

FORUMS = _vocab({
    "un_wgeid": ("UN WGEID", "유엔 강제실종 실무그룹"),
    "un_wgad": ("UN WGAD", "유엔 자의적 구금 실무그룹"),
    "court_kr": ("South Korean courts", "대한민국 법원"),
    "court_us": ("US courts", "미국 법원"),
    "court_jp": ("Japanese courts", "일본 법원"),
    "court_cn": ("Chinese courts", "중국 법원"),
})

PROCEEDING_STATUSES = _vocab({
    "submitted": ("Submitted", "제출됨"),
    "pending": ("Pending", "진행 중"),
    "transmitted": ("Transmitted to the government", "정부에 전달됨"),
    "decided": ("Decided", "결정됨"),
    "closed": ("Closed", "종결됨"),
})

PROCEEDING_OUTCOMES = _vocab({
    "none": ("No outcome yet", "결과 없음"),
    "opinion_arbitrary": ("Opinion: detention arbitrary", "의견: 자의적 구금"),
    "case_clarified": ("Case clarified", "사건 해명됨"),
    "case_outstanding": ("Case outstanding", "미해결 사건"),
    "judgment_plaintiff": ("Judgment for the plaintiff", "원고 승소"),
    "judgment_defendant": ("Judgment for the defendant", "원고 패소"),
    "dismissed": ("Dismissed", "각하"),
})

EVENT_KINDS = _vocab({
    "abduction": ("Abduction", "납치"),
    "arbitrary_detention": ("Arbitrary detention", "자의적 구금"),
    "enforced_disappearance": ("Enforced disappearance", "강제실종"),
    "forced_repatriation": ("Forced repatriation", "강제송환"),
    "pow_non_repatriation": ("POW non-repatriation", "포로 미송환"),
    "return_to_dprk": ('"Return" to the DPRK', "북송"),
    "hijacking": ("Hijacking", "납북 (항공기·선박 피랍)"),
})

DATE_PRECISIONS = _vocab({
    "day": ("Day", "일"),
    "month": ("Month", "월"),
    "year": ("Year", "년"),
    "range": ("Range", "기간"),
})

SEX = _vocab({
    "male": ("Male", "남성"),
    "female": ("Female", "여성"),
    "unknown": ("Unknown", "모름"),
})

STATUS = _vocab({
    "missing": ("Missing", "행방불명"),
    "detained": ("Detained", "구금 중"),
    "deceased": ("Deceased", "사망"),
    "returned": ("Returned", "귀환"),
    "escaped": ("Escaped", "탈출"),
    "unknown": ("Unknown", "모름"),
})

AGE_GROUPS = _vocab({
    "child": ("Child (0-17)", "아동 (0-17세)"),
    "young_adult": ("Young adult (18-29)", "청년 (18-29세)"),
    "adult": ("Adult (30-59)", "성인 (30-59세)"),
    "elderly": ("Elderly (60+)", "노인 (60세 이상)"),
    "unknown": ("Unknown", "모름"),
})

OCCUPATIONS = _vocab({
    "soldier": ("Soldier", "군인"),
    "farmer": ("Farmer", "농민"),
    "fisherman": ("Fisherman", "어부"),
    "student": ("Student", "학생"),
    "civil_servant": ("Civil servant", "공무원"),
    "teacher": ("Teacher", "교사"),
    "police": ("Police officer", "경찰"),
    "merchant": ("Merchant", "상인"),
    "labourer": ("Labourer", "노동자"),
    "clergy": ("Clergy", "성직자"),
    "journalist": ("Journalist", "언론인"),
    "politician": ("Politician", "정치인"),
    "professional": ("Professional", "전문직"),
    "homemaker": ("Homemaker", "주부"),
    "crew": ("Aircraft or ship crew", "승무원"),
    "other": ("Other", "기타"),
    "unknown": ("Unknown", "모름"),
})

NATIONALITIES = _vocab({
    "KR": ("Republic of Korea", "대한민국"),
    "KP": ("DPRK", "조선민주주의인민공화국"),
    "JP": ("Japan", "일본"),
    "CN": ("China", "중국"),
    "LB": ("Lebanon", "레바논"),
    "FR": ("France", "프랑스"),
    "IT": ("Italy", "이탈리아"),
    "NL": ("Netherlands", "네덜란드"),
    "TH": ("Thailand", "태국"),
    "RO": ("Romania", "루마니아"),
    "US": ("United States", "미국"),
    "unknown": ("Unknown", "모름"),
})

PERSON_ROLES = _vocab({
    "Victim": ("Victim", "피해자"),
    "Witness": ("Witness", "증인"),
    "Relative": ("Relative", "가족"),
    "Official": ("Official", "가해 관련자"),
})

RELATIONS = _vocab({
    "parent": ("Parent", "부모"),
    "child": ("Child", "자녀"),
    "spouse": ("Spouse", "배우자"),
    "sibling": ("Sibling", "형제자매"),
    "grandchild": ("Grandchild", "손자녀"),
    "other": ("Other relative", "기타 친족"),
})

LOCATION_KINDS = _vocab({
    "country": ("Country", "국가"),
    "province": ("Province", "도"),
    "county": ("County", "군"),
    "city": ("City", "시"),
    "facility": ("Facility", "시설"),
    "site": ("Site", "장소"),
})

FACILITY_TYPES = _vocab({
    "political_prison_camp": ("Political prison camp (kwanliso)", "정치범수용소 (관리소)"),
    "reeducation_camp": ("Re-education camp (kyohwaso)", "교화소"),
    "detention_centre": ("Detention centre", "구류장"),
    "holding_centre": ("Holding centre (jipkyulso)", "집결소"),
    "labour_camp": ("Labour training camp", "노동단련대"),
    "pow_camp": ("POW camp", "포로수용소"),
    "other": ("Other", "기타"),
})

SOURCE_KINDS = _vocab({
    "testimony": ("Testimony", "증언"),
    "letter": ("Letter", "편지"),
    "photo": ("Photograph", "사진"),
    "video": ("Video", "영상"),
    "official_document": ("Official document", "공문서"),
    "news_article": ("News article", "언론 기사"),
    "un_communication": ("UN communication", "유엔 서한"),
    "petition": ("Petition", "청원서"),
})

TERMS_OF_USE = _vocab({
    "public": ("Public", "공개"),
    "partners": ("Partners only", "협력기관 한정"),
    "un_only": ("UN only", "유엔 제출 한정"),
    "internal": ("Internal", "내부 한정"),
})

CONSENT_PURPOSES = _vocab({
    "internal": ("Internal use", "내부 이용"),
    "un_submission": ("UN submission", "유엔 제출"),
    "publication": ("Publication", "공개"),
    "partner_sharing": ("Sharing with a named partner", "지정 협력기관과 공유"),
})

CONSENT_METHODS = _vocab({
    "written": ("Written form", "서면"),
    "oral_recorded": ("Oral, recorded", "구두 (녹음)"),
    "oral_witnessed": ("Oral, witnessed", "구두 (입회)"),
    "electronic": ("Electronic", "전자"),
})

REVIEW_STATUSES = _vocab({
    "pending": ("Pending review", "검토 대기"),
    "approved": ("Approved for publication", "공개 승인"),
    "rejected": ("Rejected", "반려"),
})

ORGANIZATION_KINDS = _vocab({
    "ngo": ("Non-governmental organisation", "비정부기구"),
    "family_association": ("Family association", "가족회"),
    "research_institute": ("Research institute", "연구기관"),
    "government": ("Government body", "정부기관"),
})

INSTRUMENT_KINDS = _vocab({
    "treaty": ("Treaty", "조약"),
    "declaration": ("Declaration", "선언"),
    "agreement": ("Agreement", "협정"),
})

RESOURCE_KINDS = _vocab({
    "law": ("Law", "법"),
    "decree": ("Decree", "정령"),
    "party_document": ("Party document", "당 문헌"),
    "statement": ("Official statement", "공식 성명"),
})

#: An editor's judgement of a candidate duplicate pair (entity resolution).
VERDICTS = _vocab({
    "same": ("Same person", "동일인"),
    "different": ("Different people", "다른 사람"),
    "unsure": ("Unsure", "판단 보류"),
})

#: Every vocabulary by the name the API and loaders use for it.
VOCABULARIES: MappingProxyType = MappingProxyType({
    "victim_category": VICTIM_CATEGORIES,
    "perpetrator": PERPETRATORS,
    "body_kind": BODY_KINDS,
    "forum": FORUMS,
    "proceeding_status": PROCEEDING_STATUSES,
    "proceeding_outcome": PROCEEDING_OUTCOMES,
    "event_kind": EVENT_KINDS,
    "date_precision": DATE_PRECISIONS,
    "sex": SEX,
    "status": STATUS,
    "age_group": AGE_GROUPS,
    "occupation": OCCUPATIONS,
    "nationality": NATIONALITIES,
    "role": PERSON_ROLES,
    "relation": RELATIONS,
    "location_kind": LOCATION_KINDS,
    "facility_type": FACILITY_TYPES,
    "source_kind": SOURCE_KINDS,
    "terms_of_use": TERMS_OF_USE,
    "consent_purpose": CONSENT_PURPOSES,
    "consent_method": CONSENT_METHODS,
    "review_status": REVIEW_STATUSES,
    "organization_kind": ORGANIZATION_KINDS,
    "instrument_kind": INSTRUMENT_KINDS,
    "resource_kind": RESOURCE_KINDS,
    "verdict": VERDICTS,
})


def label(vocabulary: str, key: str, lang: str = "en") -> str:
    """The label of ``key`` in ``vocabulary`` for ``lang`` (falls back to English, then the key)."""
    entry = VOCABULARIES[vocabulary].get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


def choices(vocabulary: str) -> tuple[str, ...]:
    """The allowed keys of a vocabulary, in their declared order."""
    return tuple(VOCABULARIES[vocabulary])


def age_group(age: int | None) -> str:
    """The age-group key for an age in years at the time of the event."""
    if age is None or age < 0:
        return "unknown"
    if age < 18:
        return "child"
    if age < 30:
        return "young_adult"
    if age < 60:
        return "adult"
    return "elderly"
