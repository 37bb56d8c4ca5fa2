# Benchmarks: hinit against tini, dumb-init and catatonit (bench/README.md).
# `make bench` runs the full set (a few minutes) and refreshes
# bench/results.json, bench/ratios.png and build/docs/bench.md;
# `make bench-smoke` (in make check) runs the same script tiny, < 60 s.
BENCH_DIR := $(BUILD)/bench
BENCH_BIN := $(BENCH_DIR)/bin
BENCH_PROGS := $(addprefix $(BENCH_BIN)/,startup reap siglat idle)
# The peers; gnuplot-nox for the chart; valgrind (callgrind) for the
# instruction counts; binutils (readelf) to tell static from dynamic;
# dpkg-dev (dpkg-source) and musl-tools to build the peers from their
# source packages for the sizes.  The programs make their own namespaces.
BENCH_PACKAGES := tini dumb-init catatonit gnuplot-nox valgrind binutils \
	musl-tools dpkg-dev util-linux

$(BENCH_BIN)/%: bench/%.c bench/bench.h mk/bench.mk | $(BUILD)
	@mkdir -p $(dir $@)
	gcc -std=c11 -O2 -Wall -Wextra -Werror $< -o $@

.PHONY: bench bench-smoke bench-deps
bench-deps: | $(BUILD)
	$(call install_packages,$(BENCH_PACKAGES))

bench: bench-deps $(BUILD)/hinit $(BENCH_PROGS)
	bench/bench.sh $(BUILD)/hinit $(BENCH_BIN) $(BENCH_DIR)/full
	cp $(BENCH_DIR)/full/results.json $(BENCH_DIR)/full/ratios.png bench/
	@mkdir -p $(BUILD)/docs
	cp $(BENCH_DIR)/full/bench.md $(BUILD)/docs/bench.md

bench-smoke: bench-deps $(BUILD)/hinit $(BENCH_PROGS)
	@bench/smoke.sh $(BUILD)/hinit $(BENCH_BIN) $(BENCH_DIR)/smoke

CHECKS += bench-smoke
