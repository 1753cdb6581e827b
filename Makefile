# plan-draft: `make draft` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help bytecode draft drafts test system-deps example template corpus bench clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# An editable install leaves the package uncompiled, and where PYTHONDONTWRITEBYTECODE is set every
# run would compile it again (about 40 ms a run): compile it once (only changed files are redone).
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q pipeline

draft: bytecode  ## build the embedded example mission into outputs/example/
	$(BIN)/plan-draft build inputs/example -o outputs/example

system-deps:  ## install LibreOffice Writer and Calc, its Python bridge and poppler (PDF and kit tests) where missing and apt-get can
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
	    || { command -v dpkg-query >/dev/null 2>&1 && ! dpkg-query -W -f '$${Status}\n' libreoffice-calc-nogui libreoffice-calc 2>/dev/null | grep -q "ok installed"; } \
	    || { command -v dpkg-query >/dev/null 2>&1 && ! dpkg-query -W -f '$${Status}\n' python3-uno 2>/dev/null | grep -q "ok installed"; }; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing libreoffice-writer-nogui, libreoffice-calc-nogui, python3-uno and poppler-utils (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libreoffice-writer-nogui libreoffice-calc-nogui python3-uno poppler-utils >/dev/null; \
	  else \
	    echo "note: soffice/pdftotext missing and apt-get unavailable (or not root): the PDF test is skipped"; \
	  fi; \
	fi

test: $(STAMP) system-deps  ## lint, type-check and run the whole test suite
	$(BIN)/ruff format --check pipeline tests scripts bench
	$(BIN)/ruff check pipeline tests scripts bench
	$(BIN)/mypy pipeline tests/*.py
	$(BIN)/pytest

example: $(STAMP)  ## regenerate inputs/example/, inputs/ejemplo/, inputs/exemple/ and inputs/exemplo/ from scripts/
	$(BIN)/python scripts/make_example.py inputs/example
	$(BIN)/python scripts/make_example_es_fr.py inputs

drafts: draft  ## also build the Spanish, French and Portuguese examples into outputs/ejemplo/, exemple/, exemplo/
	$(BIN)/plan-draft build inputs/ejemplo -o outputs/ejemplo
	$(BIN)/plan-draft build inputs/exemple -o outputs/exemple
	$(BIN)/plan-draft build inputs/exemplo -o outputs/exemplo

template: $(STAMP)  ## regenerate templates/default.docx
	$(BIN)/python scripts/make_template.py templates/default.docx

corpus: $(STAMP)  ## regenerate tests/hostile/ and tests/writers/ (LibreOffice Calc/Writer and pandoc wanted)
	$(BIN)/pip install --quiet -e '.[test,corpus]'
	$(BIN)/python tests/hostile/make_corpus.py
	$(BIN)/python tests/writers/make_writers.py

bench: bytecode  ## run the benchmark against docxtpl and pandoc (writes bench/results.json)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	@command -v pandoc >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq pandoc >/dev/null; } \
	  || echo "note: pandoc missing: peer B is skipped"
	$(BIN)/python bench/run.py

clean:  ## remove the virtual environment and built outputs
	rm -rf $(VENV) outputs/*/
