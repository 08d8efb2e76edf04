"""The synthetic generator: determinism, validity against the interchange format and
the vocabularies, referential integrity, and the shape of the domain."""

import io
import itertools
import re
from collections import Counter, defaultdict
from datetime import date

import pytest

from graph.model import MODEL
from graph.vocabularies import VOCABULARIES, age_group
from loaders.synthetic import (
    CITED_TYPES,
    SCALES,
    WEIGHTS,
    dumps,
    generate,
    quotas,
    write_jsonl,
)

VICTIMS = 10_000

# Fields each record type may carry, the required ones, the vocabularies of coded ones and the
# dates: from the model's one definition (graph/model).
FIELDS = {name: set(rtype.interchange_fields()) for name, rtype in MODEL.records.items()}
REQUIRED = {name: {f for spec in rtype.fields.values() if spec.required and spec.interchange
                   for f in spec.interchange_names}
            for name, rtype in MODEL.records.items()}
VOCAB_FIELDS = {name: rtype.vocabulary_fields() for name, rtype in MODEL.records.items()}
DATE_FIELDS = {f for rtype in MODEL.records.values() for f, spec in rtype.fields.items()
               if spec.type == "date"}
# Sources and reference records are reviewed for publication, and the generator's approved.
for _kind in ("PerpetratorBody", "Location", "Instrument", "Resource", "Source", "Organization"):
    REQUIRED[_kind] |= {"review_status"}
# Relationship type -> (allowed from-labels, allowed to-labels); Official/Victim/Witness are roles.
ENDS = {
    "SUBJECTED_TO": ({"Victim"}, {"Event"}),
    "PERPETRATED_BY": ({"Event"}, {"PerpetratorBody", "Official"}),
    "OCCURRED_AT": ({"Event"}, {"Location"}),
    "LIVED_AT": ({"Person"}, {"Location"}),
    "TAKEN_FROM": ({"Person"}, {"Location"}),
    "LAST_SEEN_AT": ({"Person"}, {"Location"}),
    "HELD_AT": ({"Person"}, {"Location"}),
    "RELATIVE_OF": ({"Person"}, {"Person"}),
    "WITNESSED": ({"Witness"}, {"Event"}),
    "MEMBER_OF": ({"Official"}, {"PerpetratorBody"}),
    "PART_OF": ({"PerpetratorBody"}, {"PerpetratorBody", "Official"}),
    "COMMANDED_BY": ({"PerpetratorBody"}, {"PerpetratorBody", "Official"}),
    "REPORTS_TO": ({"PerpetratorBody"}, {"PerpetratorBody", "Official"}),
    "WITHIN": ({"Location"}, {"Location"}),
    "CONCERNS": ({"Proceeding"}, {"Victim"}),
    "NAMES": ({"Proceeding"}, {"PerpetratorBody", "Official"}),
    "INVOKES": ({"Proceeding"}, {"Instrument", "Resource"}),
    "FILED_BY": ({"Proceeding"}, {"Organization"}),
    "SUPPORTS": ({"Source"}, None),
    "GAVE": ({"Person"}, {"Consent"}),
}
CATEGORY_YEARS = {
    "war_abductee": (1950, 1953), "war_pow": (1950, 1953), "postwar_abductee": (1955, 2016),
    "japan_returnee": (1959, 1984), "japanese_abductee": (1977, 1983),
    "foreign_abductee": (1977, 1986), "internal_disappearance": (1960, 2024),
    "forced_repatriation": (1995, 2024),
}
HANGUL = re.compile(r"^[가-힣 ]+$")


class Dataset:
    """One generated dataset, indexed for the checks below."""

    def __init__(self, records):
        self.records = records
        self.nodes = [r for r in records if r["record"] != "rel"]
        self.rels = [r for r in records if r["record"] == "rel"]
        self.by_uid = {r["uid"]: r for r in self.nodes}
        self.victims = [r for r in self.nodes
                        if r["record"] == "Person" and "Victim" in r["roles"]]
        self.rels_by_type = defaultdict(list)
        for r in self.rels:
            self.rels_by_type[r["type"]].append(r)

    def labels(self, uid):
        node = self.by_uid[uid]
        labels = {node["record"]}
        if node["record"] == "Person":
            labels |= set(node["roles"])
        return labels

    def events_of(self, victim_uid):
        return [self.by_uid[r["to"]] for r in self.subjected[victim_uid]]

    @property
    def subjected(self):
        if not hasattr(self, "_subjected"):
            self._subjected = defaultdict(list)
            for r in self.rels_by_type["SUBJECTED_TO"]:
                self._subjected[r["from"]].append(r)
        return self._subjected


@pytest.fixture(scope="module")
def data():
    return Dataset(list(generate(VICTIMS, seed=11)))


# --- determinism and streaming -------------------------------------------------------

def test_same_seed_is_byte_identical(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert write_jsonl(generate(800, seed=3), first) == write_jsonl(generate(800, seed=3),
                                                                      second)
    assert first.read_bytes() == second.read_bytes()


def test_different_seed_differs():
    a = [dumps(r) for r in generate(300, seed=1)]
    b = [dumps(r) for r in generate(300, seed=2)]
    assert a != b


def test_reference_records_do_not_depend_on_seed_or_scale():
    def reference(victims, seed):
        records = list(generate(victims, seed))
        first_victim_source = next(i for i, r in enumerate(records)
                                   if r["record"] == "Source" and r["uid"] == "src-000001")
        return records[:first_victim_source]

    small = reference(10, 1)
    assert small == reference(200, 99)
    assert small == list(generate(0))
    kinds = Counter(r["record"] for r in small)
    assert kinds["Location"] > 100 and kinds["PerpetratorBody"] > 50
    assert 4 <= kinds["Organization"] <= 6


def test_generation_is_lazy():
    records = generate(10**9, seed=1)
    assert not isinstance(records, list)
    head = list(itertools.islice(records, 3000))
    assert any(r["record"] == "Person" and "Victim" in r["roles"] for r in head)


def test_write_jsonl_to_stream_with_progress():
    stream = io.StringIO()
    reported = []
    count = write_jsonl(generate(1500, seed=4), stream, progress=reported.append)
    lines = stream.getvalue().splitlines()
    assert count == len(lines) == sum(reported)
    assert max(reported) <= 10_000
    assert lines[0].startswith('{"record":"Organization"')
    assert "\\u" not in stream.getvalue()  # UTF-8 text, not escapes


def test_scales():
    assert SCALES["demo"] == 2000
    assert SCALES["small"] == 200
    assert all(isinstance(v, int) and v > 0 for v in SCALES.values())


# --- validity ---------------------------------------------------------------------

def test_node_fields_and_vocabularies(data):
    for record in data.nodes:
        kind = record["record"]
        fields = set(record) - {"record"}
        assert REQUIRED[kind] <= fields, record
        assert fields <= FIELDS[kind], (fields - FIELDS[kind], record)
        for field, value in record.items():
            vocabulary = VOCAB_FIELDS[kind].get(field)
            if vocabulary is not None:
                assert value in VOCABULARIES[vocabulary], (kind, field, value)
            if field in DATE_FIELDS:
                date.fromisoformat(value)
            if value is None:
                pytest.fail(f"null field {field} in {record}")
        if kind == "Person":
            assert record["roles"] and set(record["roles"]) <= set(VOCABULARIES["role"])
            assert isinstance(record.get("name_variants", []), list)


def test_every_record_says_it_is_synthetic(data):
    """Every record of every kind, relationships included, carries ``synthetic: true``."""
    kinds = Counter()
    for record in data.records:
        assert record.get("synthetic") is True, record
        kinds[record["record"]] += 1
    # Documents come with their files: the demo's are made by documents/demo.py, not here.
    assert set(kinds) == {*FIELDS, "rel"} - {"Document"}
    assert set(data.rels_by_type) == set(ENDS)


def test_records_pass_the_import_schemas():
    """Every record loads with the importer's own schemas (loaders/records.py)."""
    from loaders.records import NODE_SCHEMAS, REL_TYPES, RelRecord

    rel_schema = RelRecord()
    schemas = {kind: schema() for kind, schema in NODE_SCHEMAS.items()}
    labels = {}
    records = list(generate(1500, seed=5))
    for record in records:
        if record["record"] != "rel":
            schemas[record["record"]].load(record)
            labels[record["uid"]] = record["record"]
    for record in records:
        if record["record"] == "rel":
            rel = rel_schema.load(record)
            starts, ends, _fact = REL_TYPES[rel["type"]]
            assert labels[rel["start"]] in starts and labels[rel["end"]] in ends, record


def test_uids_unique(data):
    uids = [r["uid"] for r in data.nodes]
    assert len(uids) == len(set(uids))
    prefixes = {uid.split("-")[0] for uid in uids}
    assert prefixes == {"p", "e", "loc", "body", "src", "con", "org", "proc", "ins", "res"}
    assert all(re.fullmatch(r"p-\d{6}|p-official-\d{3}", r["uid"])
               for r in data.nodes if r["record"] == "Person")


def test_relationship_types_and_ends(data):
    seen = set()
    for rel in data.rels:
        assert set(rel) <= {"record", "type", "from", "to", "sources", "key", "props",
                            "synthetic"}
        assert rel["type"] in ENDS
        assert rel["from"] in data.by_uid and rel["to"] in data.by_uid, rel
        allowed_from, allowed_to = ENDS[rel["type"]]
        assert data.labels(rel["from"]) & allowed_from, rel
        if allowed_to is not None:
            assert data.labels(rel["to"]) & allowed_to, rel
        identity = (rel["type"], rel["from"], rel["to"], rel.get("key"))
        assert identity not in seen, rel
        seen.add(identity)
    for rel in data.rels_by_type["RELATIVE_OF"]:
        assert rel["props"]["relation"] in VOCABULARIES["relation"]
        assert "Relative" in data.by_uid[rel["from"]]["roles"]
        assert "Victim" in data.by_uid[rel["to"]]["roles"]


def test_every_fact_has_existing_sources(data):
    from loaders.records import REL_TYPES

    facts = {type_ for type_, (_starts, _ends, fact) in REL_TYPES.items() if fact}
    assert facts <= CITED_TYPES
    for rel in data.rels:
        if rel["type"] in CITED_TYPES:
            assert rel["sources"], rel
            for uid in rel["sources"]:
                assert data.by_uid[uid]["record"] == "Source", rel
        else:
            assert rel["type"] in {"SUPPORTS", "GAVE"}


def test_every_source_supports_something(data):
    supported = {rel["from"] for rel in data.rels_by_type["SUPPORTS"]}
    assert supported == {r["uid"] for r in data.nodes if r["record"] == "Source"}


def test_owner_and_organisation_references(data):
    orgs = {r["uid"] for r in data.nodes if r["record"] == "Organization"}
    for record in data.nodes:
        for field in ("owner", "submitted_by", "obtained_by", "partner"):
            if field in record:
                assert record[field] in orgs, (field, record)


# --- dates ----------------------------------------------------------------------------

def test_event_dates_follow_precision(data):
    for event in (r for r in data.nodes if r["record"] == "Event"):
        start = date.fromisoformat(event["date_start"])
        end = date.fromisoformat(event["date_end"])
        assert start <= end
        assert event["year"] == start.year
        assert 1950 <= start.year <= 2024
        precision = event["date_precision"]
        if precision == "day":
            assert start == end
        elif precision == "month":
            assert start.day == 1 and (start.year, start.month) == (end.year, end.month)
            assert (end.replace(day=28) + (end - end.replace(day=28))).month == end.month
        elif precision == "year":
            assert (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
            assert start.year == end.year
        assert event["summary_en"].startswith("Synthetic record:")
        assert event["summary_ko"].startswith("가상 기록:")


def test_date_precision_mix(data):
    precisions = Counter(r["date_precision"] for r in data.nodes if r["record"] == "Event")
    assert set(precisions) == {"day", "month", "year", "range"}


def test_category_years(data):
    for victim in data.victims:
        low, high = CATEGORY_YEARS[victim["category"]]
        first = min(e["year"] for e in data.events_of(victim["uid"]))
        assert low <= first <= high, victim
        age = first - victim["birth_year"]
        assert victim["age_group"] == age_group(age)


def test_dated_props(data):
    for type_ in ("HELD_AT", "COMMANDED_BY", "REPORTS_TO", "PART_OF"):
        for rel in data.rels_by_type[type_]:
            props = rel["props"]
            if "date_from" in props and "date_to" in props:
                assert props["date_from"] <= props["date_to"], rel
    assert all("date_from" in r["props"] for r in data.rels_by_type["HELD_AT"])


def test_consent_dates(data):
    for consent in (r for r in data.nodes if r["record"] == "Consent"):
        if "withdrawn_on" in consent:
            assert consent["withdrawn_on"] > consent["given_on"]
            assert consent["purpose"] == "publication"
        if consent["purpose"] == "partner_sharing":
            assert consent["partner"] != consent["obtained_by"]
        else:
            assert "partner" not in consent


# --- shape of the domain -------------------------------------------------------------

def test_category_proportions(data):
    counts = Counter(v["category"] for v in data.victims)
    assert counts == Counter(quotas(VICTIMS))
    assert sum(counts.values()) == VICTIMS
    total = sum(WEIGHTS.values())
    for category, weight in WEIGHTS.items():
        assert abs(counts[category] / VICTIMS - weight / total) < 0.002, category
    biggest = [c for c, _ in counts.most_common(3)]
    assert set(biggest) == {"war_abductee", "japan_returnee", "internal_disappearance"}
    assert counts["war_pow"] > 0.1 * VICTIMS


def test_quotas_at_any_scale():
    for victims in (0, 1, 7, 8, 50, 200, 2000, 123_457):
        counts = quotas(victims)
        assert sum(counts.values()) == victims
        assert all(count >= 0 for count in counts.values())
        if victims >= len(WEIGHTS):
            assert all(count >= 1 for count in counts.values())


def test_statuses_are_plausible(data):
    by_category = defaultdict(Counter)
    for victim in data.victims:
        by_category[victim["category"]][victim["status"]] += 1
    postwar = by_category["postwar_abductee"]
    assert postwar["returned"] / sum(postwar.values()) > 0.7
    assert by_category["war_pow"].most_common(1)[0][0] == "deceased"
    assert by_category["war_abductee"].most_common(1)[0][0] == "missing"
    assert by_category["forced_repatriation"]["detained"] > 0
    for victim in data.victims:
        expected = victim["status"] in {"missing", "deceased", "detained", "unknown"}
        assert victim["deceased_or_disappeared"] is expected


def test_category_specific_details(data):
    kinds = defaultdict(Counter)
    occupations = defaultdict(Counter)
    places = defaultdict(Counter)
    for victim in data.victims:
        for event in data.events_of(victim["uid"]):
            kinds[victim["category"]][event["kind"]] += 1
        occupations[victim["category"]][victim["occupation"]] += 1
    for rel in data.rels_by_type["TAKEN_FROM"]:
        places[data.by_uid[rel["from"]]["category"]][rel["to"]] += 1
    assert kinds["war_pow"].most_common(1)[0][0] == "pow_non_repatriation"
    assert kinds["japan_returnee"].most_common(1)[0][0] == "return_to_dprk"
    assert kinds["forced_repatriation"]["forced_repatriation"] > 0
    assert occupations["war_pow"].most_common(1)[0][0] == "soldier"
    assert occupations["postwar_abductee"].most_common(1)[0][0] == "fisherman"
    seoul = sum(n for uid, n in places["war_abductee"].items() if uid.startswith("loc-kr-seoul"))
    assert seoul / sum(places["war_abductee"].values()) > 0.4
    assert all(uid.startswith("loc-cn-") for uid in places["forced_repatriation"])
    held = {r["to"] for r in data.rels_by_type["HELD_AT"]}
    assert {"loc-fac-kwanliso-15", "loc-fac-kwanliso-14", "loc-fac-onsong-holding"} <= held


def test_names(data):
    for victim in data.victims:
        assert victim["name_en"]
        if victim["category"] in {"war_abductee", "war_pow", "postwar_abductee",
                                  "internal_disappearance", "forced_repatriation"}:
            assert HANGUL.match(victim["name_ko"]), victim
            assert victim["name_variants"]
    japanese = [v for v in data.victims if v["category"] == "japanese_abductee"]
    assert japanese and all(any(re.search("[ァ-ヺ]", n) for n in v["name_variants"])
                            for v in japanese)
    # People from inside the DPRK carry North Korean spellings of surnames (리, not 이).
    north = [v for v in data.victims
             if v["category"] in {"internal_disappearance", "forced_repatriation"}]
    assert not any(v["name_ko"].startswith("이") for v in north)
    assert any(v["name_ko"].startswith("리") for v in north)


def test_perpetrators(data):
    bodies = [r for r in data.nodes if r["record"] == "PerpetratorBody"]
    sub_units = {rel["from"] for rel in data.rels_by_type["PART_OF"]}
    top = [b["perpetrator"] for b in bodies if b["uid"] not in sub_units]
    assert sorted(top) == sorted(VOCABULARIES["perpetrator"])  # the twelve, once each
    officials = [r for r in data.nodes if r["record"] == "Person" and "Official" in r["roles"]]
    assert officials
    member_of = {r["from"] for r in data.rels_by_type["MEMBER_OF"]}
    assert {o["uid"] for o in officials} == member_of
    assert any("Official" in data.labels(r["to"]) for r in data.rels_by_type["PERPETRATED_BY"])
    assert all(rel["props"].get("role") for rel in data.rels_by_type["PERPETRATED_BY"])


def test_chain_of_command_reaches_supreme_leader(data):
    up = defaultdict(set)
    for type_ in ("PART_OF", "REPORTS_TO", "COMMANDED_BY"):
        for rel in data.rels_by_type[type_]:
            if data.by_uid[rel["to"]]["record"] == "PerpetratorBody":
                up[rel["from"]].add(rel["to"])
    dated = [r for r in data.rels_by_type["REPORTS_TO"] if r["from"] == "body-mss"]
    assert {(r["to"], r["props"].get("date_to")) for r in dated} == {
        ("body-ndc", "2016-06-29"), ("body-sac", None)}
    for body in (r for r in data.nodes if r["record"] == "PerpetratorBody"):
        if body["perpetrator"] in {"cpv", "unknown", "supreme_leader"}:
            continue
        frontier, seen = [body["uid"]], set()
        while frontier:
            current = frontier.pop()
            seen.add(current)
            frontier += [u for u in up[current] if u not in seen]
        assert "body-supreme-leader" in seen, body["uid"]


def test_locations(data):
    locations = [r for r in data.nodes if r["record"] == "Location"]
    parent = {r["from"]: r["to"] for r in data.rels_by_type["WITHIN"]}
    for location in locations:
        assert -90 <= location["lat"] <= 90 and -180 <= location["lon"] <= 180
        assert ("facility_type" in location) == (location["kind"] == "facility")
        current, hops = location["uid"], 0
        while current in parent:
            current, hops = parent[current], hops + 1
            assert hops < 10
        assert data.by_uid[current]["kind"] == "country"
    kp = [r for r in locations if r["uid"].startswith("loc-kp-")]
    assert all(37.5 < r["lat"] < 43.1 and 124 < r["lon"] < 131 for r in kp)


def test_sources_terms_mix(data):
    sources = [r for r in data.nodes if r["record"] == "Source"]
    terms = Counter(s["terms_of_use"] for s in sources)
    assert set(terms) == set(VOCABULARIES["terms_of_use"])
    for source in sources:
        if source["kind"] in {"petition", "un_communication"}:
            assert source["terms_of_use"] == "un_only"
        if source["kind"] == "news_article":
            assert source["terms_of_use"] == "public"
        assert source["title"].startswith("Synthetic")
    public_facts = sum(1 for r in data.rels_by_type["SUBJECTED_TO"]
                       if any(data.by_uid[s]["terms_of_use"] == "public" for s in r["sources"]))
    assert 0.2 < public_facts / len(data.rels_by_type["SUBJECTED_TO"]) < 0.9


def test_consent_mix(data):
    consents = {r["uid"]: r for r in data.nodes if r["record"] == "Consent"}
    gave = Counter(r["to"] for r in data.rels_by_type["GAVE"])
    assert set(gave) == set(consents) and set(gave.values()) == {1}
    by_person = defaultdict(list)
    for rel in data.rels_by_type["GAVE"]:
        by_person[rel["from"]].append(consents[rel["to"]])
    victims = len(data.victims)
    none = sum(1 for v in data.victims if v["uid"] not in by_person)
    assert 0.05 < none / victims < 0.35
    purposes = Counter(c["purpose"] for c in consents.values())
    assert set(purposes) == set(VOCABULARIES["consent_purpose"])
    un_only = sum(1 for v in data.victims
                  if {c["purpose"] for c in by_person[v["uid"]]} == {"un_submission"})
    assert un_only / victims > 0.1
    assert any("withdrawn_on" in c for c in consents.values())
    assert any(c["by_family"] for c in consents.values())
    for victim in data.victims:
        for consent in by_person[victim["uid"]]:
            assert consent["by_family"] is victim["deceased_or_disappeared"]


def test_third_parties(data):
    relatives = [r for r in data.nodes if r["record"] == "Person" and "Relative" in r["roles"]]
    witnesses = [r for r in data.nodes if r["record"] == "Person" and "Witness" in r["roles"]]
    assert 0.2 < len(relatives) / VICTIMS < 0.8
    assert 0.02 < len(witnesses) / VICTIMS < 0.3
    in_dprk = [r for r in relatives if r["in_dprk"]]
    assert 0.1 < len(in_dprk) / len(relatives) < 0.6
    assert any(w["in_dprk"] for w in witnesses)
    lived = {r["from"] for r in data.rels_by_type["LIVED_AT"]}
    assert any(r["uid"] in lived for r in in_dprk)
    witnessed = {r["from"] for r in data.rels_by_type["WITNESSED"]}
    assert witnessed == {w["uid"] for w in witnesses}


def test_proceedings(data):
    proceedings = [r for r in data.nodes if r["record"] == "Proceeding"]
    forums = Counter(p["forum"] for p in proceedings)
    assert forums["un_wgeid"] > 0.04 * VICTIMS
    assert forums["un_wgad"] > 0 and forums["court_kr"] > 0
    concerned = Counter(r["from"] for r in data.rels_by_type["CONCERNS"])
    filed = Counter(r["from"] for r in data.rels_by_type["FILED_BY"])
    invokes = Counter(r["from"] for r in data.rels_by_type["INVOKES"])
    for proceeding in proceedings:
        uid = proceeding["uid"]
        assert concerned[uid] == 1 and filed[uid] == 1 and invokes[uid] >= 1
        assert proceeding["title"].startswith("Synthetic")
        reference = proceeding["reference"]
        if proceeding["forum"] == "un_wgeid":
            assert re.fullmatch(r"WGEID case no\. \d{8}", reference)
        if proceeding["forum"] == "un_wgad" and proceeding["status"] == "decided":
            assert re.fullmatch(r"WGAD Opinion No\. \d+/\d{4}", reference)
            assert proceeding["outcome"] == "opinion_arbitrary"
    invoked = {r["to"] for r in data.rels_by_type["INVOKES"]}
    assert {"ins-iccpr", "ins-decl-ed", "res-criminal-law"} <= invoked


def test_every_forum_occurs_at_demo_scale():
    """All six forums of the vocabulary, the courts rarely, at ``--scale demo`` (seed 1)."""
    forums = Counter(r["forum"] for r in generate(SCALES["demo"], seed=1)
                     if r["record"] == "Proceeding")
    assert set(forums) == set(VOCABULARIES["forum"])
    courts = sum(n for forum, n in forums.items() if forum.startswith("court_"))
    assert courts < 0.2 * sum(forums.values())
    assert forums["court_us"] < forums["court_kr"] and forums["court_cn"] < forums["un_wgad"]


def test_relationship_density(data):
    per_victim = len(data.rels) / VICTIMS
    assert 5 < per_victim < 9
