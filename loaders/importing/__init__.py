"""The importer's steps, each its own module; ``loaders.importer`` runs them in order.

``read``: an input (JSON Lines, a CSV file, a directory of CSV files) as numbered
records, with what the audit log says about the input. ``validate``: every record
checked against its schema and every reference against the file and the vault,
nothing written. ``write``: the validated records into the vault in batches, one
transaction each.
"""
