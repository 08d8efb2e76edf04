"""pyproject.toml and requirements.lock agree, and the lock is what the tests run on.

Why: ``make`` installs from the lock (every file checked against its hash), so a
requirement added to or changed in pyproject.toml without ``make lock`` would never reach
a fresh clone, and one removed would still be installed there. Cheap: no network, only
the two files and the installed distributions' metadata.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
#: How pip-compile says that the project itself asks for a package.
OURS = re.compile(r"footprints-graph \(pyproject\.toml(::build-system\.requires)?\)")


@dataclass
class Pin:
    version: Version
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)


def read_lock(text: str) -> dict[str, Pin]:
    """``{name: Pin}`` from pip-compile's output (``name==version \\``, ``--hash=``, ``# via``)."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    for line in text.splitlines():
        if m := re.match(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)", line):
            current = pins.setdefault(canonicalize_name(m[1]), Pin(Version(m[2])))
        elif current is not None and (m := re.match(r"^\s+--hash=(\S+)", line)):
            current.hashes.append(m[1])
        elif current is not None and (m := re.match(r"^\s+#\s*(?:via\b)?\s*(\S.*)?$", line)):
            if m[1]:
                current.via.append(m[1].strip())
    return pins


def project() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def declared() -> list[Requirement]:
    """Everything pyproject.toml asks for: dependencies, every extra, the build system."""
    conf = project()
    lines = list(conf["project"]["dependencies"])
    for extra in conf["project"].get("optional-dependencies", {}).values():
        lines += extra
    lines += conf["build-system"]["requires"]
    return [Requirement(line) for line in lines]


def test_every_requirement_is_satisfied_by_a_pin_with_hashes():
    pins = read_lock(LOCK.read_text(encoding="utf-8"))
    assert pins, "requirements.lock pins nothing"
    for req in declared():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req} is not in requirements.lock: run `make lock`"
        assert req.specifier.contains(pins[name].version, prereleases=True), \
            f"{req} is not satisfied by {name}=={pins[name].version} in requirements.lock: run `make lock`"
    assert all(pin.hashes for pin in pins.values()), "every pin carries its hashes (--require-hashes)"


def test_what_an_extra_brings_is_pinned_too():
    """``neomodel[shapely]``: shapely (what the extra adds) must be in the lock as well."""
    pins = read_lock(LOCK.read_text(encoding="utf-8"))
    for req in declared():
        for extra in req.extras:
            brought = [Requirement(r) for r in metadata.requires(req.name) or ()]
            wanted = [r for r in brought if r.marker and r.marker.evaluate({"extra": extra})
                      and not r.marker.evaluate({"extra": ""})]
            assert wanted, f"{req.name} has no extra {extra!r}"
            for r in wanted:
                assert canonicalize_name(r.name) in pins, f"{r.name} (for {req}) is not in requirements.lock"


def test_the_lock_pins_nothing_in_the_projects_name_that_it_no_longer_asks_for():
    pins = read_lock(LOCK.read_text(encoding="utf-8"))
    ours = {name for name, pin in pins.items() if any(OURS.fullmatch(v) for v in pin.via)}
    assert ours == {canonicalize_name(r.name) for r in declared()}, "run `make lock`"


def test_zero_versions_are_pinned_to_their_minor_and_others_to_their_major():
    """A 0.x release may break in any minor version; others in a major one."""
    pins = read_lock(LOCK.read_text(encoding="utf-8"))
    conf = project()
    runtime = list(conf["project"]["dependencies"])
    for extra in conf["project"].get("optional-dependencies", {}).values():
        runtime += extra
    for req in map(Requirement, runtime):
        locked = pins[canonicalize_name(req.name)].version
        major, minor = locked.release[0], (locked.release + (0,))[1]
        breaking = Version(f"0.{minor + 1}.0") if major == 0 else Version(f"{major + 1}.0.0")
        assert not req.specifier.contains(breaking, prereleases=True), \
            f"{req} lets {req.name} {breaking} in (locked {locked})"


def test_the_tests_run_on_the_locked_versions():
    """Installed = locked, for every pin: otherwise these tests prove nothing about the lock."""
    pins = read_lock(LOCK.read_text(encoding="utf-8"))
    wrong = {}
    for name, pin in pins.items():
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            installed = None
        if installed != pin.version:
            wrong[name] = (str(installed), str(pin.version))
    assert not wrong, f"installed vs locked {wrong}: run `make venv`"


def test_read_lock_reads_pins_hashes_and_annotations():
    pins = read_lock("flask==3.1.3 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n"
                     "    # via\n    #   footprints-graph (pyproject.toml)\n    #   flask-smorest\n"
                     "Jinja2==3.1.6 \\\n    --hash=sha256:cc\n    # via flask\n")
    assert pins["flask"].version == Version("3.1.3")
    assert pins["flask"].hashes == ["sha256:aa", "sha256:bb"]
    assert pins["flask"].via == ["footprints-graph (pyproject.toml)", "flask-smorest"]
    assert pins["jinja2"].via == ["flask"]
