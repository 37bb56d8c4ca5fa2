#!/bin/bash
# Writes the why3 configuration `make prove` uses, at $1: what
# `why3 config detect` finds (z3, cvc4), plus cvc5, which why3 1.5 does not
# know yet (its detection table stops at cvc4 1.8): proofs/cvc5.drv is
# cvc4's driver with the logic name cvc5 accepts.  Idempotent: a file that
# already lists the three provers is kept as it is.
set -euo pipefail
conf=$1
have() { why3 config list-provers -C "$conf" 2>/dev/null | grep -q "^$1 "; }
if [ -f "$conf" ] && have Z3 && have CVC4 && have CVC5; then
	exit 0
fi
rm -f "$conf"
why3 config detect -C "$conf" >/dev/null 2>&1
if ! have CVC5; then
	drv=$(cd "$(dirname "$0")" && pwd)/cvc5.drv
	cvc5=$(command -v cvc5) || { echo "prove: cvc5 not found" >&2; exit 1; }
	version=$("$cvc5" --version | sed -n 's/^This is cvc5 version \([^ ]*\).*/\1/p')
	cat >>"$conf" <<EOC

[prover]
command = "$cvc5 --tlimit=%t000 --lang=smt2 %f"
command_steps = "$cvc5 --rlimit=%S --lang=smt2 %f"
driver = "$drv"
editor = ""
in_place = false
interactive = false
name = "CVC5"
shortcut = "cvc5"
version = "$version"
EOC
fi
for p in Z3 CVC4 CVC5; do
	have $p || { echo "prove: why3 does not see $p in $conf" >&2; exit 1; }
done
