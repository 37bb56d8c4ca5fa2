# Unit tests of the pure core (src/core.c, exit_code.c, args.c,
# signals.c) with cmocka, built with the system gcc (not musl) under
# AddressSanitizer and UndefinedBehaviorSanitizer; any report aborts the
# run.  `make unit` prints cmocka's summaries, then "N passed, N failed".

UNIT_DIR := $(BUILD)/unit
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_HDR := $(wildcard tests/unit/*.h)
UNIT_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Isrc -Itests/unit
# A hang is a failure: the whole suite takes a few seconds.
UNIT_TIMEOUT := 60
# No leak check: the code under test has no heap, and LeakSanitizer
# fails in some CI sandboxes that restrict ptrace.
UNIT_ENV := ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

TEST_PACKAGES += $(filter-out $(TEST_PACKAGES),libcmocka-dev)
CHECKS += unit

.PHONY: unit
$(UNIT_DIR)/unit-tests: $(CORE_SRC) $(HINIT_HDR) $(UNIT_SRC) $(UNIT_HDR) \
		mk/unit.mk | deps-test
	@mkdir -p $(UNIT_DIR)
	gcc $(UNIT_CFLAGS) $(CORE_SRC) $(UNIT_SRC) -lcmocka -o $@

unit: deps-test $(UNIT_DIR)/unit-tests
	@timeout $(UNIT_TIMEOUT) env $(UNIT_ENV) $(UNIT_DIR)/unit-tests; \
	status=$$?; \
	if [ $$status = 124 ]; then \
	  echo "unit: timed out after $(UNIT_TIMEOUT) s"; \
	  echo "0 passed, 1 failed"; \
	fi; \
	exit $$status

# Not in `make check`: each mutant is src/ with one deliberate bug, which
# the unit tests must reject (a few minutes on 2 cores).
.PHONY: unit-mutants
unit-mutants: deps-test
	@tests/unit/mutants.sh $(UNIT_DIR)
