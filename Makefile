# EHC Timeline. Two commands set everything up on a fresh machine:
#   make serve   installs what is missing, builds, and runs the app
#   make test    everything CI runs
# Each target installs what it needs; nothing is assumed to be there.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
EXAMPLE ?= examples/late-assessment.json
TODAY ?= 2026-11-22

.PHONY: serve test check-tools fmt lint unit engine-purity bench clean

## serve: until the web app lands, builds `ehc` and checks the bundled example.
serve: check-tools
	$(CARGO) build --release -p ehc-cli
	./target/release/ehc check $(EXAMPLE) --today $(TODAY)

## test: formatting, lints, every test, and the engine's purity guard.
test: check-tools fmt lint unit engine-purity

## check-tools: installs the Rust components the targets use, if missing.
check-tools:
	@command -v $(CARGO) >/dev/null || { echo "cargo is missing: install Rust with rustup (https://rustup.rs)"; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown

fmt:
	$(CARGO) fmt --all -- --check

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

unit:
	$(CARGO) test --workspace

## engine-purity: the engine has no browser dependency and builds for the browser.
engine-purity:
	@if $(CARGO) tree -p rules -e normal --prefix none | grep -E '^(web-sys|js-sys|wasm-bindgen|yew|gloo)' ; then \
		echo "the rules engine must not depend on browser crates"; exit 1; fi
	$(CARGO) build -p rules --target wasm32-unknown-unknown
	@echo "engine-purity: no browser dependency; builds for wasm32-unknown-unknown"

## bench: the engine benchmark (1,000 cases x 60 events); prints figures, asserts nothing.
bench: check-tools
	$(CARGO) bench -p rules --bench portfolio

clean:
	$(CARGO) clean
