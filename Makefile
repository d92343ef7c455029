# The README's two commands: `make demo` and `make test`. Everything they need is
# installed here: a venv with the project and its test tools, and the few system
# packages that have no wheel (Pango for WeasyPrint, a Java runtime for EPUBCheck).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := examples/wenling-2023-01-19
OUT    := out

.PHONY: demo test fuzz lint bench fonts system clean

demo: $(STAMP)
	$(BIN)/publish build $(EXAMPLE) -o $(OUT) --format all

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The property tests with random seeds (the `fuzz` profile in tests/conftest.py), FUZZ_ROUNDS
# times, each round new examples; `make test` runs them derandomized. Failures are kept in
# .hypothesis/ and replayed first; every counterexample found becomes an @example or a fixture.
FUZZ_ROUNDS ?= 10
fuzz: $(STAMP)
	@for round in $$(seq $(FUZZ_ROUNDS)); do echo "fuzz round $$round of $(FUZZ_ROUNDS)"; \
	  HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider -m hypothesis $(FUZZ_ARGS) || exit 1; \
	done

# ruff and mypy, configured in pyproject.toml. LINT_PATHS narrows it (e.g. to the files of a branch).
LINT_PATHS ?= publish tests
lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/mypy $(filter publish%,$(LINT_PATHS))

bench: $(STAMP)
	$(BIN)/python tests/bench.py

# Rebuild the bundled font subsets from Debian's font packages (rarely needed).
fonts: $(STAMP)
	@if [ ! -d /usr/share/fonts/opentype/noto ] || [ ! -d /usr/share/fonts/truetype/lxgw-wenkai ]; then \
	  $(call apt,fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai); fi
	$(BIN)/python fonts/rebuild.py

$(STAMP): pyproject.toml | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# System libraries without a wheel: installed when we are root, else named.
apt = if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else echo "Please install the Debian packages: $(1)" >&2; exit 1; fi

system:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || ! ldconfig -p | grep -q 'libpangoft2-1.0.so'; then \
	  echo "Pango is missing (WeasyPrint needs it): installing libpango-1.0-0 libpangoft2-1.0-0" >&2; \
	  $(call apt,libpango-1.0-0 libpangoft2-1.0-0); fi
	@if ! ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so'; then \
	  echo "HarfBuzz's subsetter is missing (WeasyPrint subsets fonts with it, fast and reproducibly): installing libharfbuzz-subset0" >&2; \
	  $(call apt,libharfbuzz-subset0); fi
	@if ! command -v java >/dev/null; then \
	  echo "Java is missing (EPUBCheck needs it): installing default-jre-headless" >&2; \
	  $(call apt,default-jre-headless); fi

clean:
	rm -rf $(OUT) $(VENV) *.egg-info
