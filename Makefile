# The two commands of the README:
#   make demo   install dependencies, build (Release), run the main job on the default scenario
#   make check  install dependencies, build, run every test (also under ASan/UBSan)
# Others: make build, make install PREFIX=..., make test, make sanitize, make bench, make fuzz, make format, make clean.

JOBS ?= $(shell nproc)
RELEASE := build/release
SANITIZE := build/sanitize
SCENARIO ?= scenarios/coalition/scenario.yaml
REASSURE := $(RELEASE)/reassure

FUZZ_SECONDS ?= 60
FUZZ := build/fuzz

PREFIX ?= /usr/local

.PHONY: deps build install demo check test sanitize bench fuzz format format-check clean

# Debian packages first (they bring Node.js), then the npm packages of package-lock.json.
deps:
	bash deps/install.sh
	bash deps/npm.sh

build: deps
	cmake -S . -B $(RELEASE) -DCMAKE_BUILD_TYPE=Release -DREASSURE_TESTS=ON
	cmake --build $(RELEASE) -j $(JOBS)

# The program, its default scenarios and the dashboard under PREFIX (bin/reassure,
# share/reassure/scenarios/, share/reassure/web/); the installed program finds them relative to
# itself.
install: build
	cmake --install $(RELEASE) --prefix $(PREFIX)

demo: build
	$(REASSURE) validate $(SCENARIO)
	$(REASSURE) coalition status $(SCENARIO) --as-of 2025-09-04
	$(REASSURE) coalition status $(SCENARIO) --as-of 2026-01-06
	$(REASSURE) plan $(SCENARIO) --out out
	$(REASSURE) compare $(SCENARIO) --variants base,no-us-backstop,germany-commits,two-year-mission
	@echo "JSON and HTML written under out/ (out/report.html)"

test: build
	cd $(RELEASE) && ctest --output-on-failure -j $(JOBS)

# Every test again with AddressSanitizer and UndefinedBehaviorSanitizer: a finding fails. The
# CLI tests (label app) run the sanitized `reassure` of this build, which inherits the options.
# The test run took 99-122 s of wall time on the shared 2-core machine (JOBS=1), the CLI's 34
# tests 27-28 s of it; the slowest CLI test takes under 3 s. With the store's tests (label store:
# both backends, and a PostgreSQL cluster that ctest starts and stops) the run took 404 s, the
# store's 41 tests 69 s of it, once on this machine under a load average of 4-5.
sanitize: deps
	cmake -S . -B $(SANITIZE) -DCMAKE_BUILD_TYPE=Debug -DREASSURE_SANITIZE=ON -DREASSURE_TESTS=ON
	cmake --build $(SANITIZE) -j $(JOBS)
	cd $(SANITIZE) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

check: test sanitize format-check

bench: deps
	cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DREASSURE_BENCH=ON -DREASSURE_TESTS=OFF
	cmake --build build/bench -j $(JOBS)
	build/bench/bench/forcegen_bench
	bash bench/api_load.sh build/bench/reassure

# Each libFuzzer harness of fuzz/ for FUZZ_SECONDS over a copy of its corpus (clang build with
# ASan and UBSan); new crashes are saved under fuzz/crashes/<name>/ (see fuzz/run.sh).
fuzz: deps
	cmake -S . -B $(FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-14 \
	  -DCMAKE_CXX_COMPILER=clang++-14 -DREASSURE_FUZZ=ON -DREASSURE_TESTS=OFF
	cmake --build $(FUZZ) --target fuzzers -j $(JOBS)
	bash fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build out
