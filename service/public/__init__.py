"""Service functions over the public graph: the one layer the public API, the
explorer pages and the researcher console share.

Everything here reads the public graph only (``service.stores.public_query`` /
``public_driver``); nothing imports the vault, so nothing here can leak what
the consent policy kept out of the public graph. Functions take plain values
(no Flask request parsing) and return plain dicts and lists, so a blueprint or
a page can render them as it likes.

Modules: ``entities`` (lists and details), ``search`` (keyword + facets),
``stats`` (dashboard counts), ``maps`` (GeoJSON), ``graphs`` (neighbourhoods,
paths, chains of responsibility), ``downloads`` (streamed exports) and
``console`` (the read-only Cypher console). ``shape`` holds the one node /
relationship shape they all return.
"""
