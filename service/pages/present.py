"""Turning public records into what a page shows: vocabulary labels for coded fields,
links to profiles, headings for relationship groups, dates in the page's language, the
words of a network view.

Why here and not in templates: the same record appears on profiles, in search
results and in network views, and its fields must read the same everywhere in
both languages. The labels of fields, record types and relationships are the model's
(graph/model); the interface's own words are gettext messages (service/pages/lang.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime

from babel.dates import get_datetime_format
from flask import g, url_for
from flask_babel import format_date, format_number, format_time, get_locale, get_timezone, ngettext
from flask_babel import gettext as _
from markupsafe import Markup

from graph.model import MODEL
from graph.vocabularies import label as vocab_label
from service.pages.lang import plural_forms
from service.pages.lookup import kind_for_labels
from visualizations.network import KIND_ORDER, NetworkLabels

#: Properties of a public record that are not a field of its type but are shown elsewhere
#: on its page: a relationship's key; the fields of every type's heading are the model's.
OTHER_HEADING_FIELDS = frozenset({"key", "uid", "synthetic"})
PAGE_PREFIXES = ("/api/", "/static/", "/health")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def lang() -> str:
    return g.get("lang", "en")


def is_page_path(path: str) -> bool:
    return not path.startswith(PAGE_PREFIXES)


def primary_kind(labels) -> str:
    """The node kind of ``visualizations.network`` (Victim, Official, Person, ...)."""
    return next((k for k in KIND_ORDER if k in labels), "Source")


def kind_label(labels_or_kind) -> str:
    """A record type's or a role's name, from the model."""
    kind = labels_or_kind if isinstance(labels_or_kind, str) else primary_kind(labels_or_kind)
    return MODEL.kind_label(kind, lang())


def profile_url(node: Mapping | str) -> str:
    """The profile page of a node shape (or of a bare uid, through ``/entity/<uid>``)."""
    if isinstance(node, str):
        return url_for("pages.entity", uid=node)
    kind = kind_for_labels(node.get("labels") or [])
    if kind is None:
        return url_for("pages.entity", uid=node["uid"])
    return url_for("pages.profile", kind=kind, uid=node["uid"])


def display_name(node: Mapping, language: str) -> tuple[str, str | None]:
    """The heading of a profile and its other-script name (Hangul under a romanised name)."""
    props = node.get("properties", {})
    caption = node.get("caption") or node["uid"]
    if "title_en" in props or "title_ko" in props:  # a document: its title in the other language
        other = props.get("title_en") if language == "ko" else props.get("title_ko")
    else:
        other = props.get("name_en") if language == "ko" else props.get("name_ko")
    return caption, (other if other and other != caption else None)


def summary(node: Mapping, language: str) -> str | None:
    props = node.get("properties", {})
    first, second = ("summary_ko", "summary_en") if language == "ko" else ("summary_en", "summary_ko")
    return props.get(first) or props.get(second)


def record_rows(node: Mapping, language: str) -> list[dict]:
    """``[{"field", "label", "value", "href"}]`` for a profile's record table: the fields in
    the order the model shows them (``show`` in graph/model), then any other property, coded
    values in words, lists joined, places' coordinates as ``lat, lon``."""
    props = node.get("properties", {})
    primary = primary_kind(node.get("labels", []))
    primary = "Person" if primary in ("Victim", "Official") else primary
    rtype = MODEL.records.get(primary)
    vocabularies = rtype.vocabulary_fields() if rtype else {}
    order = [f for f in (rtype.show if rtype else ()) if f != "roles"]
    hidden = {n for n, f in rtype.fields.items() if f.shown != "table"} if rtype else set()
    names = [f for f in order if f in props]
    names += sorted(f for f in props if f not in names and f not in hidden
                    and f not in OTHER_HEADING_FIELDS)
    rows = []
    if rtype is not None and "roles" in rtype.show:
        roles = [r for r in rtype.roles if r in node["labels"]]
        rows.append({"field": "roles", "label": MODEL.field_label("roles", language, primary),
                     "value": ", ".join(vocab_label("role", r, language) for r in roles),
                     "href": None})
    for name in names:
        value, href = props[name], None
        if value in (None, "", []):
            continue
        if name in vocabularies:
            value = vocab_label(vocabularies[name], value, language)
        elif rtype is not None and name in rtype.fields and rtype.fields[name].type == "date":
            value = date_html(value)
        elif name == "coords" and isinstance(value, Mapping):
            value = f"{value['lat']:.4f}, {value['lon']:.4f}"
        elif name == "submitted_by":
            href = url_for("pages.entity", uid=value)
        elif name == "url":
            href = value if str(value).startswith(("https://", "http://")) else None
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        rows.append({"field": name, "label": MODEL.field_label(name, language, primary),
                     "value": value, "href": href})
    return rows


def relationship_heading(rel_type: str, direction: str, language: str) -> str:
    return MODEL.relationship_label(rel_type, language, direction)


def relationship_detail(rel: Mapping, language: str) -> str:
    """The properties of a relationship worth a word: relation, role, dates, sources."""
    props = rel.get("properties", {})
    parts = []
    if props.get("relation"):
        parts.append(vocab_label("relation", props["relation"], language))
    if props.get("role"):
        parts.append(str(props["role"]))
    if props.get("date_from") or props.get("date_to"):
        parts.append(f"{date_text(props.get('date_from')) or '…'} – "
                     f"{date_text(props.get('date_to')) or '…'}")
    return "; ".join(parts)


def network_labels(language: str) -> NetworkLabels:
    from service.public.graphs import REL_TYPES

    return NetworkLabels(
        kinds={k: MODEL.kind_label(k, language) for k in KIND_ORDER},
        relationships={r: MODEL.relationship_label(r, language) for r in REL_TYPES},
        legend=_("Legend"), command_edge=_("Perpetration or chain of command"),
        fact_edge=_("Other relationship"), list_summary=_("The same network as a list"),
        nodes_heading=_("Nodes"), relationships_heading=_("Relationships"),
        canvas_label=canvas_label, filter_legend=_("untick a type to hide it"),
        find=_("Find in this network"), fit=_("Fit to view"),
        reset=_("Reset view"), expand_groups=_("Ungroup all"),
        group_caption=group_caption, group_title=group_title,
        matches=plural_forms(lambda n: ngettext("%(count)s node matches.",
                                                "%(count)s nodes match.", n, count="{count}")),
        no_match=_("No node of this view matches."))


def group_caption(kind: str, count: int) -> str:
    """A group node's label in a network view: the kind of its members and how many."""
    return _("%(kind)s (%(count)s)", kind=kind, count=format_number(count))


def group_title(kind: str, count: int) -> str:
    """A group node's tooltip: what it holds and that a click shows them."""
    return ngettext("%(count)s record of type %(kind)s, grouped: click to show it",
                    "%(count)s records of type %(kind)s, grouped: click to show them",
                    count, count=format_number(count), kind=kind)


def canvas_label(nodes: int, relationships: int) -> str:
    """What a screen reader hears for a network view: what it holds, counted."""
    return _("Interactive network view: %(nodes)s, %(relationships)s",
             nodes=ngettext("%(count)s node", "%(count)s nodes", nodes,
                            count=format_number(nodes)),
             relationships=ngettext("%(count)s relationship", "%(count)s relationships",
                                    relationships, count=format_number(relationships)))


def date_text(value) -> str | None:
    """An ISO date (``YYYY-MM-DD``) in the page's language, Babel's long form ("March 1,
    2021", "2021년 3월 1일"); anything else as it is."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return value
    try:
        return format_date(date.fromisoformat(value), "long")
    except ValueError:
        return value


def date_html(value) -> Markup | str:
    """``date_text`` in a ``<time>`` element that keeps the ISO date for machines."""
    text = date_text(value)
    if text is None or text == value:
        return "" if value is None else value
    return Markup('<time datetime="{}">{}</time>').format(value, text)


def timestamp_html(value) -> Markup | str:
    """An ISO timestamp (a vault's ``DateTime``: when a token was made, a query run, an
    invitation expires) in the page's language, to the minute, in the app's time zone
    (UTC): Babel's medium date and short time joined as the language joins them ("Nov 27,
    2026, 5:26 PM", "2026. 11. 27. 오후 5:26"), in a ``<time>`` element that keeps the ISO
    form. Anything else as it is."""
    if not isinstance(value, str):
        return "" if value is None else value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(get_timezone())
    text = get_datetime_format("medium", locale=get_locale()).format(
        format_time(moment, "short"), format_date(moment, "medium"))
    return Markup('<time datetime="{}">{}</time>').format(value, text)
