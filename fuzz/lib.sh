# fuzz/lib.sh - the pass/fail counters of the fuzz check scripts
# (negative.sh, oss-fuzz/test.sh): one line per check, "ok   ..." or
# "FAIL ...", as fuzz/check.sh counts them.
passed=0 failed=0
ok() {
	echo "ok   $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}
