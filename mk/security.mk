# Security: build hardening read back from the ELF, reproducible build,
# no heap and a bounded stack, the seccomp filter (refuses what it must,
# refuses nothing hinit does), bad input; and `make evidence`, the
# reviewer's report.  See SECURITY.md.
SECURITY_DIR := $(BUILD)/security
# strace: the seccomp path test; binutils: readelf, objdump, nm.
TEST_PACKAGES += strace binutils util-linux procps

# The release objects linked again without -s, with a link map: symbols
# and archive members for the no-heap test.
$(SECURITY_DIR)/hinit.unstripped: $(HINIT_OBJ) mk/security.mk
	@mkdir -p $(dir $@)
	gcc $(filter-out -s,$(HINIT_LDFLAGS)) -Wl,-Map=$(SECURITY_DIR)/hinit.map \
	  $(MUSL)/rcrt1.o $(MUSL)/crti.o $$(gcc -print-file-name=crtbeginS.o) \
	  $(HINIT_OBJ) -L$(MUSL) -lc $$(gcc -print-libgcc-file-name) \
	  $$(gcc -print-file-name=crtendS.o) $(MUSL)/crtn.o -o $@

# The release flags plus gcc's call graph with frame sizes, for the
# worst-case stack (tests/security/stack_depth.awk).
SECURITY_CI := $(patsubst src/%.c,$(SECURITY_DIR)/stack/%.ci,$(HINIT_SRC))
$(SECURITY_DIR)/stack/%.ci: src/%.c $(HINIT_HDR) mk/security.mk | deps-build
	@mkdir -p $(dir $@)
	musl-gcc $(HINIT_CFLAGS) -fcallgraph-info=su -fstack-usage \
	  -dumpdir $(SECURITY_DIR)/stack/ -c $< -o $(SECURITY_DIR)/stack/$*.o

.PHONY: security-check evidence
security-check: deps-test $(BUILD)/hinit $(SECURITY_DIR)/hinit.unstripped \
		$(SECURITY_CI)
	@tests/security/run.sh $(BUILD)/hinit $(BUILD)

CHECKS += security-check

# One command for a reviewer: reruns the security tests, the other
# areas' targets that exist (proofs, coverage, fuzz summary, unit and
# integration tests, benchmark), and writes build/evidence/report.md and
# report.html.
evidence: deps-test $(BUILD)/hinit $(SECURITY_DIR)/hinit.unstripped \
		$(SECURITY_CI)
	@tests/security/evidence.sh $(BUILD)

# For evidence.sh: every suite `make check` runs (the final CHECKS).
.PHONY: security-list-checks
security-list-checks:
	@echo $(CHECKS)
