# Fuzzing the pure core (fuzz/README.md): libFuzzer and AFL++ builds of
# each harness, an E-ACSL build that checks the ACSL contracts at run
# time, coverage of the checked-in corpus, and the OSS-Fuzz layout.
#   make fuzz         each libFuzzer target FUZZ_SECONDS (60) on FUZZ_JOBS (1)
#   make fuzz-afl     the same with AFL++
#   make fuzz-merge   new inputs from build/fuzz/work into fuzz/corpus
#   make coverage     line/branch coverage of the corpus, HTML report
#   make fuzz-check   (part of make check) replay, smoke, negative tests,
#                     E-ACSL and OSS-Fuzz build tests
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_TARGETS := fuzz_events fuzz_args fuzz_status
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_SMOKE_SECONDS ?= 10
# clang 14 and its libFuzzer/sanitizer runtimes, llvm-profdata/llvm-cov,
# AFL++, Frama-C with E-ACSL and the GMP its runtime links.
FUZZ_PACKAGES := clang llvm libclang-rt-14-dev afl++ frama-c-base \
	libgmp-dev python3 zip unzip
FUZZ_DEPS := fuzz/fuzz_common.h fuzz/build.sh $(CORE_SRC) $(HINIT_HDR) \
	mk/fuzz.mk

.PHONY: deps-fuzz fuzz fuzz-afl fuzz-merge coverage fuzz-check fuzz-eacsl
deps-fuzz: | $(BUILD)
	$(call install_packages,$(FUZZ_PACKAGES))

$(FUZZ_DIR)/libfuzzer/%: fuzz/%.c $(FUZZ_DEPS) | deps-fuzz
	fuzz/build.sh libfuzzer src $* $@

$(FUZZ_DIR)/afl/%: fuzz/%.c $(FUZZ_DEPS) | deps-fuzz
	fuzz/build.sh afl src $* $@

$(FUZZ_DIR)/cov/%: fuzz/%.c $(FUZZ_DEPS) | deps-fuzz
	fuzz/build.sh cov src $* $@

# Rebuilt whenever src/ changes, so it checks the contracts there now.
$(FUZZ_DIR)/eacsl/fuzz_events: $(wildcard fuzz/eacsl/*) $(FUZZ_DEPS) \
		fuzz/fuzz_events.c fuzz/fuzz_args.c fuzz/fuzz_status.c | deps-fuzz
	fuzz/eacsl/build.sh src $(FUZZ_DIR)/eacsl

FUZZ_LIBFUZZER := $(addprefix $(FUZZ_DIR)/libfuzzer/,$(FUZZ_TARGETS))
FUZZ_AFL := $(addprefix $(FUZZ_DIR)/afl/,$(FUZZ_TARGETS))
FUZZ_COV := $(addprefix $(FUZZ_DIR)/cov/,$(FUZZ_TARGETS))

fuzz-eacsl: $(FUZZ_DIR)/eacsl/fuzz_events

fuzz: $(FUZZ_LIBFUZZER)
	@fuzz/run.sh libfuzzer $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_JOBS)

fuzz-afl: $(FUZZ_AFL)
	@fuzz/run.sh afl $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_JOBS)

fuzz-merge: $(FUZZ_LIBFUZZER)
	@fuzz/run.sh merge $(FUZZ_DIR)

coverage: $(FUZZ_COV)
	@fuzz/coverage.sh $(FUZZ_DIR)/cov $(BUILD)/coverage

fuzz-check: $(FUZZ_LIBFUZZER) $(FUZZ_AFL) | deps-fuzz
	@FUZZ_SMOKE_SECONDS=$(FUZZ_SMOKE_SECONDS) fuzz/check.sh $(FUZZ_DIR)

CHECKS += fuzz-check
