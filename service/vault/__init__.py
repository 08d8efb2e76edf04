"""Service functions over the vault: the layer the vault API and the operator's CLI share.

The vault holds everything, consent or not, so everything here is for signed-in users
(or the platform operator), checked against their role and their organisation, and
audited. The public side (``service.public``) never imports this package: a test checks
that no public module reaches for the vault.

Modules: ``accounts`` (users, invitations, API tokens), ``visibility`` (who may see and
who may change which record: the organisation rules, in one place), ``reads`` (records,
dossiers and searches, every non-public read audited), ``edits`` (validated, audited
changes, republished at once), ``text`` (the free-text gate for vault readers: an answer
never names a person its reader may not see) and ``audit`` (the audit log for admins).
"""
