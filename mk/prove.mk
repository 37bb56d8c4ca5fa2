# Frama-C WP proofs of the core (proofs/README.md).  `make prove` proves
# every contract and runtime-error goal of the core sources, runs the
# negative test (an off-by-one translation must fail to prove), writes
# proofs/report.md and prints the summary; it fails if any goal is not
# proved.  The why3 configuration is build/proofs/why3.conf (detected
# z3 and cvc4, plus cvc5, which why3 1.5 cannot detect).
PROVE_PACKAGES := frama-c-base why3 z3 cvc4 cvc5

.PHONY: prove deps-prove
deps-prove: | $(BUILD)
	$(call install_packages,$(PROVE_PACKAGES))

prove: deps-prove
	@proofs/prove.sh

CHECKS += prove

