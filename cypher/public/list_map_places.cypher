// Public places with coordinates of the kinds $kinds (province, city, county): the
// map's place names, shown by zoom level.
MATCH (l:Location)
WHERE l.coords IS NOT NULL AND l.kind IN $kinds
RETURN l.uid AS uid, l.name_en AS name_en, l.name_ko AS name_ko, l.kind AS kind,
       l.coords AS coords
ORDER BY l.kind, l.uid
