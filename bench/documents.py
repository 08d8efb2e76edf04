"""Documents at scale: ingest and processing throughput through the real pipeline, public
document text search at 10,000 documents, and publication with its public file area.

What is real and what is replicated:

* **Real** -- a few hundred generated files (``documents.media.samples``: Korean and English
  letter PDFs with a text layer, photos with GPS and a camera serial in their EXIF, one-second
  videos, and scanned letter PDFs with no text layer), each about a public victim of a
  synthetic vault (``loaders.synthetic``) and different in its bytes (its own victim, year,
  seed or title). Every one goes through ``documents.ingest.ingest`` (the file into the
  originals area, the Document node, its links and its audit entry) and, once an editor's
  approval is simulated (as ``documents.demo`` does), through ``documents.process.process``:
  the letters, photos and videos without OCR, the scans with OCR (Tesseract, Korean and
  English). Processing includes what the worker does after reading the file: the
  document's republication, which copies its derived files into the public area.
* **Replicated** -- the rest of the 10,000 documents (and the ones kept back, below) are
  written straight into the vault by one raw-driver ``UNWIND`` per 1,000 (``REPLICATE``):
  each copies every property of one real, processed document (its kind, its files' hashes,
  sizes and media types, pages, duration, processing state and approval) and gets its own
  uid, titles, date and subject (another public victim, with that victim's source and
  organisation); a letter's or scan's page text is a new ``documents.demo.letter_text``
  naming that victim, with its own year, in the letter's language, so the search index holds
  10,000 different texts. A replica's files are its template's (the same derived files), so
  the stored files are those of the real documents only, and a replica's text is not what
  its file shows. No ingest audit entry is written for a replica. Another 1,000 replicas
  are kept back on purpose (half under partners-only terms, half about victims who are not
  public), so that the consent policy has documents to refuse.
* **Real again** -- publication (``graph.publication.publish_stores``: the consent policy
  over every document, the free-text gate over their titles and texts, the public graph
  rebuilt, the public file area synced), and the search: ``service.public.documents
  .search_text`` and the public page ``/documents/text?q=`` through the app, with its cache
  emptied before every timed request, for one- and several-word queries in Hangul and in
  English; next to the raw driver time of the same named queries with the same parameters,
  replayed in the same run (``public/count_document_text`` and
  ``public/search_document_text``; the latter also alone).

Baselines, in the same run: ingest against the same bytes written to a file with fsync
and a node created by one raw-driver ``CREATE`` (no detection, validation, link checks,
hashing or audit); processing against the media steps alone on the same file (probe, text
and OCR, public copy, both thumbnails: no file store, no graph, no republication);
publication against the same vault's publication before any document was added.

    python -m bench.documents                     # on the benchmark's own Neo4j pair
    python -m bench.documents --stores-from-env   # on the FOOTPRINTS_* stores (data replaced)

``make bench`` runs it first (``bench.run``); the figures go to bench/results/documents.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import percentiles, progress, raw_time, recording
from graph import queries
from graph.connections import Stores

RESULTS = Path(__file__).resolve().parent / "results"

#: The real files processed without OCR, in turn: per ten, documents.demo's mix without
#: its scans (6 letters, 3 photos, 1 video), ordered so that a few files have every kind.
MIX = ("letter", "photo", "video", "letter", "photo", "letter", "letter", "photo", "letter",
       "letter")
#: Share of letters and scans written in Korean.
KOREAN = 0.6
#: Places the photos say they were taken at (documents.demo's).
PLACES = ((37.5665, 126.9780), (35.6762, 139.6503), (38.2070, 128.5918))

#: One raw-driver write per batch of replicas: each a processed document's properties with
#: its own fields on top (merged by the caller), linked to its source and its subject.
REPLICATE = """UNWIND $rows AS row
MATCH (s:Source {uid: row.source})
MATCH (p:Entity {uid: row.about})
CREATE (d:Entity:Document)
SET d = row.props
CREATE (d)-[:FROM_SOURCE {key: ''}]->(s)
CREATE (d)-[:ABOUT {key: ''}]->(p)"""
REPLICATE_BATCH = 1000

#: The ingest baseline's node: what a hand-written upload would store, nothing checked.
RAW_CREATE = "CREATE (n:BenchRawDocument) SET n = $props"
RAW_CLEANUP = "MATCH (n:BenchRawDocument) DETACH DELETE n"

#: Words of the generated letters (documents.demo.letter_text) and their titles.
HANGUL_WORDS = ["편지", "평양", "가족", "소식", "아버지", "어머니", "겨울", "자료"]
HANGUL_PHRASES = ["평양 소식", "아버지 어머니", "가족 편지", "겨울 소식", "평양 편지"]
ENGLISH_WORDS = ["Pyongyang", "letter", "winter", "father", "news", "family", "Photograph",
                 "Interview"]
ENGLISH_PHRASES = ["Pyongyang news", "father mother", "winter letter", "door every day",
                   "letter reaches"]


@dataclass
class Scale:
    """How much to make: ``documents`` public-minded documents in the vault (real ones
    included), ``kept_back`` more that the policy must refuse."""

    victims: int = 10_000
    real: int = 200
    scans: int = 20
    documents: int = 10_000
    kept_back: int = 1_000
    queries: int = 40  # per kind of query
    seed: int = 1
    bars: bool = True


@dataclass
class Made:
    """A real file made for the run and the upload that goes with it."""

    label: str  # letter (ko), letter (en), photo, video, scan
    data: bytes
    upload: object
    organization: str
    uid: str = ""
    seconds: dict = field(default_factory=dict)


# -- the vault ------------------------------------------------------------------------------


def empty_files(stores: Stores) -> None:
    """Both file areas emptied, whichever backend holds them."""
    for area in (stores.files.originals, stores.files.public):
        for sha in list(area.hashes()):
            area.delete(sha)


def load_victims(stores: Stores, victims: int, workdir: Path, seed: int) -> dict:
    """Both graphs and the file store emptied; ``victims`` synthetic victims imported and
    published (timed: a first publication also labels every record for the first time)."""
    from bench.env import wipe
    from graph.publication import publish_stores
    from loaders.importer import import_file
    from loaders.synthetic import generate, write_jsonl

    stores.recount.wait()
    wipe(stores)
    empty_files(stores)
    path = workdir / f"document-victims-{victims}.jsonl"
    progress(f"documents: generating and loading {victims:,} victims")
    write_jsonl(generate(victims, seed=seed), path)
    import_file(stores.vault, path, database=stores.database("vault"))
    progress("documents: publishing the victims (no documents yet)")
    started = time.perf_counter()
    report = publish_stores(stores, "bench")
    return {"seconds": round(time.perf_counter() - started, 2),
            "nodes": sum(report.nodes.values())}


def subjects(stores: Stores) -> tuple[list[dict], list[dict]]:
    """Victims with a source: those whose documents may be public (victim and source public)
    and those whose documents may not (the victim is not public)."""
    rows = queries.run(stores.vault, "documents/list_demo_subjects",
                       database=stores.database("vault"), limit=10_000_000)
    public = [r for r in rows if r["person_public"] and r["source_public"]]
    hidden = [r for r in rows if not r["person_public"]]
    if not public:
        raise RuntimeError("no public victim with a public source: load more victims")
    return public, hidden


# -- the real files -------------------------------------------------------------------------


def _upload(kind: str, lang: str, subject: dict, rng: random.Random, uid: str, terms: str = "public"):
    from documents.ingest import Upload

    name = subject["name_ko"] if lang == "ko" and subject["name_ko"] else subject["name_en"]
    title_en = {"letter": f"Letter about {subject['name_en']}",
                "photo": f"Photograph of {subject['name_en']}",
                "video": f"Interview about {subject['name_en']}"}[kind]
    return Upload(kind=kind, terms_of_use=terms, source=subject["source"], title_en=title_en,
                  title_ko=f"{name} 관련 {'편지' if kind == 'letter' else '자료'}",
                  date=f"{rng.randint(1975, 2015)}-{rng.randint(1, 12):02d}-01",
                  language="none" if kind == "photo" else lang, about=[subject["person"]],
                  filename=f"{kind}-{uid}.bin", synthetic=True, uid=uid)


def make_files(public: list[dict], scale: Scale) -> list[Made]:
    """``scale.real`` files in documents.demo's mix (letters, photos, videos) and
    ``scale.scans`` scanned letters, each about its own public victim, each different."""
    from tqdm import tqdm

    from documents.demo import letter_text
    from documents.media import samples

    rng = random.Random(scale.seed)
    plan = [MIX[n % len(MIX)] for n in range(scale.real)] + ["scan"] * scale.scans
    out = []
    for n, kind in enumerate(tqdm(plan, desc="making files", unit="file", file=sys.stderr,
                                  disable=not scale.bars)):
        subject = public[n % len(public)]
        lang = "ko" if rng.random() < KOREAN else "en"
        uid = f"doc-bench-{n:05d}"
        if kind in ("letter", "scan"):
            text = letter_text(subject["name_ko"], subject["name_en"], lang, rng)
            data = (samples.letter_pdf(text, title=f"Letter about {subject['name_en']}",
                                       author="Family member", lang=lang) if kind == "letter"
                    else samples.scanned_letter_pdf(text))
            label = f"letter ({lang})" if kind == "letter" else "scan"
            upload = _upload("letter", lang, subject, rng, uid)
        elif kind == "photo":
            data = samples.photo_jpeg(gps=rng.choice(PLACES), serial=f"SN{rng.randint(10**5, 10**6)}",
                                      seed=rng.randint(0, 10**6))
            label, upload = "photo", _upload("photo", lang, subject, rng, uid)
        else:
            data = samples.video_mp4(1.0, title=f"Interview about {subject['name_en']} ({n})")
            label, upload = "video", _upload("video", lang, subject, rng, uid)
        out.append(Made(label, data, upload, subject["submitted_by"]))
    return out


# -- ingest and processing ------------------------------------------------------------------


def _throughput(items: list[Made], step: str) -> dict:
    by_kind: dict[str, list[float]] = defaultdict(list)
    size: Counter = Counter()
    for item in items:
        by_kind[item.label].append(item.seconds[step])
        size[item.label] += len(item.data)
    total_s = sum(s for samples in by_kind.values() for s in samples)
    total_bytes = sum(size.values())
    return {"documents": len(items), "bytes": total_bytes, "seconds": round(total_s, 2),
            "documents_per_s": round(len(items) / total_s, 2) if total_s else None,
            "mb_per_s": round(total_bytes / 1e6 / total_s, 2) if total_s else None,
            "per_kind": {k: {**percentiles(v), "mean_bytes": round(size[k] / len(v))}
                         for k, v in sorted(by_kind.items())}}


def ingest_all(stores: Stores, files: list[Made], scale: Scale) -> None:
    """Each file through ``documents.ingest.ingest``, timed (``seconds["ingest"]``)."""
    from tqdm import tqdm

    from documents.ingest import ingest

    for item in tqdm(files, desc="ingest", unit="doc", file=sys.stderr, disable=not scale.bars):
        started = time.perf_counter()
        doc = ingest(stores, io.BytesIO(item.data), item.upload, organization=item.organization,
                     actor="bench")
        item.seconds["ingest"] = time.perf_counter() - started
        item.uid = doc["uid"]
    queries.run(stores.vault, "documents/approve_documents", database=stores.database("vault"),
                uids=[f.uid for f in files], by="bench")


def ingest_baseline(stores: Stores, files: list[Made], scale: Scale) -> None:
    """The same bytes written to a file (fsync, rename) and a node made by a raw CREATE."""
    from tqdm import tqdm

    with tempfile.TemporaryDirectory(prefix="footprints-bench-") as folder, \
            stores.vault.session(database=stores.database("vault")) as session:
        for n, item in enumerate(tqdm(files, desc="ingest baseline", unit="doc",
                                      file=sys.stderr, disable=not scale.bars)):
            started = time.perf_counter()
            temp, final = Path(folder) / f"{n}.part", Path(folder) / str(n)
            with temp.open("wb") as handle:
                handle.write(item.data)
                handle.flush()
                os.fsync(handle.fileno())
            temp.rename(final)
            props = {"uid": f"raw-{n}", "size": len(item.data), "title_en": item.upload.title_en,
                     "kind": item.upload.kind, "source": item.upload.source}
            session.execute_write(lambda tx, p=props: tx.run(RAW_CREATE, props=p).consume())
            item.seconds["ingest raw"] = time.perf_counter() - started
        session.run(RAW_CLEANUP).consume()


def process_all(stores: Stores, files: list[Made], ocr: bool, scale: Scale) -> Counter:
    """Each document through ``documents.process.process``, timed (``seconds["process"]``)."""
    from tqdm import tqdm

    from documents.process import process

    outcome: Counter = Counter()
    for item in tqdm(files, desc=f"processing{' with OCR' if ocr else ''}", unit="doc",
                     file=sys.stderr, disable=not scale.bars):
        started = time.perf_counter()
        outcome[process(stores, item.uid, ocr=ocr, actor="bench")] += 1
        item.seconds["process"] = time.perf_counter() - started
    return outcome


def media_baseline(files: list[Made], ocr: bool, scale: Scale) -> None:
    """The media steps of processing alone, on the same bytes: no store, no graph."""
    from tqdm import tqdm

    from documents.media import detect, extract_pages, probe, public_copy, thumbnail

    for item in tqdm(files, desc="media alone", unit="doc", file=sys.stderr,
                     disable=not scale.bars):
        work = Path(tempfile.mkdtemp(prefix="footprints-bench-"))
        try:
            started = time.perf_counter()
            original = work / "original"
            original.write_bytes(item.data)
            media = detect(item.data[:64 * 1024])
            probe(original, media)
            extract_pages(original, media, ocr=ocr)
            public_copy(original, media, work / "public")
            with (work / "public").open("rb") as handle:
                public_media = detect(handle.read(64 * 1024))
            thumbnail(original, media, work / "thumb.jpg")
            thumbnail(work / "public", public_media, work / "public-thumb.jpg")
            item.seconds["media"] = time.perf_counter() - started
        finally:
            shutil.rmtree(work, ignore_errors=True)


# -- replication ----------------------------------------------------------------------------


def _templates(stores: Stores, files: list[Made]) -> list[dict]:
    rows, _, _ = stores.vault.execute_query(
        "MATCH (d:Document) WHERE d.uid IN $uids AND d.processing = 'done' "
        "RETURN d.uid AS uid, d.kind AS kind, d.language AS language, "
        "size(coalesce(d.text_pages, [])) AS pages, properties(d) AS props ORDER BY d.uid",
        uids=[f.uid for f in files], database_=stores.database("vault"))
    return [r.data() for r in rows]


def replicate(stores: Stores, files: list[Made], public: list[dict], hidden: list[dict],
              scale: Scale) -> dict:
    """Replicas of the real documents up to ``scale.documents``, and ``scale.kept_back``
    more that must stay in the vault (see the module's docstring)."""
    from tqdm import tqdm

    from documents.demo import letter_text

    rng = random.Random(scale.seed + 1)
    templates = _templates(stores, files)
    wanted = max(scale.documents - len(files), 0)
    rows = []
    for n in range(wanted + scale.kept_back):
        template = templates[n % len(templates)]
        kept_back = n >= wanted
        terms = "public"
        if kept_back and (n % 2 or not hidden):
            subject, terms = public[n % len(public)], "partners"
        elif kept_back:
            subject = hidden[n % len(hidden)]
        else:
            subject = public[(n * 7919) % len(public)]  # every public victim, spread out
        lang = template["language"] if template["language"] in ("ko", "en") else "en"
        name = subject["name_ko"] if lang == "ko" and subject["name_ko"] else subject["name_en"]
        kind = template["kind"]
        props = {"uid": f"doc-bench-r{n:06d}", "terms_of_use": terms,
                 "submitted_by": subject["submitted_by"],
                 "date": f"{rng.randint(1975, 2015)}-{rng.randint(1, 12):02d}-01",
                 "title_ko": f"{name} 관련 {'편지' if kind == 'letter' else '자료'}",
                 "title_en": {"letter": "Letter about", "photo": "Photograph of"}.get(
                     kind, "Interview about") + f" {subject['name_en']}"}
        if template["pages"]:
            props["text_pages"] = [letter_text(subject["name_ko"], subject["name_en"], lang, rng)]
        rows.append({"source": subject["source"], "about": subject["person"],
                     "props": {**template["props"], **props}})
    started = time.perf_counter()
    with stores.vault.session(database=stores.database("vault")) as session:
        for start in tqdm(range(0, len(rows), REPLICATE_BATCH), desc="replicating", unit="batch",
                          file=sys.stderr, disable=not scale.bars):
            batch = rows[start:start + REPLICATE_BATCH]
            session.execute_write(lambda tx, b=batch: tx.run(REPLICATE, rows=b).consume())
    seconds = time.perf_counter() - started
    return {"replicas": wanted, "kept_back": scale.kept_back, "templates": len(templates),
            "seconds": round(seconds, 2),
            "documents_per_s": round(len(rows) / seconds, 1) if seconds else None}


# -- publication ----------------------------------------------------------------------------


def publish_timed(stores: Stores, what: str) -> dict:
    """``publish_stores`` timed, and within it the public file area's sync."""
    from graph.publication import publish_stores

    files = stores.files
    sync = files.sync_public
    spent: list[float] = []

    def timed_sync(*args, **kwargs):
        started = time.perf_counter()
        try:
            return sync(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - started)

    files.sync_public = timed_sync  # this Files object only, for this one call
    try:
        started = time.perf_counter()
        report = publish_stores(stores, "bench")
        total = time.perf_counter() - started
    finally:
        del files.sync_public
    public_docs = stores.public.execute_query(
        "MATCH (d:Document) RETURN count(d) AS n", database_=stores.database("public")
    ).records[0]["n"]
    return {"what": what, "seconds": round(total, 2), "graph_s": round(report.seconds, 2),
            "gate_s": round(report.gate_seconds, 2), "sync_s": round(sum(spent), 2),
            "copied": report.files.get("copied"), "removed": report.files.get("removed"),
            "public_files": sum(1 for _ in files.public.hashes()),
            "public_documents": public_docs, "nodes": sum(report.nodes.values()),
            "withheld_records": report.withheld_records}


def restrict_some(stores: Stores, share: float = 0.1) -> int:
    """Partners-only terms for every document that carries the files of a ``share`` of the
    real documents (an organisation restricting its uploads): their files must leave the
    public area at the next publication. Returns the documents restricted."""
    rows, _, _ = stores.vault.execute_query(
        "MATCH (d:Document) WHERE d.uid STARTS WITH 'doc-bench-0' AND d.processing = 'done' "
        "RETURN d.public_sha256 AS sha ORDER BY d.uid", database_=stores.database("vault"))
    hashes = [r["sha"] for r in rows]
    chosen = hashes[::max(1, round(1 / share))]
    done, _, _ = stores.vault.execute_query(
        "MATCH (d:Document) WHERE d.public_sha256 IN $hashes SET d.terms_of_use = 'partners' "
        "RETURN count(d) AS n", hashes=chosen, database_=stores.database("vault"))
    return done[0]["n"]


# -- search ---------------------------------------------------------------------------------


def search_queries(stores: Stores, per_kind: int, seed: int) -> dict[str, list[str]]:
    """One- and several-word queries in Hangul and in English: the letters' own words and
    the names of victims public documents are about."""
    rows, _, _ = stores.public.execute_query(
        "MATCH (d:Document)-[:ABOUT]->(p:Person) WITH DISTINCT p "
        "RETURN p.name_ko AS ko, p.name_en AS en ORDER BY p.uid LIMIT 500",
        database_=stores.database("public"))
    rnd = random.Random(seed)
    names = [r.data() for r in rows if r["en"]]
    if not names:
        raise RuntimeError("no public document about a named person: nothing to search for")
    ko = [n["ko"] for n in names if n["ko"]] or ["김"]

    def some(words: list[str], make, n: int) -> list[str]:
        fixed = words[: n // 2]
        return (fixed + [make() for _ in range(n - len(fixed))])[:n]

    return {
        "Hangul, one word": some(HANGUL_WORDS, lambda: rnd.choice(ko), per_kind),
        "Hangul, several words": some(HANGUL_PHRASES, lambda: f"{rnd.choice(ko)} "
                                      f"{rnd.choice(['편지', '자료', '관련', '소식'])}", per_kind),
        "English, one word": some(ENGLISH_WORDS, lambda: rnd.choice(names)["en"].split()[-1]
                                  .split("-")[0], per_kind),
        "English, several words": some(ENGLISH_PHRASES, lambda: rnd.choice(names)["en"],
                                       per_kind),
    }


def search(stores: Stores, per_kind: int, seed: int) -> dict:
    """Per kind of query: ``first`` (the page, cold), ``service`` (search_text in a request
    of the app), ``page`` (/documents/text?q= through the app), each with the app's cache
    emptied first; ``raw`` (the named queries search_text ran, replayed through the driver)
    and ``raw_search`` (public/search_document_text alone); hits per query."""
    from urllib.parse import quote

    from service.app import create_app
    from service.public import documents

    app = create_app(stores.settings, stores)
    cache = app.extensions["footprints.public_cache"]
    client = app.test_client()
    database = stores.database("public")
    out = {}
    for kind, texts in search_queries(stores, per_kind, seed).items():
        progress(f"documents: search, {kind}")
        first, service, page, raw, raw_search, hits, empty, errors = [], [], [], [], [], [], 0, 0
        for text in texts:
            url = f"/documents/text?q={quote(text)}"
            cache.clear()
            started = time.perf_counter()
            client.get(url)
            first.append(time.perf_counter() - started)
            with app.test_request_context(url):
                cache.clear()
                with recording() as calls:
                    started = time.perf_counter()
                    result = documents.search_text(text)
                    service.append(time.perf_counter() - started)
            cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            page.append(time.perf_counter() - started)
            errors += response.status_code >= 400
            raw.append(raw_time(stores.public, database, calls))
            raw_search.append(raw_time(stores.public, database,
                                       [c for c in calls if c[0] == "public/search_document_text"]))
            hits.append(result["total"])
            empty += not result["items"]
        service_p, raw_p = percentiles(service), percentiles(raw_search)
        out[kind] = {"queries": texts, "first": percentiles(first), "service": service_p,
                     "page": percentiles(page), "raw": percentiles(raw),
                     "raw_search": raw_p,
                     "service_over_raw_search_p95": round(service_p["p95_ms"] / raw_p["p95_ms"], 1)
                     if raw_p.get("p95_ms") else None,
                     "hits_mean": round(sum(hits) / len(hits), 1), "no_hit": empty,
                     "errors": errors}
    return out


# -- the whole run --------------------------------------------------------------------------


def run(stores: Stores, scale: Scale | None = None, workdir: Path | None = None) -> dict:
    """The whole benchmark on ``stores`` (their graphs and files are replaced)."""
    scale = scale or Scale()
    workdir = workdir or stores.settings.var_dir / "data"
    workdir.mkdir(parents=True, exist_ok=True)
    out: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                 "scale": {k: v for k, v in vars(scale).items() if k != "bars"},
                 "load_average_at_start": [round(x, 1) for x in os.getloadavg()]}
    first = load_victims(stores, scale.victims, workdir, scale.seed)
    progress("documents: publishing the victims again (the baseline: no documents)")
    out["publish_without_documents"] = {"first": first,
                                        **publish_timed(stores, "victims only, no documents")}
    public, hidden = subjects(stores)
    out["subjects"] = {"public": len(public), "not_public": len(hidden)}

    progress(f"documents: making {scale.real} files and {scale.scans} scans")
    started = time.perf_counter()
    files = make_files(public, scale)
    out["files_made_s"] = round(time.perf_counter() - started, 1)
    plain = [f for f in files if f.label != "scan"]
    scans = [f for f in files if f.label == "scan"]

    progress("documents: ingest (store only)")
    ingest_all(stores, files, scale)
    ingest_baseline(stores, files, scale)
    out["ingest"] = {"pipeline": _throughput(files, "ingest"),
                     "raw": _throughput(files, "ingest raw")}
    progress("documents: processing without OCR")
    outcome = process_all(stores, plain, ocr=False, scale=scale)
    media_baseline(plain, ocr=False, scale=scale)
    out["processing"] = {"pipeline": {**_throughput(plain, "process"), "outcome": dict(outcome)},
                         "media_alone": _throughput(plain, "media")}
    progress("documents: processing scans with OCR")
    outcome = process_all(stores, scans, ocr=True, scale=scale)
    media_baseline(scans, ocr=True, scale=scale)
    out["processing_ocr"] = {"pipeline": {**_throughput(scans, "process"),
                                          "outcome": dict(outcome)},
                             "media_alone": _throughput(scans, "media")}

    progress(f"documents: replicating to {scale.documents:,} documents "
             f"(+{scale.kept_back:,} kept back)")
    out["replication"] = replicate(stores, files, public, hidden, scale)
    out["vault_documents"] = stores.vault.execute_query(
        "MATCH (d:Document) RETURN count(d) AS n", database_=stores.database("vault")
    ).records[0]["n"]

    progress("documents: publication with an empty public file area")
    empty_public_area(stores)
    rounds = [publish_timed(stores, "public file area empty")]
    progress("documents: publication again, nothing changed")
    rounds.append(publish_timed(stores, "nothing changed"))
    out["search"] = search(stores, scale.queries, scale.seed)
    restricted = restrict_some(stores)
    progress(f"documents: publication after restricting {restricted:,} documents")
    rounds.append(publish_timed(stores, f"{restricted} documents restricted"))
    out["publication"] = rounds
    out["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
    return out


def empty_public_area(stores: Stores) -> None:
    for sha in list(stores.files.public.hashes()):
        stores.files.public.delete(sha)


# -- the table ------------------------------------------------------------------------------


def table(result: dict) -> str:
    """The figures as Markdown tables."""
    lines = ["| step | documents | documents/s | MB/s | baseline documents/s | baseline MB/s |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, key, base in (("ingest (store only)", "ingest", "raw"),
                            ("processing without OCR", "processing", "media_alone"),
                            ("processing with OCR (scans)", "processing_ocr", "media_alone")):
        own, other = result[key]["pipeline"], result[key][base]
        lines.append(f"| {name} | {own['documents']} | {own['documents_per_s']} | "
                     f"{own['mb_per_s']} | {other['documents_per_s']} | {other['mb_per_s']} |")
    lines += ["", "| step | kind | n | p50 ms | p95 ms | baseline p50 ms | baseline p95 ms |",
              "|---|---|---:|---:|---:|---:|---:|"]
    for name, key, base in (("ingest", "ingest", "raw"), ("processing", "processing", "media_alone"),
                            ("processing (OCR)", "processing_ocr", "media_alone")):
        for kind, own in result[key]["pipeline"]["per_kind"].items():
            other = result[key][base]["per_kind"][kind]
            lines.append(f"| {name} | {kind} | {own['n']} | {own['p50_ms']} | {own['p95_ms']} | "
                         f"{other['p50_ms']} | {other['p95_ms']} |")
    public = result["publication"][0]["public_documents"]
    lines += ["", f"Search over {public:,} public documents ({result['vault_documents']:,} in "
              "the vault):", "",
              "| query | search_text p50 / p95 ms | page p50 / p95 ms | raw search p50 / p95 ms"
              " | raw count+search p50 / p95 ms | hits (mean) |",
              "|---|---:|---:|---:|---:|---:|"]
    for kind, row in result["search"].items():
        def pair(p: dict) -> str:
            return f"{p['p50_ms']} / {p['p95_ms']}"

        lines.append(f"| {kind} | {pair(row['service'])} | {pair(row['page'])} | "
                     f"{pair(row['raw_search'])} | {pair(row['raw'])} | {row['hits_mean']} |")
    lines += ["", "| publication | total s | graph s | gate s | sync s | copied | removed |"
              " public documents | public files |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in [result["publish_without_documents"], *result["publication"]]:
        lines.append(f"| {row['what']} | {row['seconds']} | {row['graph_s']} | {row['gate_s']} | "
                     f"{row['sync_s']} | {row['copied']} | {row['removed']} | "
                     f"{row['public_documents']} | {row['public_files']} |")
    return "\n".join(lines)


def main() -> None:
    from bench import env
    from graph.schema import install_schema
    from graph.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    defaults = Scale()
    parser.add_argument("--victims", type=int, default=defaults.victims)
    parser.add_argument("--real", type=int, default=defaults.real,
                        help="real files processed without OCR (letters, photos, videos)")
    parser.add_argument("--scans", type=int, default=defaults.scans,
                        help="real scanned letters processed with OCR")
    parser.add_argument("--documents", type=int, default=defaults.documents,
                        help="documents that may be public, real ones and replicas")
    parser.add_argument("--kept-back", type=int, default=defaults.kept_back)
    parser.add_argument("--queries", type=int, default=defaults.queries,
                        help="queries per kind (Hangul/English, one/several words)")
    parser.add_argument("--stores-from-env", action="store_true",
                        help="use the stores FOOTPRINTS_* name instead of starting the "
                             "benchmark's own pair; their data and files are replaced")
    parser.add_argument("--out", default=str(RESULTS / "documents.json"))
    args = parser.parse_args()
    scale = Scale(victims=args.victims, real=args.real, scans=args.scans,
                  documents=args.documents, kept_back=args.kept_back, queries=args.queries)
    settings = Settings.from_env(dict(os.environ)) if args.stores_from_env \
        else env.bench_settings()
    stores = Stores(settings, unlock=True) if args.stores_from_env else env.start(settings)
    if args.stores_from_env:
        for name in ("vault", "public"):
            install_schema(stores.driver(name), stores.database(name))
    try:
        write(run(stores, scale), Path(args.out))
    finally:
        stores.close()


def write(result: dict, path: Path) -> None:
    """The figures to ``path`` (JSON), with the machine; the table printed."""
    from bench import env

    result = {"machine": env.machine(), **result}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(table(result), flush=True)
    progress(f"figures: {path}")


if __name__ == "__main__":
    main()
