"""Entity resolution in the vault: editors' judgements and merged views.

Why here and not in ``loaders``: judgements are vault records with an audit trail,
and whether a merged view may be published is a consent decision
(``graph.consent.policy.decide_merged_view``). Nothing is ever merged
destructively: records stay as they were, linked by reversible ``JUDGED``
relationships; a merged view is computed when asked for.
"""
