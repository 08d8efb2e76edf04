# Two commands: `make demo` and `make test`. Everything they need is installed here.
PY      := .venv/bin/python
FP      := .venv/bin/footprints
STAMP   := .venv/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEMO    := var/demo/demo.jsonl

.PHONY: demo test lint neo4j stop stop-test system-deps venv demo-data bench clean translations translations-update

venv: $(STAMP)
$(STAMP): pyproject.toml
	@command -v python3 >/dev/null || { echo "python3 (3.11+) is required"; exit 1; }
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f .venv/.installed-*; touch $@

# The interface's catalogues (service/translations/<lang>/LC_MESSAGES/messages.po) are compiled
# here, not committed; translations-update extracts the messages of the views and templates.
PO      := $(wildcard service/translations/*/LC_MESSAGES/messages.po)
MO      := $(PO:.po=.mo)

translations: $(MO)
$(MO): $(PO) | $(STAMP)
	.venv/bin/pybabel compile -d service/translations

translations-update: venv
	mkdir -p var
	.venv/bin/pybabel extract -F service/translations/babel.cfg --no-location -o var/messages.pot service
	.venv/bin/pybabel update -i var/messages.pot -d service/translations --ignore-obsolete
	.venv/bin/pybabel compile -d service/translations

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

demo: demo-data translations
	$(FP) serve --host 127.0.0.1 --port 5000

test: venv system-deps translations
	$(PY) -m ruff check .
	$(PY) -m pytest -q $(PYTEST_ARGS)

lint: venv
	$(PY) -m ruff check .

stop:
	-$(FP) neo4j stop

stop-test:
	-FOOTPRINTS_VAR=var/test FOOTPRINTS_VAULT_PORT=7697 FOOTPRINTS_PUBLIC_PORT=7698 $(FP) neo4j stop

bench: venv
	@bash ops/install-system-deps.sh bench
	$(PY) -m bench.run $(BENCH_ARGS)

clean: stop stop-test
	rm -rf var .venv
