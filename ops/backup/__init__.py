"""Backup and restore of the vault and its documents' files (docs/backup.md).

``snapshot`` writes a backup: the whole vault read in one transaction while audited writes
wait, the originals area's files, and a manifest, encrypted to age recipients as it is
produced. ``restore`` checks a backup (``verify``) and writes it into an empty vault.
``container`` is the backup's plaintext layout, ``codec`` how Neo4j's property values are
kept with their types, ``keys`` the age keys, ``retention`` which backups to keep.
"""
