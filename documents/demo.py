"""Synthetic documents for the demo, the tests and the benchmarks: letters (PDF, Korean
and English, some of them scans), photos with GPS and a camera serial in their EXIF, and a
few short videos, each about a victim of the vault and from a source that supports them.

They go through the real pipeline (``documents.ingest`` then ``documents.process``), so
the demo shows what an organisation's upload gives: public copies without metadata, text
and OCR, thumbnails, and consent deciding which documents the public sees. An editor's
approval is simulated; the consent policy still keeps out every document about someone
who is not public, or whose text names them.
"""

from __future__ import annotations

import io
import random
import sys
from collections import Counter

from graph import audit, queries
from graph.connections import Stores

#: The kind made for each victim picked, in turn (letters are most of a collection).
KINDS = ("letter", "photo", "scan", "letter", "video", "photo", "letter", "scan", "letter",
         "photo", "letter", "letter")
#: The share of the documents about victims who are public: the rest show consent at work.
PUBLIC_SHARE = 2 / 3
#: Places the photos say they were taken at (lat, lon): Seoul, Tokyo, Sokcho.
PLACES = ((37.5665, 126.9780), (35.6762, 139.6503), (38.2070, 128.5918))


def letter_text(name_ko: str | None, name_en: str, lang: str, rng: random.Random) -> str:
    year = rng.randint(1975, 2015)
    if lang == "ko":
        who = name_ko or name_en
        return (f"사랑하는 가족에게\n\n{year}년 겨울, {who}의 소식을 기다리며 이 편지를 씁니다. "
                "평양으로 끌려간 뒤 아무 소식이 없습니다. 아버지와 어머니는 매일 "
                "문 앞에서 기다립니다. 언젠가 이 편지가 닿기를 바랍니다.\n\n가족 드림")
    return (f"To whom it may concern,\n\nIn the winter of {year} we wrote again about "
            f"{name_en}. Since being taken to Pyongyang there has been no news. Our father and "
            "mother wait at the door every day. We hope this letter reaches someone who can "
            "help.\n\nThe family")


def make(stores: Stores, *, victims: int = 12, seed: int = 1, ocr: bool = True,
         actor: str = "demo", progress: bool = False) -> Counter:
    """Documents about up to ``victims`` victims; returns counts by kind and by outcome."""
    from documents.ingest import Upload, ingest
    from documents.media import samples
    from documents.process import process

    rng = random.Random(seed)
    vault, db = stores.vault, stores.database("vault")
    prefix = f"doc-demo{seed}-"
    if queries.run(vault, "documents/count_documents_from", database=db,
                   prefix=prefix)[0]["documents"]:
        return Counter({"already made": 1})  # make demo runs again: the documents are there
    rows = queries.run(vault, "documents/list_demo_subjects", database=db, limit=victims * 50)
    public = [r for r in rows if r["person_public"]][:round(victims * PUBLIC_SHARE)]
    subjects = public + [r for r in rows if not r["person_public"]][:victims - len(public)]
    kinds = KINDS
    made: Counter = Counter()
    uids: list[str] = []
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(subjects), desc="demo documents", unit="victim", file=sys.stderr)
    for n, subject in enumerate(subjects):
        for i, kind in enumerate((kinds[n % len(kinds)], "letter") if n % 3 == 0
                                 else (kinds[n % len(kinds)],)):
            lang = "ko" if rng.random() < 0.6 else "en"
            name = subject["name_ko"] if lang == "ko" and subject["name_ko"] else subject["name_en"]
            if kind in ("letter", "scan"):
                text = letter_text(subject["name_ko"], subject["name_en"], lang, rng)
                title_en = f"Letter about {subject['name_en']}"
                data = (samples.letter_pdf(text, title=title_en, author="Family member",
                                           lang=lang) if kind == "letter"
                        else samples.scanned_letter_pdf(text))
                doc_kind, language = "letter", lang
            elif kind == "photo":
                data = samples.photo_jpeg(gps=rng.choice(PLACES), serial=f"SN{rng.randint(10**5, 10**6)}",
                                          seed=rng.randint(0, 10**6))
                title_en, doc_kind, language = f"Photograph of {subject['name_en']}", "photo", "none"
            else:
                data = samples.video_mp4(1.0, title=f"Interview about {subject['name_en']}")
                title_en, doc_kind, language = f"Interview about {subject['name_en']}", "video", lang
            upload = Upload(kind=doc_kind, terms_of_use="public" if rng.random() < 0.85 else "partners",
                            source=subject["source"], title_en=title_en,
                            title_ko=f"{name} 관련 {'편지' if doc_kind == 'letter' else '자료'}",
                            date=f"{rng.randint(1975, 2015)}-{rng.randint(1, 12):02d}-01",
                            language=language, about=[subject["person"]],
                            filename=f"{doc_kind}-{n}.bin", synthetic=True,
                            uid=f"{prefix}{n:05d}-{i}")
            doc = ingest(stores, io.BytesIO(data), upload, organization=subject["submitted_by"],
                         actor=actor)
            uids.append(doc["uid"])
            made[doc_kind] += 1
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    queries.run(vault, "documents/approve_documents", database=db, uids=uids, by=actor)
    audit.append(vault, actor, "document.review", None, database=db, status="approved",
                 documents=len(uids), synthetic=True)
    for uid in uids:
        made[f"processing {process(stores, uid, ocr=ocr, actor=actor)}"] += 1
    return made
