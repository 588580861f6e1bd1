# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install models index bench lint clean

run: index
	$(BIN)/python app.py

test: index
	$(BIN)/ruff check tutor tests bench evals app.py
	$(BIN)/python -m pytest -q

bench: index
	$(BIN)/python -m bench.run

install: $(STAMP)

# torch first: pip then takes the CPU wheel on this machine's disk instead of a multi-GB CUDA build.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

models: $(STAMP)
	$(BIN)/tutor models

index: models
	$(BIN)/tutor ingest --prune --quiet

lint: $(STAMP)
	$(BIN)/ruff check tutor tests bench evals app.py
	$(BIN)/ruff format --check tutor tests bench evals app.py

clean:
	rm -rf $(VENV) data
