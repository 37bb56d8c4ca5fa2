# tests/counts.sh - the counters every shell test suite shares (usage,
# security, fuzz checks).  One line per check, "ok   WHAT" or
# "FAIL WHAT"; a skipped check is printed and never counted as passed;
# `finish [LABEL]` prints "[LABEL ]N passed, N failed" and exits 0 only if
# something passed and nothing failed.
passed=0 failed=0 skipped=0
pass() {
	passed=$((passed + 1))
	echo "ok   $*"
}
fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}
skip() {
	skipped=$((skipped + 1))
	echo "skip $*"
}
# check WHAT COMMAND...: passes when COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
	[ "$skipped" -gt 0 ] && echo "($skipped skipped, not counted)"
	echo "${1:+$1 }$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
	exit $?
}
