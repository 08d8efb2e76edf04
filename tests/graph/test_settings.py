from pathlib import Path

import pytest

from graph.settings import Settings, SettingsError, parse_bytes


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


def test_transaction_memory_limits_follow_the_heap():
    s = Settings.from_env({"FOOTPRINTS_PUBLIC_HEAP": "2g", "FOOTPRINTS_VAULT_HEAP": "1g"})
    assert s.public.tx_memory == "1228m" and s.public.tx_memory_total == "1433m"
    assert s.vault.tx_memory is None  # imports write big transactions: no per-transaction limit
    assert s.vault.tx_memory_total == "716m"
    s = Settings.from_env({"FOOTPRINTS_PUBLIC_TX_MEMORY": "300m",
                           "FOOTPRINTS_PUBLIC_TX_MEMORY_TOTAL": "1g"})
    assert (s.public.tx_memory, s.public.tx_memory_total) == ("300m", "1g")
    assert parse_bytes("64m") == 64 * 2**20 and parse_bytes("1.5g") == 3 * 2**29
    with pytest.raises(SettingsError, match="size"):
        Settings.from_env({"FOOTPRINTS_PUBLIC_HEAP": "lots"})


def test_rate_limits_and_console_settings_from_the_environment():
    s = Settings.from_env({"FOOTPRINTS_RATELIMIT_STORAGE": "redis://cache:6379",
                           "FOOTPRINTS_RATELIMIT_CYPHER": "5/minute",
                           "FOOTPRINTS_RATELIMIT_LOGIN_ADDRESS": "5/minute;10/hour",
                           "FOOTPRINTS_CONSOLE_WORKERS": "3", "FOOTPRINTS_CONSOLE_MEMORY": "32m"})
    assert s.ratelimit_storage == "redis://cache:6379"
    assert s.ratelimits == {"cypher": "5/minute", "login_address": "5/minute;10/hour"}
    assert s.console_workers == 3 and s.console_memory == "32m"
    defaults = Settings.from_env({})
    assert defaults.ratelimit_storage == "memory://" and defaults.ratelimits == {}


def test_file_store_defaults_to_var_with_a_200m_limit():
    s = Settings.from_env({"FOOTPRINTS_VAR": "/srv/fp"})
    assert s.files.backend == "local" and s.files.root is None
    assert s.files_dir == Path("/srv/fp/files")
    assert s.files.max_upload == 200 * 2**20


def test_file_store_settings_from_the_environment():
    s = Settings.from_env({"FOOTPRINTS_FILES": "s3", "FOOTPRINTS_S3_ENDPOINT": "https://s3.example",
                           "FOOTPRINTS_S3_BUCKET": "footprints", "FOOTPRINTS_S3_REGION": "eu-west-1",
                           "FOOTPRINTS_S3_ACCESS_KEY": "AKIAEXAMPLE",
                           "FOOTPRINTS_S3_SECRET_KEY": "very secret", "FOOTPRINTS_MAX_UPLOAD": "1g"})
    files = s.files
    assert (files.backend, files.s3_endpoint, files.s3_bucket, files.s3_region) == (
        "s3", "https://s3.example", "footprints", "eu-west-1")
    assert (files.s3_access_key, files.s3_secret_key) == ("AKIAEXAMPLE", "very secret")
    assert files.max_upload == 2**30
    assert "very secret" not in repr(s)  # settings get logged and printed; the secret does not
    assert Settings.from_env({"FOOTPRINTS_FILES_DIR": "/data/files"}).files_dir == Path("/data/files")


@pytest.mark.parametrize("env, message", [
    ({"FOOTPRINTS_FILES": "ftp"}, "FOOTPRINTS_FILES must be one of local, s3"),
    ({"FOOTPRINTS_FILES": "s3"}, "needs FOOTPRINTS_S3_BUCKET"),
    ({"FOOTPRINTS_FILES": "s3", "FOOTPRINTS_S3_BUCKET": "b",
      "FOOTPRINTS_S3_ACCESS_KEY": "AKIAEXAMPLE"}, "go together"),
    ({"FOOTPRINTS_MAX_UPLOAD": "big"}, "not a size"),
    ({"FOOTPRINTS_MAX_UPLOAD": "0"}, "more than 0"),
])
def test_file_store_settings_that_cannot_work_are_refused(env, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)
