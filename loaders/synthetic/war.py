"""Korean War scenarios: ROK prisoners of war and civilian abductees (1950-1953).

Why these shapes: most of the 80,000-100,000 civilian abductees were taken
from occupied Seoul between the city's fall on 28 June 1950 and its recapture
on 28 September 1950, by KPA units, internal security stations and local
communist committees, often via Seodaemun Prison, and marched north; their
families rarely know more than a month. The 50,000+ unrepatriated POWs were
captured along the front (Cheorwon, Gimhwa, Kumsong, White Horse Hill), held
in KPA or CPV camps and after the armistice put to work in the northern
mines (Aoji, Komdok); nearly all are dead or unaccounted for, about 80
escaped to the South from the mid-1990s.
"""

from __future__ import annotations

from datetime import date, timedelta

from loaders.synthetic.cases import Case, Incident, age_in, held, join_group
from loaders.synthetic.context import Context, Weighted
from loaders.synthetic.dates import FAMILY_MEMORY, VAGUE, Windows, draw_dated
from loaders.synthetic.dprk import FACILITY_BODY, pick_facility
from loaders.synthetic.names import korean
from loaders.synthetic.perpetrators import STATION_OF_DISTRICT

BIG_SWITCH_END = date(1953, 9, 6)

# --- civilian abductees --------------------------------------------------------------

ABDUCTION_DATES = Windows([(85, "1950-06-28", "1950-09-28"), (8, "1950-09-29", "1951-03-14"),
                           (7, "1951-03-15", "1953-07-27")])
TAKEN_FROM = Weighted({
    "loc-kr-seoul-jongno": 8.4, "loc-kr-seoul-jung": 7.2, "loc-kr-seoul-seodaemun": 7.2,
    "loc-kr-seoul-mapo": 6, "loc-kr-seoul-yongsan": 6, "loc-kr-seoul-seongbuk": 6,
    "loc-kr-seoul-dongdaemun": 6, "loc-kr-seoul-yeongdeungpo": 4.8,
    "loc-kr-seoul-eunpyeong": 3.6, "loc-kr-seoul-seongdong": 4.8,
    "loc-kr-suwon": 4, "loc-kr-paju": 4, "loc-kr-gimpo": 3, "loc-kr-yeoncheon": 4,
    "loc-kr-incheon": 6, "loc-kr-chuncheon": 3, "loc-kr-cheorwon": 3, "loc-kr-gangneung": 3,
    "loc-kr-daejeon": 5, "loc-kr-gunsan": 2, "loc-kp-kaesong": 3,
})
SEOUL_PERPETRATORS = Weighted({"station": 45, "body-kpa-105-armoured": 10, "body-kpa-3-div": 8,
                               "body-kpa-4-div": 7, "body-seoul-peoples-committee": 8,
                               "body-wpk-seoul-1950": 7, "body-self-defence-units": 10,
                               "body-unknown": 5})
OTHER_PERPETRATORS = Weighted({"body-kpa-i-corps": 20, "body-kpa-ii-corps": 15,
                               "body-kpa": 10, "body-local-communists": 15,
                               "body-self-defence-units": 10, "body-internal-security": 20,
                               "body-unknown": 10})
ROUTE_NORTH = Weighted({"loc-kp-pyongyang": 30, "loc-kp-kanggye": 20, "loc-kp-manpo": 10,
                        "loc-kp-sinuiju": 10, "loc-kr-cheorwon": 10, "loc-kp-kaesong": 10,
                        "loc-kp-sariwon": 10})
CIVILIAN_OCCUPATIONS = Weighted({
    "civil_servant": 14, "police": 10, "student": 14, "politician": 4, "journalist": 3,
    "teacher": 7, "clergy": 2, "professional": 8, "merchant": 12, "farmer": 10, "labourer": 10,
    "homemaker": 3, "soldier": 1, "other": 2, "unknown": 5})
CIVILIAN_AGES = Weighted({(14, 17): 6, (18, 29): 45, (30, 59): 45, (60, 70): 4})
CIVILIAN_STATUS = Weighted({"missing": 78, "deceased": 15, "unknown": 6, "returned": 0.5,
                            "escaped": 0.5})


def _roundup(ctx: Context) -> Incident:
    day = ABDUCTION_DATES.draw(ctx)
    place = ctx.pick(TAKEN_FROM)
    if place in STATION_OF_DISTRICT:
        body = ctx.pick(SEOUL_PERPETRATORS)
        if body == "station":
            body = STATION_OF_DISTRICT[place]
    else:
        body = ctx.pick(OTHER_PERPETRATORS)
    perpetrators = [(body, "abducting unit")]
    if day > date(1950, 12, 31) and ctx.chance(0.2):
        perpetrators.append(("body-cpv", "occupying force"))
    return Incident("abduction", draw_dated(ctx, day, FAMILY_MEMORY, max_range_days=60), place,
                    perpetrators, "abduction of civilians during the occupation",
                    "점령기 민간인 납치")


def war_abductee(ctx: Context) -> Case:
    if ctx.chance(0.6):  # taken in a round-up with neighbours or colleagues
        incident = join_group(ctx, "roundup", 2, 10, lambda: _roundup(ctx))
    else:
        incident = _roundup(ctx)
    day, place = incident.start, incident.place
    age = age_in(ctx, CIVILIAN_AGES)
    sex = "male" if ctx.chance(0.88) else "female"
    birth_year = day.year - age
    occupation = "student" if age < 18 else ctx.pick(CIVILIAN_OCCUPATIONS)
    places: list = [("TAKEN_FROM", place, {})]
    if ctx.chance(0.35):
        places.append(("LIVED_AT", place, {}))
    if place in STATION_OF_DISTRICT and ctx.chance(0.2):
        places.append(("HELD_AT", "loc-kr-seodaemun-prison",
                       held(day, day + timedelta(days=ctx.between(3, 60)))))
    if ctx.chance(0.3):
        places.append(("LAST_SEEN_AT", ctx.pick(ROUTE_NORTH), {}))
    return Case(korean(ctx, sex, birth_year), sex, birth_year, "KR", occupation,
                ctx.pick(CIVILIAN_STATUS), age, [incident], places)


# --- prisoners of war ---------------------------------------------------------------

CAPTURE_DATES = Windows([(30, "1950-06-25", "1950-12-31"), (25, "1951-01-01", "1951-12-31"),
                         (15, "1952-01-01", "1952-12-31"), (30, "1953-01-01", "1953-07-27")])
CAPTURE_PLACES = Weighted({
    "loc-kr-cheorwon": 14, "loc-kr-gimhwa": 10, "loc-kr-baengma-goji": 8, "loc-kp-kumsong": 12,
    "loc-kr-yeoncheon": 8, "loc-kr-paju": 6, "loc-kr-yanggu": 8, "loc-kr-inje": 8,
    "loc-kr-goseong": 6, "loc-kr-chuncheon": 4, "loc-kp-kaesong": 4, "loc-kr-daejeon": 4,
    "loc-kr-suwon": 4})
KPA_UNITS = Weighted({"body-kpa-i-corps": 30, "body-kpa-ii-corps": 30, "body-kpa-3-div": 10,
                      "body-kpa-4-div": 10, "body-kpa": 20})
CPV_UNITS = Weighted({"body-cpv-9-army-group": 35, "body-cpv-13-army-group": 45,
                      "body-cpv": 20})
POW_CAMPS = Weighted({"loc-fac-pow-camp-5": 40, "loc-fac-pow-camp-1": 30,
                      "loc-fac-pow-kangdong": 30})
AFTER_ARMISTICE = Weighted({"loc-fac-aoji-mine": 35, "loc-fac-komdok-mine": 15,
                            "loc-kp-hoeryong": 10, "loc-kp-musan": 10, "loc-kp-chongjin": 10,
                            "loc-kp-kanggye": 5, "loc-kp-hamhung": 5, "loc-kp-tanchon": 10})
LATER_CAMPS = Weighted({"loc-fac-kwanliso-15": 30, "loc-fac-kwanliso-14": 25,
                        "loc-fac-kwanliso-16": 20, "loc-fac-kwanliso-25": 25})
#: Where POWs' families inside the DPRK live: the mining towns they were sent to.
POW_FAMILY_HOMES = Weighted({"loc-kp-chongjin": 25, "loc-kp-hoeryong": 20, "loc-kp-musan": 20,
                             "loc-kp-tanchon": 15, "loc-kp-hamhung": 10, "loc-kp-kanggye": 10})
POW_AGES = Weighted({(17, 19): 25, (20, 25): 55, (26, 35): 20})
POW_STATUS = Weighted({"deceased": 62, "missing": 25, "unknown": 12.84, "escaped": 0.16})

def _capture(ctx: Context) -> Incident:
    day = CAPTURE_DATES.draw(ctx)
    cpv_share = 0.15 if day < date(1950, 10, 25) else 0.45
    body = ctx.pick(CPV_UNITS if ctx.chance(cpv_share) else KPA_UNITS)
    perpetrators = [(body, "capturing unit")]
    if ctx.chance(0.3):
        perpetrators.append(("body-kpa-enemy-work", "holding authority"))
    return Incident("pow_non_repatriation",
                    draw_dated(ctx, day, VAGUE, range_end=BIG_SWITCH_END),
                    ctx.pick(CAPTURE_PLACES), perpetrators,
                    "ROK soldiers captured and not repatriated after the armistice",
                    "국군 포로 피랍 및 정전 후 미송환")


def war_pow(ctx: Context) -> Case:
    if ctx.chance(0.7):  # captured with others of the unit in the same battle
        capture = join_group(ctx, "battle", 2, 12, lambda: _capture(ctx))
    else:
        capture = _capture(ctx)
    day = capture.start
    by_cpv = capture.perpetrators[0][0].startswith("body-cpv")
    age = age_in(ctx, POW_AGES)
    birth_year = day.year - age
    status = ctx.pick(POW_STATUS)
    incidents = [capture]
    places: list = []
    if ctx.chance(0.7):
        camp = "loc-fac-pow-camp-5" if by_cpv and ctx.chance(0.6) else ctx.pick(POW_CAMPS)
        places.append(("HELD_AT", camp, held(day, BIG_SWITCH_END)))
    if ctx.chance(0.4):
        places.append(("LAST_SEEN_AT", ctx.pick(AFTER_ARMISTICE), {}))
    if ctx.chance(0.08):
        later = ctx.day_between(date(1960, 1, 1), date(1985, 12, 31))
        camp = pick_facility(ctx, LATER_CAMPS, later.year)
        security = "body-mss" if later.year >= 1973 else "body-mps"
        incidents.append(Incident(
            "enforced_disappearance", draw_dated(ctx, later, VAGUE, max_range_days=365), camp,
            [(security, "arresting authority"), (FACILITY_BODY[camp], "detaining authority")],
            "former prisoner of war sent to a political prison camp",
            "국군 포로 정치범수용소 수감"))
        places.append(("HELD_AT", camp, held(later)))
    occupation = "police" if ctx.chance(0.03) else "soldier"
    return Case(korean(ctx, "male", birth_year), "male", birth_year, "KR", occupation, status,
                age, incidents, places, dprk_home=ctx.pick(POW_FAMILY_HOMES))
