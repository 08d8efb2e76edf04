import pytest

from graph.settings import Settings, SettingsError


def test_defaults_are_local_and_managed():
    s = Settings.from_env({})
    assert s.vault.uri == "bolt://127.0.0.1:7687" and s.vault.managed
    assert s.public.uri == "bolt://127.0.0.1:7688" and s.public.managed


def test_uris_from_environment_are_not_managed():
    s = Settings.from_env({"FOOTPRINTS_VAULT_URI": "neo4j+s://vault.example:7687",
                           "FOOTPRINTS_PUBLIC_URI": "neo4j://public.example:7687"})
    assert not s.vault.managed and not s.public.managed


def test_refuses_the_same_database_for_both():
    with pytest.raises(SettingsError, match="same database"):
        Settings.from_env({"FOOTPRINTS_VAULT_URI": "bolt://db.example:7687",
                           "FOOTPRINTS_PUBLIC_URI": "bolt://DB.example:7687/"})


def test_same_server_different_database_is_allowed():
    s = Settings.from_env({"FOOTPRINTS_VAULT_URI": "bolt://db:7687",
                           "FOOTPRINTS_PUBLIC_URI": "bolt://db:7687",
                           "FOOTPRINTS_PUBLIC_DATABASE": "public"})
    assert s.public.database == "public"
