# Backbone: two commands do everything on a fresh Debian machine.
#   make report  — install what is missing, build (release), build the site from content/
#   make test    — install what is missing, run the unit tests and the site checks
SHELL := /bin/bash
APT_PACKAGES := libopenblas-dev libcmark-dev libssl-dev libxml2-dev pkg-config libsnappy-dev libzstd-dev zlib1g-dev
BROWSER_PACKAGES := chromium
# pdflatex, which compile-checks the .tex downloads (LaTeXTableTests); without
# it that test is skipped, so `make test` installs it (about 30 s, 65 MB).
LATEX_PACKAGES := texlive-latex-recommended
SWIFT ?= swift

.PHONY: report test deps browser-deps latex-deps build-release site-check clean

report: deps build-release
	./.build/release/backbone build --content content --out site

# The tests run in one process, not with `swift test --parallel`: that runs every
# test in a process of its own, so the fixtures each test target builds once and
# shares (the report sites, the analysed study) would be rebuilt for every test.
# The end-to-end tests and the site check drive the release binary
# (BACKBONE_BIN): they check what the command does, and its site builds take a
# second there against ten in a debug build. The unit tests stay debug.
#
# The tests write only inside Scratch.root (Tests/TestSupport/Scratch.swift), a
# folder per test process that is removed when the process exits. They run
# with TMPDIR in .build/test-tmp, so a test that writes elsewhere in the
# temporary folder, or a scratch folder that outlives its run, shows there and
# fails `make test`: left in /tmp, such files once filled CI's disk. (SwiftPM's
# own lock files and TemporaryDirectory.* folders land there too.)
test: deps browser-deps latex-deps build-release
	$(SWIFT) build
	@rm -rf .build/test-tmp && mkdir -p .build/test-tmp
	set -o pipefail; TMPDIR=$(CURDIR)/.build/test-tmp BACKBONE_BIN=.build/release/backbone $(SWIFT) test --disable-swift-testing 2>&1 | tee .build/test.log
	@left=$$(ls -A .build/test-tmp | grep -v -E '^TemporaryDirectory\.|\.lock$$' || true); \
	if [ -n "$$left" ]; then echo "make test: the tests left files in .build/test-tmp: $$left" >&2; exit 1; fi
	BACKBONE_BIN=.build/release/backbone ./scripts/site-check.sh
	@./scripts/test-summary.sh .build/test.log

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

browser-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "installing: $(BROWSER_PACKAGES)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $(BROWSER_PACKAGES); \
	fi

latex-deps:
	@if ! command -v pdflatex >/dev/null 2>&1; then \
	  echo "installing: $(LATEX_PACKAGES)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $(LATEX_PACKAGES); \
	fi

# The Swift runtime and Foundation linked statically: the dynamic loader no
# longer resolves them at every start (10–20 ms of a one-second build; see
# Benchmarks/README.md). Only the command is built: the test-support target
# needs XCTest, which has no static library.
build-release:
	$(SWIFT) build -c release --static-swift-stdlib --product backbone

clean:
	rm -rf .build site
