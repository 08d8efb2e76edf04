"""Helpers shared by test packages (import as ``tests.support.<module>``)."""
