// The text of each page of the documents $uids (one string per page), for the snippets
// of the search hits shown.
UNWIND $uids AS uid
MATCH (d:Document {uid: uid})
RETURN d.uid AS uid, coalesce(d.text_pages, []) AS pages
