// The text of each page of one public document.
MATCH (d:Document:Public {uid: $uid})
RETURN d.text_pages AS pages
