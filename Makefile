# EHC Timeline. Two commands set everything up on a fresh machine:
#   make serve   installs what is missing, builds the app, serves it on 127.0.0.1
#   make test    everything CI runs
# Each target installs what it needs; nothing is assumed to be there. What is
# slow to install (trunk, wasm-bindgen-cli in ~/.cargo/bin; node_modules) is
# kept where a rerun finds it, and installed again only when missing or at the
# wrong version.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
HOST ?= 127.0.0.1
PORT ?= 8080
# The path the app is served under, as a sub-path host would (BASE=/ehc/).
BASE ?= /
EXAMPLE ?= examples/late-assessment.json
TODAY ?= 2026-11-22
TRUNK_VERSION := ~0.21
# wasm-bindgen-cli must be the very version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
# trunk finds wasm-opt (npm's binaryen) and wasm-bindgen on the PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve build check example test check-tools web-tools browser-tools fmt lint unit \
	engine-purity browser e2e size fuzz bench clean

## serve: builds the app and serves dist/ on http://$(HOST):$(PORT)$(BASE),
## compressed (each file's .br or .gz copy) and with the security headers.
serve: build
	@echo "EHC Timeline: http://$(HOST):$(PORT)$(BASE) (Ctrl-C to stop)"
	EHC_BASE=$(BASE) node e2e/serve.js $(HOST) $(PORT)

## build: the app in dist/, optimised for size (release profile, wasm-opt -Oz).
build: web-tools
	trunk build --release

## example: builds `ehc` (the native profile: built for speed, not size) and
## checks the bundled example case file.
example: check-tools
	$(CARGO) build --profile native -p ehc-cli
	"$${CARGO_TARGET_DIR:-target}/native/ehc" check $(EXAMPLE) --today $(TODAY)

## test: formatting, lints, native tests, the engine's purity guard, the
## browser tests, the end-to-end tests and the size budget.
test: check-tools fmt lint unit engine-purity browser e2e size

## check-tools: the Rust components and the wasm target, if missing.
check-tools:
	@command -v $(CARGO) >/dev/null || { echo "cargo is missing: install Rust with rustup (https://rustup.rs)"; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown

## web-tools: trunk 0.21.x, the matching wasm-bindgen-cli, and npm's binaryen.
web-tools: check-tools node_modules/.installed
	@trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.' || \
		$(CARGO) install --locked trunk --version '$(TRUNK_VERSION)'
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' || \
		$(CARGO) install wasm-bindgen-cli --version '$(WASM_BINDGEN_VERSION)' --force
	@wasm-opt --version >/dev/null

## browser-tools: Debian's Chromium and ChromeDriver for the browser tests, and
## poppler-utils (pdftotext, pdftoppm) to read the printed chronology.
browser-tools:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null || { \
		command -v apt-get >/dev/null || { echo "install Chromium, ChromeDriver and poppler-utils"; exit 1; }; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver poppler-utils; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

fmt:
	$(CARGO) fmt --all -- --check

## lint: clippy natively and for the browser, where the app's browser code builds.
lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p ehc-timeline --all-targets --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy -p ehc-timeline --bins --features lockless --target wasm32-unknown-unknown -- -D warnings

## unit: the native tests; the bundle's and `ehc bundle`'s read their PDFs
## back with poppler, which browser-tools installs. Then the engine's tests
## again as the app's first module reads (faults refused, not worded; its
## doc examples show the words, so not those).
unit: browser-tools
	$(CARGO) test --workspace
	$(CARGO) test -p rules --features unworded --tests

## engine-purity: the engine, the backup and the bundle have no browser
## dependency and build for the browser.
engine-purity:
	@for crate in rules archive bundle; do \
		if $(CARGO) tree -p $$crate -e normal --prefix none | grep -E '^(web-sys|js-sys|wasm-bindgen|yew|gloo)' ; then \
			echo "$$crate must not depend on browser crates"; exit 1; fi; \
	done
	$(CARGO) build -p rules -p archive -p bundle --target wasm32-unknown-unknown
	@echo "engine-purity: no browser dependency; builds for wasm32-unknown-unknown"

## browser: wasm-bindgen tests in headless Chromium (real localStorage, real DOM).
browser: web-tools browser-tools
	$(CARGO) test -p ehc-timeline --target wasm32-unknown-unknown --test browser

## e2e: the built app driven in Debian's Chromium by playwright-core, as a user
## would; screenshots of each screen in e2e/screenshots/. Then the main
## journey and offline once more with the app served under a sub-path (/ehc/),
## as GitHub Pages serves a project.
e2e: build browser-tools
	node --test --test-concurrency=1 e2e/
	EHC_BASE=/ehc/ EHC_SCREENSHOTS=e2e/screenshots/under-ehc node --test --test-concurrency=1 e2e/app.test.js e2e/offline.test.js

## size: the first-load transfer of dist/ and each part loaded on demand, file
## by file (gzip and brotli); fails only above a limit in size-budget.json
## (sizes are deterministic).
size: build
	node build/size-report.mjs

## fuzz: a million generated case files (arbitrary text, and valid files
## mutated) through the reader and the engine, the text report, and the app's import,
## in release mode; prints the count and the time each took. `make test` runs
## the same tests on a few thousand.
FUZZ_CASES ?= 1000000
fuzz: check-tools
	EHC_FUZZ_CASES=$(FUZZ_CASES) $(CARGO) test --release -p rules --test fuzz -- --nocapture
	EHC_FUZZ_CASES=$(FUZZ_CASES) $(CARGO) test --release -p outputs --test report -- --nocapture
	EHC_FUZZ_CASES=$(FUZZ_CASES) $(CARGO) test --release -p ehc-timeline --test import_fuzz -- --nocapture

## bench: the app's sizes; the fuzz run; the engine benchmark (1,000 cases x
## 60 events) natively and in Chromium, and their ratio; one case of 1,000 and
## 10,000 events through every output; the agenda of 10,000 cases filtered; the
## council report of 100,000 cases (its own work, and `ehc report` on 100
## files); saving and loading the portfolio natively and in localStorage (and
## its quota); the built app's load, edit and undo times in Chromium
## (e2e/bench/), one case of 1,000 and of 10,000 events opened, printed and
## exported (big-case.mjs), and the first and return visit on a slow phone
## (mobile.mjs); a 200-page evidence bundle (bundle.mjs, and natively); what
## each crate adds to the wasm (twiggy). Prints figures,
## asserts no time.
bench: build browser-tools fuzz
	node build/size-report.mjs --report
	@mkdir -p target/bench-data
	$(CARGO) bench -p rules --bench portfolio | tee target/bench-data/engine-native.txt
	$(CARGO) bench -p outputs --bench one_case
	$(CARGO) bench -p outputs --bench agenda
	$(CARGO) bench -p outputs --bench council_report
	$(CARGO) bench -p ehc-cli --bench report
	$(CARGO) bench -p bundle --bench bundle
	$(CARGO) test --release -p rules --target wasm32-unknown-unknown --test wasm_bench -- --nocapture \
		| tee target/bench-data/engine-wasm.txt
	node e2e/bench/engine-ratio.mjs target/bench-data/engine-native.txt target/bench-data/engine-wasm.txt
	$(CARGO) bench -p ehc-timeline --bench storage
	node e2e/bench/storage.mjs
	node e2e/bench/load.mjs
	node e2e/bench/big-case.mjs
	node e2e/bench/mobile.mjs
	node e2e/bench/bundle.mjs
	node e2e/bench/edit.mjs
	@twiggy --version 2>/dev/null | grep -q ' 0\.8\.0$$' || $(CARGO) install --locked twiggy --version 0.8.0
	node e2e/bench/wasm-crates.mjs "$${CARGO_TARGET_DIR:-target}/wasm-bindgen/release/ehc-timeline_bg.wasm" 20

clean:
	$(CARGO) clean
	rm -rf dist e2e/screenshots
