"""Scenarios inside the DPRK: internal disappearances and forced repatriation.

Why these shapes: political prisoners are arrested by the provincial organs of
the Ministry of State Security (before 1973 the public security organs) or of
the Ministry of Social Security, often with their families, and most vanish
into a kwanliso (14 Kaechon, 15 Yodok, 16 Hwasong, 25 Chongjin, 18 Pukchang)
or are sentenced to a kyohwaso (1 Kaechon, 12 Jongori, ...). Escapees caught
in China are handed over at Tumen (to Onsong and North Hamgyong), Changbai
(to Hyesan) or Dandong (to Sinuiju), held by the border MSS and holding
centres, and some then sent to labour training camps or prisons; most are
women, and the numbers peak in the late-1990s famine and after the 2023
mass repatriations.
"""

from __future__ import annotations

from datetime import date, timedelta

from loaders.synthetic.cases import Case, Incident, age_in, held, join_group
from loaders.synthetic.context import Context, Weighted
from loaders.synthetic.dates import ARREST, draw_dated, yearly
from loaders.synthetic.names import korean
from loaders.synthetic.perpetrators import BODIES, OFFICIALS_BY_UNIT
from loaders.synthetic.places import province_of

LAST_DAY = date(2024, 12, 31)

#: The body that runs each facility.
FACILITY_BODY = {
    "loc-fac-kwanliso-14": "body-kwanliso-14", "loc-fac-kwanliso-15": "body-kwanliso-15",
    "loc-fac-kwanliso-16": "body-kwanliso-16", "loc-fac-kwanliso-25": "body-kwanliso-25",
    "loc-fac-kwanliso-18": "body-kwanliso-18", "loc-fac-kyohwaso-1": "body-kyohwaso-1",
    "loc-fac-kyohwaso-12": "body-kyohwaso-12", "loc-fac-kyohwaso-4": "body-kyohwaso-4",
    "loc-fac-kyohwaso-77": "body-kyohwaso-77", "loc-fac-chongjin-labour": "body-chongjin-labour",
    "loc-fac-onsong-mss": "body-mss-onsong", "loc-fac-onsong-holding": "body-mps-north-hamgyong",
    "loc-fac-hoeryong-mss": "body-mss-hoeryong", "loc-fac-musan-mss": "body-mss-musan",
    "loc-fac-nongpo-holding": "body-mps-north-hamgyong",
    "loc-fac-hyesan-mss": "body-mss-ryanggang", "loc-fac-hyesan-holding": "body-mps-ryanggang",
    "loc-fac-sinuiju-mss": "body-mss-north-pyongan",
}
_YEARS_OF_BODY = {body[0]: (body[5] or 1948, body[6] or 2100) for body in BODIES}
MSS_BY_PROVINCE = {
    "loc-kp-north-hamgyong": "body-mss-north-hamgyong",
    "loc-kp-south-hamgyong": "body-mss-south-hamgyong", "loc-kp-ryanggang": "body-mss-ryanggang",
    "loc-kp-chagang": "body-mss-chagang", "loc-kp-north-pyongan": "body-mss-north-pyongan",
    "loc-kp-south-pyongan": "body-mss-south-pyongan", "loc-kp-pyongyang": "body-mss-pyongyang",
    "loc-kp-north-hwanghae": "body-mss-hwanghae", "loc-kp-south-hwanghae": "body-mss-hwanghae",
    "loc-kp-kangwon": "body-mss-kangwon",
}
MPS_BY_PROVINCE = {"loc-kp-north-hamgyong": "body-mps-north-hamgyong",
                   "loc-kp-ryanggang": "body-mps-ryanggang",
                   "loc-kp-north-pyongan": "body-mps-north-pyongan",
                   "loc-kp-pyongyang": "body-mps-pyongyang"}
COURT_BY_PROVINCE = {"loc-kp-north-hamgyong": "body-court-north-hamgyong",
                     "loc-kp-ryanggang": "body-court-ryanggang",
                     "loc-kp-pyongyang": "body-court-pyongyang"}


def open_in(facility: str, year: int) -> bool:
    """Whether the body running ``facility`` existed in ``year``."""
    first, last = _YEARS_OF_BODY[FACILITY_BODY[facility]]
    return first <= year <= last


def pick_facility(ctx: Context, choices: Weighted, year: int) -> str:
    """A facility from ``choices`` that was open in ``year``."""
    for _ in range(8):
        facility = ctx.pick(choices)
        if open_in(facility, year):
            return facility
    return "loc-fac-kwanliso-15" if year >= 1969 else "loc-fac-kyohwaso-1"


def _with_official(ctx: Context, perpetrators: list[tuple[str, str]], year: int,
                   probability: float = 0.05) -> None:
    """Sometimes name the official commanding one of the units as a perpetrator too."""
    if not ctx.chance(probability):
        return
    for unit, _role in perpetrators:
        for official in OFFICIALS_BY_UNIT.get(unit, ()):
            if official.serves_in(year):
                perpetrators.append((official.uid, "commanding officer"))
                return


# --- internal disappearances -----------------------------------------------------------

ARREST_DATES = yearly({(1960, 1969): 8, (1970, 1979): 15, (1980, 1989): 15, (1990, 1999): 20,
                       (2000, 2009): 18, (2010, 2019): 17, (2020, 2024): 7})
HOMETOWNS = Weighted({
    "loc-kp-pyongyang": 18, "loc-kp-chongjin": 10, "loc-kp-hamhung": 10, "loc-kp-sinuiju": 7,
    "loc-kp-hyesan": 7, "loc-kp-hoeryong": 5, "loc-kp-musan": 4, "loc-kp-onsong": 3,
    "loc-kp-kanggye": 5, "loc-kp-wonsan": 6, "loc-kp-nampo": 5, "loc-kp-sariwon": 5,
    "loc-kp-haeju": 4, "loc-kp-kaesong": 3, "loc-kp-kimchaek": 3, "loc-kp-tanchon": 3,
    "loc-kp-kaechon": 2})
ARRESTING = Weighted({"mss": 60, "mps": 25, "pretrial": 10, "unknown": 5})
CAMPS = Weighted({"loc-fac-kwanliso-14": 15, "loc-fac-kwanliso-15": 20,
                  "loc-fac-kwanliso-16": 15, "loc-fac-kwanliso-25": 15,
                  "loc-fac-kwanliso-18": 5, "loc-fac-kyohwaso-1": 10,
                  "loc-fac-kyohwaso-12": 10, "loc-fac-kyohwaso-4": 5, "loc-fac-kyohwaso-77": 5})
INTERNAL_AGES = Weighted({(10, 17): 5, (18, 29): 25, (30, 59): 60, (60, 75): 10})
INTERNAL_OCCUPATIONS = Weighted({
    "labourer": 25, "farmer": 15, "civil_servant": 10, "soldier": 8, "professional": 8,
    "teacher": 5, "merchant": 10, "student": 5, "homemaker": 6, "politician": 3, "other": 3,
    "unknown": 2})
INTERNAL_STATUS = Weighted({"detained": 30, "missing": 30, "deceased": 25, "escaped": 5,
                            "returned": 8, "unknown": 2})


def _arresting_body(ctx: Context, city: str, year: int) -> str:
    province = province_of(city) or "loc-kp-pyongyang"
    agency = ctx.pick(ARRESTING)
    if agency == "unknown":
        return "body-unknown"
    if year < 1973 or agency == "mps":
        return MPS_BY_PROVINCE.get(province, "body-mps")
    if agency == "pretrial":
        return "body-mss-pretrial"
    return MSS_BY_PROVINCE.get(province, "body-mss")


def _arrest(ctx: Context, city: str) -> Incident:
    day = ARREST_DATES.draw(ctx)
    perpetrators = [(_arresting_body(ctx, city, day.year), "arresting authority")]
    _with_official(ctx, perpetrators, day.year)
    return Incident("arbitrary_detention", draw_dated(ctx, day, ARREST, max_range_days=30),
                    city, perpetrators, "arrest by the security organs",
                    "보위·안전 기관에 의한 체포")


def _released(ctx: Context, start: date, status: str) -> date | None:
    if status not in ("returned", "escaped", "deceased"):
        return None
    return min(start + timedelta(days=ctx.between(180, 15 * 365)), LAST_DAY)


def internal_disappearance(ctx: Context) -> Case:
    city = ctx.pick(HOMETOWNS)
    if ctx.chance(0.5):  # families taken together
        arrest = join_group(ctx, ("family", city), 2, 5, lambda: _arrest(ctx, city))
    else:
        arrest = _arrest(ctx, city)
    year = arrest.when["year"]
    status = ctx.pick(INTERNAL_STATUS)
    if year < 1985 and status == "detained":
        status = "deceased" if ctx.chance(0.5) else "missing"
    incidents = [arrest]
    places: list = []
    if ctx.chance(0.3):
        places.append(("LIVED_AT", city, {}))
    if ctx.chance(0.45):
        start = min(arrest.start + timedelta(days=ctx.between(30, 540)), LAST_DAY)
        camp = pick_facility(ctx, CAMPS, start.year)
        perpetrators = [(FACILITY_BODY[camp], "detaining authority")]
        if camp.startswith("loc-fac-kwanliso") and start.year >= 1973 and ctx.chance(0.15):
            perpetrators.append(("body-mss-bureau-7", "administering bureau"))
        if camp.startswith("loc-fac-kyohwaso") and ctx.chance(0.3):
            court = COURT_BY_PROVINCE.get(province_of(city) or "", "body-central-court")
            perpetrators.append((court, "sentencing court"))
        _with_official(ctx, perpetrators, start.year)
        kind = "enforced_disappearance" if camp.startswith("loc-fac-kwanliso") else (
            "arbitrary_detention")
        incidents.append(Incident(kind, draw_dated(ctx, start, ARREST, max_range_days=60), camp,
                                  perpetrators, "transfer to a prison camp",
                                  "수용소 이송"))
        places.append(("HELD_AT", camp, held(start, _released(ctx, start, status))))
    sex = "male" if ctx.chance(0.6) else "female"
    age = age_in(ctx, INTERNAL_AGES)
    occupation = "student" if age < 18 else ctx.pick(INTERNAL_OCCUPATIONS)
    birth_year = year - age
    return Case(korean(ctx, sex, birth_year, north=True), sex, birth_year, "KP", occupation,
                status, age, incidents, places, dprk_home=city, family_names="north")


# --- forced repatriation -------------------------------------------------------------

REPATRIATION_DATES = yearly({(1995, 1999): 18, (2000, 2007): 25, (2008, 2012): 20,
                             (2013, 2019): 17, (2020, 2022): 3, (2023, 2024): 17})
CHINA_CITIES = Weighted({"loc-cn-yanji": 18, "loc-cn-tumen": 10, "loc-cn-helong": 8,
                         "loc-cn-longjing": 8, "loc-cn-hunchun": 6, "loc-cn-changbai": 10,
                         "loc-cn-dandong": 14, "loc-cn-shenyang": 12, "loc-cn-beijing": 6})
CROSSING = {"loc-cn-yanji": "loc-cn-tumen", "loc-cn-tumen": "loc-cn-tumen",
            "loc-cn-helong": "loc-cn-tumen", "loc-cn-longjing": "loc-cn-tumen",
            "loc-cn-hunchun": "loc-cn-tumen", "loc-cn-changbai": "loc-cn-changbai",
            "loc-cn-dandong": "loc-cn-dandong", "loc-cn-shenyang": "loc-cn-dandong",
            "loc-cn-beijing": "loc-cn-dandong"}
RECEIVERS = {
    "loc-cn-tumen": Weighted({"body-mss-onsong": 50, "body-mss-north-hamgyong": 30,
                              "body-mss-hoeryong": 10, "body-mss-musan": 10}),
    "loc-cn-changbai": Weighted({"body-mss-ryanggang": 80, "body-mps-ryanggang": 20}),
    "loc-cn-dandong": Weighted({"body-mss-north-pyongan": 80, "body-mps-north-pyongan": 20}),
}
BORDER_FACILITIES = {
    "loc-cn-tumen": Weighted({"loc-fac-onsong-mss": 35, "loc-fac-onsong-holding": 20,
                              "loc-fac-hoeryong-mss": 10, "loc-fac-musan-mss": 10,
                              "loc-fac-nongpo-holding": 25}),
    "loc-cn-changbai": Weighted({"loc-fac-hyesan-mss": 60, "loc-fac-hyesan-holding": 40}),
    "loc-cn-dandong": Weighted({"loc-fac-sinuiju-mss": 1}),
}
ESCAPEE_HOMES = {
    "loc-cn-tumen": Weighted({"loc-kp-hoeryong": 30, "loc-kp-musan": 25, "loc-kp-onsong": 20,
                              "loc-kp-chongjin": 25}),
    "loc-cn-changbai": Weighted({"loc-kp-hyesan": 1}),
    "loc-cn-dandong": Weighted({"loc-kp-sinuiju": 70, "loc-kp-pyongyang": 30}),
}
PRISONS = Weighted({"loc-fac-chongjin-labour": 30, "loc-fac-kyohwaso-12": 25,
                    "loc-fac-kyohwaso-1": 10, "loc-fac-kyohwaso-77": 5,
                    "loc-fac-kwanliso-25": 10, "loc-fac-kwanliso-16": 10,
                    "loc-fac-kwanliso-14": 10})
RANGE_ONLY = Weighted({"range": 1})
HANDOVER_PRECISION = Weighted({"day": 40, "month": 30, "year": 25, "range": 5})
ESCAPEE_AGES = Weighted({(15, 17): 8, (18, 29): 40, (30, 49): 42, (50, 65): 10})
ESCAPEE_OCCUPATIONS = Weighted({"labourer": 30, "merchant": 20, "farmer": 10, "homemaker": 15,
                                "student": 8, "soldier": 2, "other": 10, "unknown": 5})
ESCAPEE_STATUS = Weighted({"detained": 28, "missing": 25, "escaped": 20, "returned": 10,
                           "deceased": 10, "unknown": 7})


def _handover(ctx: Context, crossing: str) -> Incident:
    day = REPATRIATION_DATES.draw(ctx)
    perpetrators = [(ctx.pick(RECEIVERS[crossing]), "receiving authority")]
    _with_official(ctx, perpetrators, day.year)
    return Incident("forced_repatriation", draw_dated(ctx, day, HANDOVER_PRECISION, 20),
                    crossing, perpetrators, "handover of escapees by China to the DPRK",
                    "중국의 탈북민 강제북송")


def forced_repatriation(ctx: Context) -> Case:
    taken_from = ctx.pick(CHINA_CITIES)
    crossing = CROSSING[taken_from]
    handover = join_group(ctx, ("handover", crossing), 2, 10, lambda: _handover(ctx, crossing))
    year = handover.when["year"]
    status = ctx.pick(ESCAPEE_STATUS)
    if year < 2005 and status == "detained":
        status = "missing" if ctx.chance(0.5) else "escaped"
    incidents = [handover]
    places: list = [("TAKEN_FROM", taken_from, {})]
    if crossing == "loc-cn-tumen" and ctx.chance(0.25):
        places.append(("HELD_AT", "loc-cn-tumen-detention",
                       held(handover.start - timedelta(days=ctx.between(3, 30)), handover.start)))
    home = ctx.pick(ESCAPEE_HOMES[crossing])
    if ctx.chance(0.3):
        places.append(("LIVED_AT", home, {}))
    if ctx.chance(0.5):
        start = min(handover.start + timedelta(days=ctx.between(0, 10)), LAST_DAY)
        end = min(start + timedelta(days=ctx.between(14, 180)), LAST_DAY)
        facility = ctx.pick(BORDER_FACILITIES[crossing])
        perpetrators = [(FACILITY_BODY[facility], "detaining authority")]
        _with_official(ctx, perpetrators, start.year)
        incidents.append(Incident("arbitrary_detention", draw_dated(ctx, start, RANGE_ONLY,
                                                                   range_end=end), facility, perpetrators,
            "interrogation and detention after forced return", "강제북송 후 조사 및 구금"))
        places.append(("HELD_AT", facility, held(start, end)))
        if ctx.chance(0.2):
            later = min(end + timedelta(days=ctx.between(0, 60)), LAST_DAY)
            prison = pick_facility(ctx, PRISONS, later.year)
            perpetrators = [(FACILITY_BODY[prison], "detaining authority")]
            if not prison.startswith("loc-fac-kwanliso") and ctx.chance(0.5):
                court = COURT_BY_PROVINCE.get(province_of(prison) or "", "body-central-court")
                perpetrators.append((court, "sentencing court"))
            kind = "enforced_disappearance" if prison.startswith("loc-fac-kwanliso") else (
                "arbitrary_detention")
            incidents.append(Incident(kind, draw_dated(ctx, later, ARREST, max_range_days=30),
                                      prison, perpetrators, "sentence to a prison or labour camp",
                                      "교화소·노동단련대 수감"))
            places.append(("HELD_AT", prison, held(later, _released(ctx, later, status))))
    sex = "female" if ctx.chance(0.72) else "male"
    age = age_in(ctx, ESCAPEE_AGES)
    occupation = "student" if age < 18 else ctx.pick(ESCAPEE_OCCUPATIONS)
    if occupation == "homemaker" and sex == "male":
        occupation = "labourer"
    birth_year = year - age
    return Case(korean(ctx, sex, birth_year, north=True), sex, birth_year, "KP", occupation,
                status, age, incidents, places, dprk_home=home, family_names="north")
