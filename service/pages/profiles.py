"""Profiles: one page per public record, for every kind of record.

A profile shows the record (coded values in words), its relationships grouped
by type and direction, the public sources behind it, the proceedings linked to
it, a small network of its neighbours and a "why this is public" panel: for a
person, the publication consent's date, whether the family gave it and the
public sources that cleared them (fields the publication pipeline wrote on the
public node; nothing else about consent exists in the public graph). A person
judged by editors to be the same as other records shows them in an "also recorded
as" panel: they come from ``SAME_AS`` in the public graph, which exists only when
every record of the judged cluster is public, so a record that is not public is
neither listed nor hinted at. A uid that is not public gets the same 404 as one
that never existed.
"""

from __future__ import annotations

from flask import abort, g, redirect, render_template, url_for

from documents.media.kinds import family_of
from service.pages import lookup, present
from service.pages.blueprint import blp
from service.public import documents, graphs, shape
from visualizations.network import network_html

#: A profile's small network view: two steps (a victim, their events, who and where), capped.
INSET_HOPS = 2
INSET_NODES = 40
#: The inset is small: leaves are grouped sooner and fewer nodes count as hubs (labelled at
#: every zoom) than in the explorer, so a perpetrator body's dozens of events stay legible.
INSET_GROUP_THRESHOLD = 4
INSET_HUB_DEGREE = 4
#: Relationship types a profile shows in a panel of their own, not among its relationships:
#: records judged the same person, and the documents about the record (with thumbnails).
OWN_PANEL_TYPES = frozenset({"SAME_AS", "ABOUT"})


@blp.route("/entity/<uid>")
def entity(uid: str):
    """Any public record by uid: redirects to the profile of its kind."""
    kind = lookup.kind_of(uid)
    if kind is None:
        abort(404)
    return redirect(url_for("pages.profile", kind=kind, uid=uid))


@blp.route("/<any(" + ",".join(lookup.PROFILE_KINDS) + "):kind>/<uid>")
def profile(kind: str, uid: str):
    lang = g.lang
    record = lookup.profile(kind, uid, lang)
    if record is None:
        abort(404)
    neighbourhood = graphs.neighbourhood(uid, INSET_HOPS, limit=INSET_NODES, lang=lang)
    inset = network_html(neighbourhood, present.network_labels(lang), element_id="profile-network",
                         focus=uid, size="small", lang=lang,
                         group_threshold=INSET_GROUP_THRESHOLD, hub_degree=INSET_HUB_DEGREE)
    name, other_name = present.display_name(record, lang)
    groups = [{"heading": present.relationship_heading(grp["type"], grp["direction"], lang),
               "type": grp["type"], "total": grp["total"],
               "items": [{"node": item["node"],
                          "detail": present.relationship_detail(item["relationship"], lang),
                          "sources": (item["relationship"].get("properties") or {}).get("sources")
                          or []}
                         for item in grp["items"]]}
              for grp in record["relationships"]
              if not (grp["type"] == "SUPPORTS" and grp["direction"] == "in")
              and grp["type"] not in OWN_PANEL_TYPES]
    is_person = "Person" in record["labels"]
    same_person = [{**other, "other_name": present.display_name(other["node"], lang)[1]}
                   for other in (lookup.same_person_records(uid, lang) if is_person else [])]
    source_titles = {s["uid"]: s["caption"] for s in record["sources"]}
    about_docs = [item["node"] for grp in record["relationships"]
                  if grp["type"] == "ABOUT" and grp["direction"] == "in" for item in grp["items"]]
    about = [item["node"] for grp in record["relationships"]
             if grp["type"] == "ABOUT" and grp["direction"] == "out" for item in grp["items"]]
    viewer = _viewer(record) if kind == "documents" else None
    return render_template(
        "profile.html", record=record, kind=kind, name=name, other_name=other_name,
        summary=present.summary(record, lang), rows=present.record_rows(record, lang),
        groups=groups, inset=inset, primary=shape.primary_label(record["labels"]),
        source_titles=source_titles, same_person=same_person,
        is_person=is_person, is_victim="Victim" in record["labels"],
        about_docs=about_docs, about=about, viewer=viewer,
        truncated=neighbourhood.get("truncated"))


def _viewer(record: dict) -> dict:
    """What a document's page shows of its file: the public copy's URL and how to show it
    (image, PDF pages, video, audio), and the text of each page."""
    from flask import request

    props = record["properties"]
    media = props.get("public_media_type") or ""
    family = family_of(media)
    pages = documents.text_of(record["uid"]) or []
    total = props.get("pages") or len(pages)
    try:
        page = min(max(int(request.args.get("page", 1)), 1), max(total, 1))
    except ValueError:
        page = 1
    return {"family": family, "media_type": media, "sha256": props.get("public_sha256"),
            "size": props.get("public_size"), "pages": total, "page": page,
            "text": next((p["text"] for p in pages if p["page"] == page), None),
            "texts": pages}
