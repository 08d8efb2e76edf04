"""Consent: the policy (the only code that decides visibility), its application to the
vault, and the editor operations that change consent."""
