# hinit - every entry point.  `make run` and `make check` work on a fresh
# Debian 12 machine with only gcc and make: missing packages are installed
# (as root) or named in one apt-get line (otherwise).
#
# Each area keeps its targets in a fragment included below (mk/*.mk) and
# adds its tests to CHECKS and its Debian packages to the *_PACKAGES lists.

.DEFAULT_GOAL := all
SHELL := /bin/bash
VERSION := 0.1.0
BUILD := build
MUSL := /usr/lib/x86_64-linux-musl

CORE_SRC := src/core.c src/exit_code.c src/args.c src/signals.c src/words.c
SYS_SRC := src/log.c src/sys_setup.c src/sys_spawn.c src/sys_loop.c \
	src/sys_seccomp.c \
	src/main.c
HINIT_SRC := $(CORE_SRC) $(SYS_SRC)
HINIT_HDR := $(wildcard src/*.h)

# Reproducible: no paths, dates or build ids end up in the binary.
HINIT_CFLAGS := -std=c11 -D_GNU_SOURCE -Os -Wall -Wextra -Werror \
	-fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE \
	-ffunction-sections -fdata-sections \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-ffile-prefix-map=$(CURDIR)=. -DHINIT_VERSION='"$(VERSION)"'
# static-pie (musl-gcc's spec file knows only static and dynamic, so the
# link is spelled out); noseparate-code keeps the file small: headers and
# read-only data share the text segment, which stays non-writable.
HINIT_LDFLAGS := -static-pie -nostdlib -nostartfiles \
	-Wl,-z,relro,-z,now,-z,noexecstack,-z,noseparate-code \
	-Wl,--gc-sections,--build-id=none,--hash-style=gnu -s

BUILD_PACKAGES := musl-tools
TEST_PACKAGES := libcmocka-dev util-linux procps
CHECKS :=

.PHONY: all deps deps-build deps-test run check clean install-deps
all: $(BUILD)/hinit

# Installs the Debian packages in $(1) that are missing.
define install_packages
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "hinit: missing packages; run: sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	  echo "hinit: installing$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing) \
	    >$(BUILD)/apt.log 2>&1 || { tail -20 $(BUILD)/apt.log; exit 1; }; \
	fi
endef

$(BUILD):
	@mkdir -p $(BUILD)

deps-build: | $(BUILD)
	$(call install_packages,$(BUILD_PACKAGES))

deps-test: | $(BUILD)
	$(call install_packages,$(BUILD_PACKAGES) $(TEST_PACKAGES))

$(BUILD)/obj/%.o: src/%.c $(HINIT_HDR) Makefile | deps-build
	@mkdir -p $(dir $@)
	musl-gcc $(HINIT_CFLAGS) -c $< -o $@

HINIT_OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(HINIT_SRC))

$(BUILD)/hinit: $(HINIT_OBJ)
	gcc $(HINIT_LDFLAGS) $(MUSL)/rcrt1.o $(MUSL)/crti.o \
	  $$(gcc -print-file-name=crtbeginS.o) $(HINIT_OBJ) -L$(MUSL) -lc \
	  $$(gcc -print-libgcc-file-name) $$(gcc -print-file-name=crtendS.o) \
	  $(MUSL)/crtn.o -o $@
	@echo "hinit: built $@ ($$(stat -c %s $@) bytes)"

# The demo: hinit as PID 1 of a fresh PID namespace, running a workload
# that makes orphans, receives forwarded signals and exits with 42.
run: $(BUILD)/hinit deps-test
	@tests/demo.sh $(BUILD)/hinit

clean:
	rm -rf $(BUILD)

-include mk/*.mk

# Every test; fragments add theirs to CHECKS.
# Make stops at the first suite that fails, so reaching the end means all
# passed; each suite prints its own "N passed, N failed" before this one.
check: deps-test $(BUILD)/hinit $(CHECKS)
	@echo "hinit: every suite passed: $(CHECKS)"
	@echo "suites: $(words $(CHECKS)) passed, 0 failed"
