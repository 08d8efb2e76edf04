"""Scenarios of people taken from outside the DPRK after the war.

* Post-war ROK abductees (1955-1987, a few later): mostly fishermen seized
  with their boats near the Northern Limit Line or off the east coast, 3,319
  of 3,835 sent back within a year; the 1969 KAL YS-11 hijacking (39 of 50
  returned); high-school students taken from Seonyu-do (1977) and Hongdo
  (1978); and the handful of ROK citizens detained since 2013.
* "Returnees" from Japan (14 December 1959 - 1984, 81% by 1961): ship voyages
  from Niigata; about 7% Japanese nationals, a quarter of them wives of Korean
  men; some later vanished into Yodok and other camps.
* Japanese abductees (1977-1983) from the Sea of Japan coast and from Europe.
* Other foreign abductees (from 1977): Lebanon, Thailand, Romania, France,
  Italy, the Netherlands, Macau.
"""

from __future__ import annotations

from datetime import date, timedelta

from loaders.synthetic.cases import Case, Incident, age_in, held, join_group
from loaders.synthetic.context import Context, Weighted
from loaders.synthetic.dates import PRECISE, VAGUE, Windows, dated, draw_dated, yearly
from loaders.synthetic.dprk import FACILITY_BODY, pick_facility
from loaders.synthetic.names import japanese, korean, western, zainichi

# --- post-war ROK abductees -----------------------------------------------------------

POSTWAR_KINDS = Weighted({"fishermen": 3700, "kal1969": 50, "others": 78, "detained": 7})
FISHING_DATES = yearly({(1955, 1959): 8, (1960, 1964): 22, (1965, 1969): 25, (1970, 1974): 25,
                        (1975, 1979): 12, (1980, 1987): 8})
FISHING_SITES = Weighted({
    "loc-kr-west-sea-nll": 25, "loc-kr-baengnyeong": 12, "loc-kr-yeonpyeong": 15,
    "loc-kr-daecheong": 8, "loc-kr-ganghwa": 5, "loc-kr-east-sea-geojin": 20,
    "loc-kr-geojin": 5, "loc-kr-jumunjin": 5, "loc-kr-sokcho": 5})
EAST_SEA = frozenset({"loc-kr-east-sea-geojin", "loc-kr-geojin", "loc-kr-jumunjin",
                      "loc-kr-sokcho"})
EAST_HOMES = Weighted({"loc-kr-sokcho": 50, "loc-kr-gangneung": 30, "loc-kr-geojin": 20})
WEST_HOMES = Weighted({"loc-kr-incheon": 60, "loc-kr-gunsan": 20, "loc-kr-ganghwa": 20})
WEST_PORTS = Weighted({"loc-kp-haeju": 60, "loc-kp-nampo": 40})
FISHER_STATUS = Weighted({"returned": 86.5, "escaped": 0.25, "missing": 9.5, "deceased": 2.5,
                          "detained": 0.75, "unknown": 0.5})
FISHER_AGES = Weighted({(16, 17): 5, (18, 29): 45, (30, 59): 48, (60, 65): 2})
SEIZING_UNITS = {fleet: Weighted({fleet: 85, "body-kpa-navy": 5, "body-unknown": 10})
                 for fleet in ("body-kpa-east-sea-fleet", "body-kpa-west-sea-fleet")}
BOAT_PRECISION = Weighted({"day": 60, "month": 25, "year": 15})
KAL_DAY = date(1969, 12, 11)
KAL_OCCUPATIONS = Weighted({"crew": 12, "professional": 25, "civil_servant": 15, "merchant": 20,
                            "journalist": 10, "other": 18})
KAL_STATUS = Weighted({"returned": 78, "missing": 18, "unknown": 4})
OTHER_DATES = Windows([(30, "1977-08-01", "1977-08-31"), (30, "1978-08-01", "1978-08-31"),
                       (25, "1970-01-01", "1987-12-31"), (15, "1988-01-01", "1995-12-31")])
OTHER_SITES = Weighted({"loc-kr-seonyudo": 30, "loc-kr-hongdo": 30, "loc-kr-gunsan": 10,
                        "loc-kr-baengnyeong": 10, "loc-kr-ganghwa": 10, "loc-kr-sokcho": 10})
AGENTS = Weighted({"body-wpk-operations": 60, "body-wpk-liaison": 30, "body-unknown": 10})
OTHER_OCCUPATIONS = Weighted({"student": 50, "teacher": 10, "clergy": 5, "professional": 10,
                              "other": 25})
OTHER_AGES = Weighted({(14, 17): 40, (18, 29): 35, (30, 45): 25})
OTHER_STATUS = Weighted({"missing": 70, "deceased": 10, "unknown": 15, "escaped": 3,
                         "returned": 2})
DETAINED_DATES = Windows([(1, "2013-10-01", "2016-12-31")])
DETAINED_PLACES = Weighted({"loc-kp-pyongyang": 50, "loc-kp-sinuiju": 25, "loc-kp-hyesan": 25})
DETAINED_OCCUPATIONS = Weighted({"clergy": 60, "merchant": 20, "other": 20})


def _fishing_boat(ctx: Context) -> Incident:
    site = ctx.pick(FISHING_SITES)
    fleet = "body-kpa-east-sea-fleet" if site in EAST_SEA else "body-kpa-west-sea-fleet"
    body = ctx.pick(SEIZING_UNITS[fleet])
    when = draw_dated(ctx, FISHING_DATES.draw(ctx), BOAT_PRECISION)
    return Incident("abduction", when, site, [(body, "seizing unit")],
                    "fishing boat seized and its crew taken north", "어선 피랍 및 선원 납북",
                    status=ctx.pick(FISHER_STATUS))


def _kal_hijacking(ctx: Context) -> Incident:
    return Incident("hijacking", dated(KAL_DAY, "day"), "loc-kr-gangneung",
                    [("body-wpk-liaison", "organiser"), ("body-kpa", "receiving force")],
                    "hijacking of a domestic airliner to the North", "국내선 여객기 납북")


def postwar_abductee(ctx: Context) -> Case:
    kind = ctx.pick(POSTWAR_KINDS)
    places: list = []
    if kind == "fishermen":
        incident = join_group(ctx, "boat", 3, 15, lambda: _fishing_boat(ctx))
        status = incident.status if ctx.chance(0.9) else ctx.pick(FISHER_STATUS)
        age = age_in(ctx, FISHER_AGES)
        occupation = "crew" if ctx.chance(0.05) else "fisherman"
        east = incident.place in EAST_SEA
        places.append(("TAKEN_FROM", incident.place, {}))
        if ctx.chance(0.3):
            places.append(("LIVED_AT", ctx.pick(EAST_HOMES if east else WEST_HOMES), {}))
        port = "loc-kp-wonsan" if east else ctx.pick(WEST_PORTS)
        if status == "returned":
            places.append(("HELD_AT", port, held(
                incident.start, incident.start + timedelta(days=ctx.between(30, 360)))))
        elif ctx.chance(0.5):
            places.append(("LAST_SEEN_AT", port, {}))
        sex = "male" if ctx.chance(0.99) else "female"
    elif kind == "kal1969":
        incident = join_group(ctx, "kal1969", 10**9, 10**9, lambda: _kal_hijacking(ctx))
        status = ctx.pick(KAL_STATUS)
        age = ctx.between(22, 55)
        occupation = ctx.pick(KAL_OCCUPATIONS)
        places.append(("TAKEN_FROM", "loc-kr-gangneung", {}))
        if status == "returned":
            places.append(("HELD_AT", "loc-kp-pyongyang", held(KAL_DAY, date(1970, 2, 14))))
        elif ctx.chance(0.6):
            places.append(("LAST_SEEN_AT", "loc-kp-pyongyang", {}))
        sex = "female" if occupation == "crew" and ctx.chance(0.5) else "male"
    elif kind == "others":
        site = ctx.pick(OTHER_SITES)
        incident = Incident("abduction", draw_dated(ctx, OTHER_DATES.draw(ctx), PRECISE), site,
                            [(ctx.pick(AGENTS), "abducting unit")],
                            "abduction of a South Korean by agents from the North",
                            "북한 공작원에 의한 남한 주민 납치")
        status = ctx.pick(OTHER_STATUS)
        age = age_in(ctx, OTHER_AGES)
        occupation = "student" if age < 18 else ctx.pick(OTHER_OCCUPATIONS)
        places.append(("TAKEN_FROM", site, {}))
        if ctx.chance(0.4):
            places.append(("LAST_SEEN_AT", "loc-kp-pyongyang", {}))
        sex = "male" if ctx.chance(0.75) else "female"
    else:
        day = DETAINED_DATES.draw(ctx)
        place = ctx.pick(DETAINED_PLACES)
        perpetrators = [("body-mss-pretrial", "arresting authority")]
        if ctx.chance(0.6):
            perpetrators.append(("body-central-court", "sentencing court"))
        incident = Incident("arbitrary_detention", draw_dated(ctx, day, PRECISE), place,
                            perpetrators, "arrest and detention of a South Korean citizen",
                            "남한 국민 체포 및 구금")
        status, age = "detained", ctx.between(30, 60)
        occupation = ctx.pick(DETAINED_OCCUPATIONS)
        places += [("LIVED_AT", ctx.choice(("loc-cn-dandong", "loc-cn-yanji")), {}),
                   ("HELD_AT", "loc-fac-pyongyang-mss", held(day))]
        sex = "male"
    birth_year = incident.when["year"] - age
    return Case(korean(ctx, sex, birth_year), sex, birth_year, "KR", occupation, status, age,
                [incident], places)


# --- "returnees" from Japan ---------------------------------------------------------

VOYAGES = Windows([(3, "1959-12-14", "1959-12-31"), (45, "1960-01-01", "1960-12-31"),
                   (33, "1961-01-01", "1961-12-31"), (13, "1962-01-01", "1967-12-22"),
                   (6, "1971-05-14", "1984-07-25")])
VOYAGE_PRECISION = Weighted({"day": 70, "month": 20, "year": 10})
ORGANISERS = Weighted({"body-wpk-returnee-committee": 80, "body-wpk": 10, "body-unknown": 10})
RETURNEE_NATIONALITY = Weighted({"KP": 60, "KR": 20, "unknown": 12.8, "JP": 7.2})
JAPAN_HOMES = Weighted({"loc-jp-osaka": 22, "loc-jp-tokyo": 16, "loc-jp-kawasaki": 6,
                        "loc-jp-kobe": 10, "loc-jp-kyoto": 8, "loc-jp-nagoya": 8,
                        "loc-jp-fukuoka": 7, "loc-jp-yokohama": 5, "loc-jp-hiroshima": 6,
                        "loc-jp-shimonoseki": 6, "loc-jp-niigata": 3})
DESTINATIONS = Weighted({"loc-kp-chongjin": 15, "loc-kp-hamhung": 15, "loc-kp-pyongyang": 10,
                         "loc-kp-wonsan": 8, "loc-kp-sinuiju": 8, "loc-kp-kanggye": 8,
                         "loc-kp-hyesan": 6, "loc-kp-kimchaek": 6, "loc-kp-sariwon": 6,
                         "loc-kp-haeju": 6, "loc-kp-nampo": 6, "loc-kp-kaechon": 6})
RETURNEE_AGES = Weighted({(0, 17): 35, (18, 29): 30, (30, 59): 30, (60, 75): 5})
RETURNEE_OCCUPATIONS = Weighted({"labourer": 25, "merchant": 15, "student": 8, "homemaker": 15,
                                 "professional": 5, "farmer": 3, "other": 7, "unknown": 10})
RETURNEE_STATUS = Weighted({"unknown": 45, "deceased": 30, "missing": 18, "detained": 3,
                            "escaped": 3.5, "returned": 0.5})
RETURNEE_CAMPS = Weighted({"loc-fac-kwanliso-15": 55, "loc-fac-kwanliso-14": 15,
                           "loc-fac-kwanliso-16": 15, "loc-fac-kwanliso-25": 15})
VANISHED_STATUS = Weighted({"deceased": 45, "missing": 40, "detained": 10, "escaped": 5})


def _voyage(ctx: Context) -> Incident:
    when = draw_dated(ctx, VOYAGES.draw(ctx), VOYAGE_PRECISION)
    return Incident("return_to_dprk", when, "loc-jp-niigata-port",
                    [(ctx.pick(ORGANISERS), "organiser")],
                    '"return" voyage from Japan to the DPRK', "재일교포 북송선 출항")


def japan_returnee(ctx: Context) -> Case:
    incident = join_group(ctx, "voyage", 15, 60, lambda: _voyage(ctx))
    year = incident.when["year"]
    nationality = ctx.pick(RETURNEE_NATIONALITY)
    family_names = "korean"
    if nationality == "JP" and ctx.chance(0.27):  # a Japanese wife of a Korean man
        sex, age, occupation = "female", ctx.between(20, 40), "homemaker"
        name = japanese(ctx, sex)
        family_names = "japanese"
    else:
        sex = "male" if ctx.chance(0.52) else "female"
        age = age_in(ctx, RETURNEE_AGES)
        if age < 16:
            occupation = "student" if age >= 7 else "unknown"
        else:
            occupation = ctx.pick(RETURNEE_OCCUPATIONS)
            if occupation == "homemaker" and sex == "male":
                occupation = "labourer"
        if nationality == "JP":
            name = japanese(ctx, sex)
            family_names = "japanese"
        else:
            name = zainichi(ctx, sex, year - age)
    destination = ctx.pick(DESTINATIONS)
    places: list = []
    if ctx.chance(0.7):
        places.append(("LIVED_AT", ctx.pick(JAPAN_HOMES), {}))
    if ctx.chance(0.5):
        places.append(("LAST_SEEN_AT", destination, {}))
    incidents = [incident]
    status = ctx.pick(RETURNEE_STATUS)
    if ctx.chance(0.12):
        later = ctx.day_between(date(max(year + 2, 1965), 1, 1), date(1995, 12, 31))
        camp = pick_facility(ctx, RETURNEE_CAMPS, later.year)
        security = "body-mss" if later.year >= 1973 else "body-mps"
        incidents.append(Incident(
            "enforced_disappearance", draw_dated(ctx, later, VAGUE, max_range_days=365),
            camp, [(security, "arresting authority"), (FACILITY_BODY[camp], "detaining authority")],
            "returnee from Japan taken to a political prison camp",
            "북송 재일교포 정치범수용소 수감"))
        places.append(("HELD_AT", camp, held(later)))
        status = ctx.pick(VANISHED_STATUS)
    return Case(name, sex, year - age, nationality, occupation, status, age, incidents, places,
                dprk_home=destination, family_names=family_names)


# --- Japanese abductees -------------------------------------------------------------

JAPANESE_DATES = Windows([(55, "1977-09-19", "1978-12-31"), (25, "1979-01-01", "1980-12-31"),
                          (20, "1981-01-01", "1983-07-31")])
JAPANESE_SITES = Weighted({
    "loc-jp-niigata": 12, "loc-jp-kashiwazaki": 10, "loc-jp-sado": 8, "loc-jp-obama": 10,
    "loc-jp-yonago": 8, "loc-jp-ushitsu": 8, "loc-jp-fukiage": 8, "loc-jp-tokyo": 8,
    "loc-jp-osaka": 6, "loc-es-madrid": 6, "loc-dk-copenhagen": 4})
LIVED_NEAR = frozenset({"loc-jp-niigata", "loc-jp-tokyo", "loc-jp-osaka"})
ABDUCTORS = Weighted({"body-wpk-operations": 40, "body-wpk-bureau-35": 30,
                      "body-wpk-liaison": 20, "body-unknown": 10})
JAPANESE_AGES = Weighted({(13, 17): 20, (18, 29): 55, (30, 50): 25})
JAPANESE_OCCUPATIONS = Weighted({"labourer": 15, "professional": 20, "other": 25,
                                 "homemaker": 10, "crew": 5, "unknown": 25})
JAPANESE_STATUS = Weighted({"missing": 70, "returned": 6, "deceased": 8, "unknown": 16})


def japanese_abductee(ctx: Context) -> Case:
    site = ctx.pick(JAPANESE_SITES)
    day = JAPANESE_DATES.draw(ctx)
    incident = Incident("abduction", draw_dated(ctx, day, PRECISE), site,
                        [(ctx.pick(ABDUCTORS), "abducting unit")],
                        "abduction of a Japanese national by agents from the North",
                        "북한 공작원에 의한 일본인 납치")
    sex = "female" if ctx.chance(0.55) else "male"
    age = age_in(ctx, JAPANESE_AGES)
    if age <= 22 and ctx.chance(0.6):
        occupation = "student"
    else:
        occupation = ctx.pick(JAPANESE_OCCUPATIONS)
    places: list = [("TAKEN_FROM", site, {})]
    if site in LIVED_NEAR:
        places.append(("LIVED_AT", site, {}))
    if ctx.chance(0.3):
        places.append(("HELD_AT", "loc-kp-pyongyang", held(day + timedelta(days=2))))
    if ctx.chance(0.5):
        places.append(("LAST_SEEN_AT", "loc-kp-pyongyang", {}))
    return Case(japanese(ctx, sex), sex, day.year - age, "JP", occupation,
                ctx.pick(JAPANESE_STATUS), age, [incident], places, family_names="japanese")


# --- other foreign abductees ------------------------------------------------------------

FOREIGN_NATIONALITIES = Weighted({"LB": 4, "TH": 2, "RO": 1, "FR": 3, "IT": 3, "NL": 3, "CN": 3})
FOREIGN_SITES = {
    "LB": Weighted({"loc-lb-beirut": 1}),
    "TH": Weighted({"loc-cn-macau": 50, "loc-th-bangkok": 50}),
    "RO": Weighted({"loc-it-rome": 1}),
    "FR": Weighted({"loc-fr-paris": 60, "loc-cn-macau": 40}),
    "IT": Weighted({"loc-it-rome": 1}),
    "NL": Weighted({"loc-nl-amsterdam": 1}),
    "CN": Weighted({"loc-cn-macau": 1}),
}
FOREIGN_DATES = Windows([(70, "1978-01-01", "1979-12-31"), (20, "1977-01-01", "1977-12-31"),
                         (10, "1980-01-01", "1986-12-31")])
LEBANESE_STATUS = Weighted({"returned": 60, "missing": 20, "deceased": 10, "unknown": 10})
FOREIGN_STATUS = Weighted({"missing": 55, "deceased": 20, "unknown": 20, "returned": 5})
FOREIGN_OCCUPATIONS = Weighted({"labourer": 20, "professional": 25, "student": 15, "other": 30,
                                "unknown": 10})


def foreign_abductee(ctx: Context) -> Case:
    nationality = ctx.pick(FOREIGN_NATIONALITIES)
    site = ctx.pick(FOREIGN_SITES[nationality])
    day = FOREIGN_DATES.draw(ctx)
    incident = Incident("abduction", draw_dated(ctx, day, PRECISE), site,
                        [(ctx.pick(ABDUCTORS), "abducting unit")],
                        "abduction of a foreign national by agents from the North",
                        "북한 공작원에 의한 외국인 납치")
    sex = "female" if ctx.chance(0.7) else "male"
    age = ctx.between(18, 29) if ctx.chance(0.7) else ctx.between(30, 45)
    status = ctx.pick(LEBANESE_STATUS if nationality == "LB" else FOREIGN_STATUS)
    places: list = [("TAKEN_FROM", site, {})]
    if ctx.chance(0.6):
        places.append(("LAST_SEEN_AT", "loc-kp-pyongyang", {}))
    return Case(western(ctx, nationality, sex), sex, day.year - age, nationality,
                ctx.pick(FOREIGN_OCCUPATIONS), status, age, [incident], places,
                family_names=nationality)
