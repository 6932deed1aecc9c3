# leadscore: the two commands a user needs, plus benchmarks.
#   make run    installs what is missing, builds, creates the demo database, starts the portal
#   make test   installs what is missing, builds, runs every test
#   make bench  runs the benchmarks in bench/ and prints their figures

BUILD ?= build
JOBS ?= $(shell nproc)
PORT ?= 8080
# XGBoost's OpenMP threads spin while idle unless told otherwise; on a shared machine that
# costs more than it gains.
export OMP_WAIT_POLICY ?= passive

.PHONY: all deps build web run test test-unit test-web bench clean

# The built web app depends on every file it is built from, so `make run` on a built clone
# rebuilds it only when one of them changed.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) \
  $(wildcard web/index.html web/package.json web/package-lock.json web/vite.config.ts web/tsconfig*.json)

all: build

deps:
	scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)
	@$(MAKE) --no-print-directory web

web: web/dist/index.html

web/dist/index.html: $(WEB_SOURCES)
	cd web && npm run build --silent
	@touch $@

run: build
	$(BUILD)/leadscore demo
	$(BUILD)/leadscore serve --demo --port $(PORT)

# LEADSCORE_TEST_PG=required: a PostgreSQL test that finds no server fails instead of skipping.
test: build
	cd $(BUILD) && LEADSCORE_TEST_PG=required ctest --output-on-failure -j $(JOBS)
	@if [ -f web/package.json ]; then cd web && npm test --silent; fi

bench: build
	bench/run-all.sh $(BUILD)

clean:
	rm -rf $(BUILD) web/dist
