"""Bolt over TLS for the local servers: a private certificate authority and one server
certificate per store, made once under ``var/``.

The local servers listen on loopback only, so TLS buys them nothing; they offer it
(``server.bolt.tls_level=OPTIONAL``) so that the encrypted and routing connection paths a
deployment uses (``neo4j+s://``, ``bolt+s://``, ``neo4j://`` with a CA file: docs/deployment.md)
are the ones the tests exercise, against real servers. A deployment uses its own
certificates; nothing here is meant for a host others can reach.

    var/<run>/neo4j/ca/ca.crt                      the authority clients trust
    var/<run>/neo4j/ca/ca.key                      its key (0600), kept to sign a new store
    var/<run>/neo4j/<store>/certificates/bolt/     public.crt and private.key (0600)
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

#: Names the server certificates are valid for: the servers listen on loopback only.
HOSTS = ("localhost",)
ADDRESSES = ("127.0.0.1", "::1")
VALID_DAYS = 3650


def ca_paths(neo4j_dir: Path) -> tuple[Path, Path]:
    """The authority's certificate and key."""
    return neo4j_dir / "ca" / "ca.crt", neo4j_dir / "ca" / "ca.key"


def _new_key() -> rsa.RSAPrivateKey:
    # RSA: the key type every Neo4j release reads from a PKCS#8 file.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _write_private(path: Path, key) -> None:
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Footprints Graph (local)"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _validity(builder: x509.CertificateBuilder) -> x509.CertificateBuilder:
    now = dt.datetime.now(dt.UTC)
    return builder.not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(
        now + dt.timedelta(days=VALID_DAYS))


def ensure_ca(neo4j_dir: Path) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """The local authority, made on first use."""
    cert_path, key_path = ca_paths(neo4j_dir)
    if cert_path.exists() and key_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return x509.load_pem_x509_certificate(cert_path.read_bytes()), key
    key = _new_key()
    name = _name("Footprints Graph local CA")
    cert = (_validity(x509.CertificateBuilder())
            .subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    _write_private(key_path, key)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, key


def ensure_server_certificate(neo4j_dir: Path, home: Path, store: str) -> Path:
    """The store's certificate directory (``certificates/bolt`` under its home), with a
    certificate the local authority signed for localhost; made on first use."""
    folder = home / "certificates" / "bolt"
    public, private = folder / "public.crt", folder / "private.key"
    # Neo4j's SSL policy reads these folders; they stay empty: clients are not asked for
    # certificates (client_auth NONE) and none is revoked.
    for sub in ("trusted", "revoked"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    if public.exists() and private.exists():
        return folder
    ca_cert, ca_key = ensure_ca(neo4j_dir)
    key = _new_key()
    names = [x509.DNSName(h) for h in HOSTS] + [
        x509.IPAddress(ipaddress.ip_address(a)) for a in ADDRESSES]
    cert = (_validity(x509.CertificateBuilder())
            .subject_name(_name(f"Footprints Graph {store} store"))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    _write_private(private, key)
    public.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return folder


def conf_lines(folder: Path) -> str:
    """neo4j.conf lines: Bolt offers TLS with the store's certificate; plain Bolt stays
    allowed (the servers are on loopback; the CLI and the tests' default URIs use it)."""
    return (f"dbms.ssl.policy.bolt.enabled=true\n"
            f"dbms.ssl.policy.bolt.base_directory={folder}\n"
            f"dbms.ssl.policy.bolt.private_key=private.key\n"
            f"dbms.ssl.policy.bolt.public_certificate=public.crt\n"
            f"dbms.ssl.policy.bolt.client_auth=NONE\n"
            f"server.bolt.tls_level=OPTIONAL\n")
