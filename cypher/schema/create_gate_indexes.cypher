// The free-text gate's index of published text (graph/consent/screening.py): a text
// index answers CONTAINS, so a withdrawal finds the records that name the person
// without reading every published text.
CREATE TEXT INDEX public_text_text IF NOT EXISTS FOR (n:PublicText) ON (n.text);
CREATE INDEX text_hold_record IF NOT EXISTS FOR (n:TextHold) ON (n.record);
CREATE INDEX public_text_record IF NOT EXISTS FOR (n:PublicText) ON (n.record)
