"""Constraints and indexes, the same on both stores, installed idempotently.

Full-text analyzer: ``cjk``. Lucene's CJK analyzer splits Hangul into
overlapping syllable bigrams (김정일 -> 김정, 정일), so a search finds a name
from any part of two or more syllables, and a one-syllable query (a surname)
matches as a prefix (``김*``). Latin text goes through the standard tokenizer
and is lower-cased, so romanised names and their variants are searchable in
the same index; the loaders add compact keys (``kimjongil``) so that
``Kim Jongil`` and ``Kim Jong-il`` meet.
"""

from __future__ import annotations

from neo4j import Driver

from graph.queries import CYPHER_DIR

#: Node labels keyed by ``uid``.
KEYED_LABELS = (
    "Entity", "PublicationLock", "Person", "PerpetratorBody", "Location", "Event", "Proceeding",
    "Instrument", "Resource", "Source", "Document", "Organization", "Consent", "User", "ApiToken",
    "AuditEntry",
    "Tombstone", "PublicText", "TextHold", "GateState", "Session",
    "AccessRequest", "SavedQuery", "QueryRun",
)

#: Facet properties with range indexes: label -> properties.
FACETS = {
    "Person": ("category", "sex", "status", "occupation", "age_group", "birth_year",
               "nationality", "in_dprk", "review_status"),
    "Victim": ("category", "sex", "age_group", "occupation", "status"),
    "Event": ("kind", "year", "date_start"),
    "Proceeding": ("forum", "status"),
    "PerpetratorBody": ("perpetrator", "kind"),
    "Location": ("kind",),
    "Source": ("terms_of_use", "kind"),
    "Document": ("kind", "processing", "sha256", "public_sha256", "public_thumb_sha256",
                 "review_status"),
    "Consent": ("purpose",),
    "AuditEntry": ("seq",),
}

FULLTEXT = {
    "person_names": ("Person", ("name_en", "name_ko", "name_variants", "search_keys")),
    # The keyed hashes of the names of people whose names are sealed (witnesses and
    # relatives only, graph/encryption.py): an exact name typed into a vault search is
    # hashed the same way and looked up here. A list property: of Neo4j's indexes, only a
    # full-text one finds a node by one item of a list (a range index compares whole
    # lists). The index holds hex digests; its person_names neighbour holds only
    # ciphertext of these people.
    "person_name_hmacs": ("Person", ("name_hmacs",)),
    "entity_names": ("PerpetratorBody|Location|Organization|Instrument|Resource|Proceeding|Event",
                     ("name_en", "name_ko", "reference", "title", "summary_en", "summary_ko")),
    # Every record but persons, by the names and titles the one public search shows and
    # explains (service/public/find.py), plus their derived romanised keys
    # (graph/search_keys.py): "Yodeok" finds 요덕.
    "record_names": ("PerpetratorBody|Location|Organization|Instrument|Resource|Proceeding|Event|"
                     "Source|Document",
                     ("name_en", "name_ko", "reference", "title", "title_en", "title_ko",
                      "summary_en", "summary_ko", "search_keys")),
    # Sources by title: the workspace's name suggestions and vault search find every type.
    "source_titles": ("Source", ("title",)),
    # Documents by title and by the text of their pages (a list: one string per page).
    "document_text": ("Document", ("title_en", "title_ko", "text_pages")),
}


def statements() -> list[str]:
    """The DDL, generated from the tables above plus ``cypher/schema/*.cypher``.

    Labels and property names cannot be Cypher parameters, so the DDL is the
    one place where text is assembled; it only ever uses the constants above.
    """
    out = []
    for label in KEYED_LABELS:
        out.append(f"CREATE CONSTRAINT {label.lower()}_uid IF NOT EXISTS "
                   f"FOR (n:{label}) REQUIRE n.uid IS UNIQUE")
    for label, props in FACETS.items():
        for prop in props:
            out.append(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS "
                       f"FOR (n:{label}) ON (n.{prop})")
    for name, (labels, props) in FULLTEXT.items():
        each = ", ".join(f"n.{p}" for p in props)
        out.append(f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{labels}) ON EACH [{each}] "
                   "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', "
                   "`fulltext.eventually_consistent`: false}}")
    out.append("CREATE POINT INDEX location_coords IF NOT EXISTS FOR (n:Location) ON (n.coords)")
    for path in sorted((CYPHER_DIR / "schema").glob("*.cypher")):
        out.extend(s.strip() for s in path.read_text().split(";") if s.strip())
    return out


def install_schema(driver: Driver, database: str = "neo4j") -> int:
    """Apply every statement (each is IF NOT EXISTS) and wait for the indexes to come online."""
    stmts = statements()
    with driver.session(database=database) as session:
        for stmt in stmts:
            session.run(stmt).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
    return len(stmts)
