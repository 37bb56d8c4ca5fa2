# lib.sh - shared by the tests/security scripts: counting and a timeout
# on everything.  A skipped check is printed and never counted as passed.
PASSED=0
FAILED=0
SKIPPED=0
pass() { PASSED=$((PASSED + 1)); echo "ok   $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "skip $*"; }
# expect DESCRIPTION COMMAND...: passes when COMMAND succeeds.
expect() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
	[ "$SKIPPED" -gt 0 ] && echo "($SKIPPED skipped, not counted)"
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
	exit $?
}
