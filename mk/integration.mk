# Integration tests: the real static build/hinit as PID 1 of fresh PID
# namespaces (needs root), checked from outside.  tests/integration/run.sh
# prints ok/FAIL per case and "N passed, N failed".
INTEGRATION_DIR := $(BUILD)/integration
INTEGRATION_HELPERS := $(INTEGRATION_DIR)/probe $(INTEGRATION_DIR)/nsrun
# util-linux: setpriv, prlimit; diffutils: cmp; coreutils: timeout.
TEST_PACKAGES += util-linux diffutils coreutils

$(INTEGRATION_DIR)/%: tests/integration/%.c mk/integration.mk | deps-build
	@mkdir -p $(dir $@)
	musl-gcc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -static \
	  $< -o $@

.PHONY: integration
integration: $(BUILD)/hinit $(INTEGRATION_HELPERS) deps-test
	@tests/integration/run.sh $(BUILD)/hinit $(INTEGRATION_DIR)

CHECKS += integration
