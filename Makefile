# The README's two commands: `make demo` and `make test`. Everything they need is
# installed here: a venv with the project and its test tools, and the few system
# packages that have no wheel (Pango for WeasyPrint, a Java runtime for EPUBCheck).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := examples/wenling-2023-01-19
OUT    := out

.PHONY: demo test fuzz lint bench fonts system browser clean corpus

demo: $(STAMP)
	$(BIN)/publish build $(EXAMPLE) -o $(OUT) --format all

test: $(STAMP) browser
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

# Rebuild the bundled font subsets from Debian's font packages and the 通用规范汉字表
# list of Unihan (unicode-data); rarely needed.
fonts: $(STAMP)
	@if [ ! -d /usr/share/fonts/opentype/noto ] || [ ! -d /usr/share/fonts/truetype/lxgw-wenkai ] \
	    || [ ! -f /usr/share/unicode/Unihan_OtherMappings.txt.bz2 ]; then \
	  $(call apt,fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai unicode-data); fi
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
	@if ! command -v fc-match >/dev/null || ! fc-list 2>/dev/null | grep -q 'Noto Serif CJK' \
	    || ! fc-list 2>/dev/null | grep -q 'HanaMinB'; then \
	  echo "Fallback fonts are missing (characters beyond the bundled GB 2312 + 通用规范汉字表 faces, CJK Extension B): installing fontconfig fonts-noto-cjk fonts-hanazono" >&2; \
	  ($(call apt,fontconfig fonts-noto-cjk fonts-hanazono)) || echo "continuing: rare characters need a system font" >&2; fi
	@if ! command -v java >/dev/null; then \
	  echo "Java is missing (EPUBCheck needs it): installing default-jre-headless" >&2; \
	  $(call apt,default-jre-headless); fi

# The digital edition's tests (tests/web) open it in a real browser: Debian's
# chromium (Playwright cannot download its own here), driven by Playwright for
# Python from the venv, and axe-core from npm in a folder inside the venv.
AXE := $(VENV)/node/node_modules/axe-core/axe.min.js

browser: $(STAMP) $(AXE)
	@if ! command -v chromium >/dev/null; then \
	  echo "Chromium is missing (the digital edition's tests open it): installing chromium" >&2; \
	  $(call apt,chromium); fi

$(AXE): | $(STAMP)
	@if ! command -v npm >/dev/null; then \
	  echo "npm is missing (axe-core, the accessibility checker, comes from npm): installing npm" >&2; \
	  $(call apt,npm); fi
	npm install --silent --no-audit --no-fund --prefix $(VENV)/node axe-core@4
	@test -f $(AXE)

clean:
	rm -rf $(OUT) $(VENV) *.egg-info

# The EPUB's tests lay it out in real reading engines (tests/writers/test_epub_engines.py):
# MuPDF (mupdf-tools), Debian's chromium driven by Playwright, and calibre's
# ebook-convert for the AZW3 conversion. Installed when we are root (CI is); otherwise
# named, and those tests skip with the reason.
.PHONY: readers
test: readers
readers:
	@missing=""; \
	command -v mutool >/dev/null || missing="$$missing mupdf-tools"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v ebook-convert >/dev/null || missing="$$missing calibre"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Reading engines for the EPUB tests are missing: installing$$missing" >&2; \
	  (apt-get update -qq || true) && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "The EPUB's reading-engine tests will skip: install the Debian packages$$missing" >&2; fi

# publish batch: 24 generated issues with 1 and 2 workers, and the font measurement.
.PHONY: bench-batch
bench-batch: $(STAMP)
	$(BIN)/python tests/batch/bench.py

# The make-up on generated issues: 20 issues built and read back (tests/corpus/).
corpus: $(STAMP)
	$(BIN)/python tests/corpus/run.py 20
