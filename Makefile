# Two commands: `make demo` and `make test`. Everything they need is installed here.
PY      := .venv/bin/python
FP      := .venv/bin/footprints
LOCK    := requirements.lock
# Re-install when pyproject.toml or the lock changes.
STAMP   := .venv/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
DEMO    := var/demo/demo.jsonl
# pip-tools lives in a venv of its own, so that .venv holds exactly what the lock says.
LOCKENV := var/lock-tools

.PHONY: demo test lint neo4j stop stop-test system-deps venv lock translations translations-update \
        demo-data bench clean

# The interface's catalogues, service/translations/<lang>/LC_MESSAGES/messages.po; their
# compiled .mo files are built here (with the venv's Babel), not committed.
PO      := $(wildcard service/translations/*/LC_MESSAGES/messages.po)
MO      := $(PO:.po=.mo)

# The versions the tests passed with, every file checked against its hash; then the
# project itself, editable, with the lock's setuptools (no other download); then the
# catalogues, without which the app refuses to start (service/pages/lang.py).
venv: $(STAMP) $(MO)
$(STAMP): pyproject.toml $(LOCK)
	@command -v python3 >/dev/null || { echo "python3 (3.11+) is required"; exit 1; }
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r $(LOCK)
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	rm -f .venv/.installed-*; touch $@

# Re-resolve the lock from pyproject.toml (for Python 3.11): pins that still satisfy it
# are kept; LOCK_ARGS=--upgrade takes the newest of everything, LOCK_ARGS="--upgrade-package X" of X.
lock:
	test -x $(LOCKENV)/bin/pip-compile || python3 -m venv $(LOCKENV)
	$(LOCKENV)/bin/python -m pip install -q --upgrade pip 'pip-tools~=7.6'
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCKENV)/bin/pip-compile -q --extra test --all-build-deps \
	  --allow-unsafe --strip-extras --generate-hashes --no-emit-find-links $(LOCK_ARGS) -o $(LOCK) pyproject.toml

translations: $(MO)
service/translations/%/LC_MESSAGES/messages.mo: service/translations/%/LC_MESSAGES/messages.po | $(STAMP)
	.venv/bin/pybabel compile -l $* -i $< -o $@

# After changing the interface's text: extract every message of the views and templates,
# and the N_ messages of the layers below them (service/translations/babel.cfg), merge them
# into each catalogue (new ones untranslated, gone ones dropped), compile. Then translate
# what is new: tests/service/pages/test_i18n.py fails until every message has its translation.
MESSAGE_SOURCES := service graph loaders
translations-update: $(STAMP)
	mkdir -p var
	.venv/bin/pybabel extract -F service/translations/babel.cfg --no-location \
	  -o var/messages.pot $(MESSAGE_SOURCES)
	.venv/bin/pybabel update -i var/messages.pot -d service/translations --ignore-obsolete
	$(MAKE) translations

system-deps:
	@bash ops/install-system-deps.sh

neo4j: venv system-deps
	$(FP) neo4j start
	$(FP) db init

$(DEMO):
	mkdir -p $(dir $(DEMO))
	$(FP) generate --scale demo --seed 1 -o $(DEMO)

demo-data: neo4j $(DEMO)
	$(FP) load $(DEMO)
	$(FP) publish --by make-demo
	$(FP) documents demo --by make-demo

# The demo accounts (one per role) are printed just before the server starts.
demo: demo-data
	$(FP) users demo
	$(FP) serve --host 127.0.0.1 --port 5000 --workers auto

test: venv system-deps
	$(PY) -m ruff check .
	$(PY) -m pytest -q $(PYTEST_ARGS)

lint: venv
	$(PY) -m ruff check .

stop:
	-$(FP) neo4j stop
	-$(FP) redis stop

stop-test:
	-FOOTPRINTS_VAR=var/test FOOTPRINTS_VAULT_PORT=7697 FOOTPRINTS_PUBLIC_PORT=7698 $(FP) neo4j stop

bench: venv
	@bash ops/install-system-deps.sh
	$(PY) -m bench.run $(BENCH_ARGS)

clean: stop stop-test
	rm -rf var .venv
