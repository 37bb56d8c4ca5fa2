# Usage in the real world: install/uninstall, the man page, and the tests
# of what users meet first (tests/usage: a real terminal under tmux, the
# installed binary, the man page against --help, examples/Dockerfile).
# Each script prints ok/FAIL lines and "N passed, N failed".
#
#   make install   [PREFIX=/usr/local] [DESTDIR=]   binary and man page
#   make uninstall [PREFIX=/usr/local] [DESTDIR=]
#   make usage-check
PREFIX ?= /usr/local
DESTDIR ?=
SBINDIR ?= $(PREFIX)/sbin
MAN8DIR ?= $(PREFIX)/share/man/man8
# tmux: the terminal the job-control tests type into; mandoc and man-db
# (with groff-base): the man page checks; util-linux: unshare, setsid;
# gcc builds the small terminal helper (tests/usage/notty.c).
USAGE_PACKAGES := tmux mandoc man-db groff-base util-linux procps gcc
USAGE_TIMEOUT ?= 120

.PHONY: install uninstall usage-check usage-deps
install: $(BUILD)/hinit
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MAN8DIR)
	install -m 0755 $(BUILD)/hinit $(DESTDIR)$(SBINDIR)/hinit
	install -m 0644 doc/hinit.8 $(DESTDIR)$(MAN8DIR)/hinit.8

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/hinit $(DESTDIR)$(MAN8DIR)/hinit.8

usage-deps: | $(BUILD)
	$(call install_packages,$(USAGE_PACKAGES))

usage-check: $(BUILD)/hinit usage-deps
	@rc=0; for t in options install dockerfile tty; do \
	  echo "== tests/usage/$$t.sh"; \
	  timeout -k 5 $(USAGE_TIMEOUT) tests/usage/$$t.sh </dev/null || rc=1; \
	done; exit $$rc

CHECKS += usage-check
