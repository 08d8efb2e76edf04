"""Bolt over TLS and routing against the real test servers (ops/neo4j/tls.py): the local
authority signs each store's certificate, the servers offer TLS beside plain Bolt, and the
driver's encrypted and routing schemes reach them — ``bolt+s://`` through the system's
trust store, ``neo4j+ssc://``, and ``neo4j://`` or ``bolt://`` with a CA file."""

from __future__ import annotations

import os
import socket
import ssl
import stat
import subprocess
import sys
from dataclasses import replace

import pytest
from cryptography import x509
from neo4j import GraphDatabase, RoutingControl, TrustCustomCAs
from neo4j.exceptions import ServiceUnavailable

from graph.connections import open_driver, password_for
from graph.settings import REPO_ROOT, StoreConfigError
from ops.neo4j import tls

pytestmark = pytest.mark.usefixtures("stores")


@pytest.fixture(scope="module")
def managed(settings):
    if not settings.public.managed:
        pytest.skip("the test stores are not started by ops/neo4j (FOOTPRINTS_TEST_*_URI)")
    return settings


def _address(settings) -> tuple[str, int]:
    return "localhost", settings.public.bolt_port


def _ca(settings) -> str:
    return str(tls.ca_paths(settings.neo4j_dir)[0])


def _auth(settings):
    return settings.public.user, password_for(settings, settings.public)


def test_the_authority_signs_a_certificate_for_loopback(managed):
    ca_cert, _ = tls.ensure_ca(managed.neo4j_dir)
    folder = managed.neo4j_dir / "public" / "certificates" / "bolt"
    cert = x509.load_pem_x509_certificate((folder / "public.crt").read_bytes())
    assert cert.issuer == ca_cert.subject
    cert.verify_directly_issued_by(ca_cert)
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in names.get_values_for_type(x509.DNSName)
    assert {str(a) for a in names.get_values_for_type(x509.IPAddress)} >= {"127.0.0.1"}
    # private keys are for the owner only
    for key in (folder / "private.key", tls.ca_paths(managed.neo4j_dir)[1]):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_the_server_speaks_tls_with_that_certificate(managed):
    context = ssl.create_default_context(cafile=_ca(managed))
    with socket.create_connection(_address(managed), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname="localhost") as conn:
        subject = dict(pair[0] for pair in conn.getpeercert()["subject"])
        assert subject["commonName"] == "Footprints Graph public store"
        assert conn.version() in ("TLSv1.2", "TLSv1.3")


def test_the_configuration_offers_tls_beside_plain_bolt(managed):
    conf = (managed.neo4j_dir / "public" / "conf" / "neo4j.conf").read_text()
    assert "dbms.ssl.policy.bolt.enabled=true" in conf
    assert "server.bolt.tls_level=OPTIONAL" in conf


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_a_ca_file_encrypts_and_verifies(managed, scheme):
    host, port = _address(managed)
    store = replace(managed.public, uri=f"{scheme}://{host}:{port}", ca_file=_ca(managed))
    with open_driver(managed, store) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_=store.database)
        assert records[0]["one"] == 1
        assert driver.encrypted is True


def test_routing_with_a_self_signed_certificate(managed):
    host, port = _address(managed)
    with GraphDatabase.driver(f"neo4j+ssc://{host}:{port}", auth=_auth(managed)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", routing_=RoutingControl.READ)
        assert records[0]["one"] == 1
        assert driver.encrypted is True


def test_bolt_s_trusts_the_authority_through_the_system_trust_store(managed):
    """``bolt+s://`` takes no CA option: it trusts the system's authorities. A host that
    adds the private authority to its trust store (here through SSL_CERT_FILE, which
    OpenSSL reads) connects; without it, the certificate is refused."""
    host, port = _address(managed)
    user, password = _auth(managed)
    # verify_connectivity first: it fails at once on a refused certificate, where a query
    # would be retried for half a minute
    script = ("import sys; from neo4j import GraphDatabase\n"
              "with GraphDatabase.driver(sys.argv[1], auth=(sys.argv[2], sys.argv[3]),\n"
              "                          connection_timeout=5) as d:\n"
              "    d.verify_connectivity()\n"
              "    print(d.execute_query('RETURN 42 AS n').records[0]['n'])\n")
    args = [sys.executable, "-c", script, f"bolt+s://{host}:{port}", user, password]
    trusted = subprocess.run(args, capture_output=True, text=True, cwd=REPO_ROOT, timeout=60,
                             env={**os.environ, "SSL_CERT_FILE": _ca(managed)})
    assert trusted.returncode == 0, trusted.stderr[-2000:]
    assert trusted.stdout.strip() == "42"
    untrusted = subprocess.run(args, capture_output=True, text=True, cwd=REPO_ROOT, timeout=60,
                               env={k: v for k, v in os.environ.items()
                                    if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")})
    assert untrusted.returncode != 0
    assert "certificate verify failed" in untrusted.stderr or "SSL" in untrusted.stderr


def test_an_authority_that_did_not_sign_is_refused(managed, tmp_path):
    other = tmp_path / "other"
    other_cert, _ = tls.ensure_ca(other)
    host, port = _address(managed)
    with GraphDatabase.driver(f"bolt://{host}:{port}", auth=_auth(managed), encrypted=True,
                              trusted_certificates=TrustCustomCAs(str(tls.ca_paths(other)[0])),
                              connection_timeout=5) as driver:
        with pytest.raises(ServiceUnavailable):
            driver.verify_connectivity()


def test_a_ca_file_with_a_tls_scheme_is_a_clear_error(settings):
    store = replace(settings.public, uri="neo4j+s://db.example.org", ca_file="ca.crt")
    with pytest.raises(StoreConfigError, match="FOOTPRINTS_PUBLIC_CA_FILE needs a bolt:// or "
                                               "neo4j:// URI"):
        open_driver(settings, store)
