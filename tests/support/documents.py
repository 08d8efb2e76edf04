"""Documents for the tests, over the consent-states fixture: made with the real pipeline
(``documents.ingest``, ``documents.process``), approved by an editor, then published.

``DOCUMENTS`` says what each is and whether the consent policy must let it out:
- ``letter-public``: a Korean letter about Nam Gyeongho-public (public) from a public
  source, whose text says 평양: public;
- ``photo-public``: a photo of Ma Jaeseok-public with GPS, a camera serial and a
  photographer's name in its metadata: public, its public copy without any of it;
- ``letter-names-hidden``: about a public person, but its text names Hwang Ilsu-none, who
  gave no consent: never public;
- ``photo-about-hidden``: about Hwang Ilsu-none: never public;
- ``letter-partners``: a public person's letter under partners-only terms: never public.
"""

from __future__ import annotations

import io
import shutil
from functools import cache

from documents.ingest import Upload, ingest
from documents.process import process
from graph import queries

#: The one hidden person the documents name or are about, and their identifying strings.
HIDDEN = {"uid": "p-1001", "name_en": "Hwang Ilsu-none", "name_ko": "황일수없음"}
PUBLIC_WORD = "평양"


@cache
def samples() -> dict[str, bytes]:
    """The sample files, made once per session (WeasyPrint, Pillow)."""
    from documents.media import samples as s

    return {
        "letter-public": s.letter_pdf(
            f"사랑하는 형님께. 남경호공개 형님이 {PUBLIC_WORD}으로 끌려간 지 오래되었습니다.",
            title="Letter about Nam Gyeongho-public", author="Nam family", lang="ko"),
        "photo-public": s.photo_jpeg(seed=7),
        "letter-names-hidden": s.letter_pdf(
            f"We also saw {HIDDEN['name_en']} at the station before the arrest.",
            title="A neighbour's letter", author="A neighbour", lang="en"),
        "photo-about-hidden": s.photo_jpeg(seed=8, serial="SECRET-SERIAL-99"),
        "letter-partners": s.letter_pdf("A letter kept for partners only.",
                                        title="Partners' letter", author="Nam family",
                                        lang="en"),
    }


#: name -> (kind, about, source, terms, public?)
DOCUMENTS = {
    "letter-public": ("letter", "p-1007", "src-pub1", "public", True),
    "photo-public": ("photo", "p-1010", "src-pub1", "public", True),
    "letter-names-hidden": ("letter", "p-1007", "src-pub1", "public", False),
    "photo-about-hidden": ("photo", HIDDEN["uid"], "src-pub1", "public", False),
    "letter-partners": ("letter", "p-1007", "src-pub1", "partners", False),
}


def empty_files(stores) -> None:
    """Both file areas emptied (the local store of the test settings)."""
    shutil.rmtree(stores.settings.files_dir, ignore_errors=True)


def add_documents(stores, names=tuple(DOCUMENTS), ocr: bool = False) -> dict[str, str]:
    """Ingest, process and approve the named documents; returns name -> uid. The caller
    publishes (processing republishes each one already)."""
    uids: dict[str, str] = {}
    for name in names:
        kind, about, source, terms, _ = DOCUMENTS[name]
        upload = Upload(kind=kind, terms_of_use=terms, source=source, about=[about],
                        title_en=f"Test {name}", language="none" if kind == "photo" else "ko",
                        filename=f"{name}.bin", uid=f"doc-{name}")
        doc = ingest(stores, io.BytesIO(samples()[name]), upload, organization="org-0001",
                     actor="tests")
        uids[name] = doc["uid"]
    queries.run(stores.vault, "documents/approve_documents", database=stores.database("vault"),
                uids=list(uids.values()), by="tests")
    for uid in uids.values():
        assert process(stores, uid, ocr=ocr, actor="tests") == "done", uid
    return uids
