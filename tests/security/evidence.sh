#!/bin/bash
# evidence.sh - `make evidence`: reruns what a reviewer needs and writes
# build/evidence/report.md and report.html.  Targets of other areas are
# run when the Makefile has them and marked "missing" otherwise; every
# step has a timeout and the whole run a budget (EVIDENCE_BUDGET seconds,
# default 840: 14 minutes), so it ends in under 15 minutes on 2 cores.
# Usage: tests/security/evidence.sh BUILD_DIR
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
E=$B/evidence
BUDGET=${EVIDENCE_BUDGET:-840}
rm -rf "$E"
mkdir -p "$E/logs"
R=$E/report.md
START=$SECONDS

# A target some fragment defines (make -n would accept a directory name
# such as proofs/ or bench/ as an up-to-date file).
has_target() { grep -Eq "^$1:" Makefile mk/*.mk; }
left() { echo $((BUDGET - (SECONDS - START))); }
# step NAME LIMIT COMMAND...: runs with min(LIMIT, budget left); writes
# logs/NAME.log; echoes "status|seconds|summary".
step() {
	local name=$1 limit=$2
	shift 2
	local l
	l=$(left)
	[ "$l" -lt "$limit" ] && limit=$l
	# STEP_MIN: below this many seconds the step cannot finish: skip it.
	if [ "$limit" -le "${STEP_MIN:-10}" ]; then
		echo "not run: time budget spent|0|"
		return
	fi
	local t0=$SECONDS
	timeout "$limit" "$@" >"$E/logs/$name.log" 2>&1
	local rc=$?
	local st=passed
	[ "$rc" != 0 ] && st="FAIL (rc $rc)"
	[ "$rc" = 124 ] && st="FAIL (timeout ${limit} s)"
	local sum
	sum=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$E/logs/$name.log" | tail -1)
	echo "$st|$((SECONDS - t0))|$sum"
}

echo "hinit: evidence: building and hashing"
make -s "$B/hinit" >"$E/logs/build.log" 2>&1
sha=$(sha256sum "$B/hinit" | cut -d' ' -f1)
size=$(stat -c %s "$B/hinit")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain 2>/dev/null | grep -c .)

echo "hinit: evidence: security tests"
sec=$(step security 420 tests/security/run.sh "$B/hinit" "$B" "$E/security")


# Proofs, coverage/fuzz summary and benchmark: the first target of each
# group that exists.
run_first() {
	local group=$1 limit=$2
	shift 2
	for t in "$@"; do
		if has_target "$t"; then
			echo "hinit: evidence: make $t" >&2
			echo "$t|$(step "$t" "$limit" make -s "$t")"
			return
		fi
	done
	echo "$*|missing: no such make target yet|0|"
}
prove=$(run_first prove 300 prove proofs)
coverage=$(run_first coverage 240 coverage fuzz-coverage)
# A short libFuzzer run per target (the long ones are `make fuzz`).
export FUZZ_SECONDS=${EVIDENCE_FUZZ_SECONDS:-20}
fuzz=$(run_first fuzz 200 fuzz-summary fuzz)

checks=$(make -s security-list-checks 2>/dev/null)
declare -A res
for t in $checks; do
	[ "$t" = security-check ] && continue
	# The proofs ran above already (make check lists them too): one run
	# is the evidence, and a second left no time for the benchmark.
	if [ "$t" = "${prove%%|*}" ]; then
		res[$t]=${prove#*|}
		continue
	fi
	echo "hinit: evidence: make $t"
	res[$t]=$(step "$t" 300 make -s "$t")
done
# Whatever time is left goes to the full benchmark.
# The full benchmark needs about 4 minutes on 2 cores; with less left it
# is not started and the report shows bench-smoke's table instead.
bench=$(STEP_MIN=200 run_first bench 600 bench)

row() { # "target|status|seconds|summary" -> table row
	local t s sec sum
	IFS='|' read -r t s sec sum <<<"$1"
	echo "| \`make $t\` | $s | $sec | $sum |"
}
include_md() { # first lines of the Markdown files an area wrote
	local f
	for f in "$@"; do
		[ -f "$f" ] || continue
		# Only what this run wrote: an older file is another run's.
		[ "$f" -nt "$E/logs/build.log" ] || continue
		echo
		echo "From \`$f\`:"
		echo
		sed -n '1,80p' "$f" | sed 's/^#/###/'
	done
}
tail_log() {
	[ -f "$E/logs/$1.log" ] || return 0
	echo
	echo '```'
	tail -"${2:-15}" "$E/logs/$1.log" 2>/dev/null
	echo '```'
}

{
	echo "# hinit security evidence"
	echo
	echo "Generated $(date -u '+%Y-%m-%d %H:%M UTC') by \`make evidence\` on $(uname -srm), $(nproc) CPUs, in $((SECONDS - START)) s (budget $BUDGET s)."
	echo "Commit $commit ($dirty files changed or new in the work tree)."
	echo
	echo "## Build"
	echo
	echo "| item | value |"
	echo "| --- | --- |"
	echo "| binary | \`$B/hinit\`, $size bytes |"
	echo "| SHA-256 | \`$sha\` |"
	echo "| compiler | $(gcc --version | head -1) |"
	echo "| musl | $(dpkg-query -W -f='${Version}' musl-dev 2>/dev/null || echo unknown) |"
	echo "| binutils | $(dpkg-query -W -f='${Version}' binutils 2>/dev/null || echo unknown) |"
	echo
	echo "Reproduce: same Debian 12 toolchain, \`make\`, then \`sha256sum build/hinit\`."
	echo
	echo "## Security tests"
	echo
	echo "Overall: $(echo "$sec" | cut -d'|' -f1), $(echo "$sec" | cut -d'|' -f3) in $(echo "$sec" | cut -d'|' -f2) s."
	echo
	echo "| suite | passed | failed | skipped | seconds |"
	echo "| --- | --- | --- | --- | --- |"
	while read -r n p f s t; do
		[ "$f" != 0 ] && f="FAIL $f"
		echo "| $n | $p | $f | $s | $t |"
	done <"$E/security/summary.txt"
	echo
	echo "### Hardening (read from the ELF)"
	echo
	echo "| check | result |"
	echo "| --- | --- |"
	grep -E '^(ok|FAIL) ' "$E/security/hardening.log" |
		sed -E 's/^ok +(.*)/| \1 | ok |/; s/^FAIL +(.*)/| \1 | FAIL |/' | tr -d '[]'
	echo
	echo '```'
	sed -n 's/^    //p' "$E/security/hardening.log"
	echo '```'
	echo
	echo "### Syscalls seen under the filter (strace, every path)"
	echo
	echo "| path | system calls after the filter | refused |"
	echo "| --- | --- | --- |"
	for d in "$E"/security/paths/*/; do
		[ -f "$d/calls" ] || continue
		echo "| $(basename "$d") | $(cat "$d/calls") | $(grep -c ENOSYS "$d/after-filter") |"
	done
	echo
	echo "## Syscall allowlist (src/sys_seccomp.c)"
	echo
	echo "Everything else fails with ENOSYS and is logged by the kernel (audit type=1326). Arch other than x86_64 and x32 numbers: refused."
	echo
	echo "| system call | allowed because |"
	echo "| --- | --- |"
	sed -nE 's@^    ALLOW_CALL\(SYS_([a-z0-9_]+)\),[[:space:]]*/\* (.*) \*/$@| \1 | \2 |@p' src/sys_seccomp.c
	awk '/^    \/\* .* \*\/$/ { c = $0; sub(/^    \/\* /, "", c); sub(/ \*\/$/, "", c) }
		/^    JEQ\(SYS_[a-z0-9_]+, 0, [0-9]\),/ {
			n = $0; sub(/^    JEQ\(SYS_/, "", n); sub(/,.*/, "", n)
			print "| " n " (arguments checked) | " c " |" }' src/sys_seccomp.c
	echo
	echo "## Proofs"
	echo
	echo "| target | status | seconds | summary |"
	echo "| --- | --- | --- | --- |"
	row "$prove"
	include_md "$B"/proofs/summary.md "$B"/proofs/report.md "$B"/docs/proofs.md
	[ -f proofs/ASSUMPTIONS.md ] && echo && echo "Assumptions: [proofs/ASSUMPTIONS.md](../../proofs/ASSUMPTIONS.md)."
	tail_log "$(echo "$prove" | cut -d'|' -f1 | cut -d' ' -f1)" 20
	echo
	echo "## Fuzzing and coverage"
	echo
	echo "| target | status | seconds | summary |"
	echo "| --- | --- | --- | --- |"
	row "$fuzz"
	row "$coverage"
	include_md "$B"/fuzz/summary.md "$B"/coverage/summary.md
	if [ "$B/coverage/report.txt" -nt "$E/logs/build.log" ]; then
		echo
		echo "Coverage of the core by the corpus (\`$B/coverage/report.txt\`):"
		echo
		echo '```'
		sed -n '1,40p' "$B/coverage/report.txt"
		echo '```'
	fi
	for html in $(find "$B" -path "$E" -prune -o -name index.html -print 2>/dev/null | grep -i cov | head -3); do
		echo
		echo "Coverage report: [$html](../../$html)"
	done
	tail_log "$(echo "$fuzz" | cut -d'|' -f1 | cut -d' ' -f1)" 15
	echo
	echo "## Tests"
	echo
	echo "| target | status | seconds | summary |"
	echo "| --- | --- | --- | --- |"
	echo "| \`make security-check\` | $(echo "$sec" | tr '|' '\n' | sed -n 1p) | $(echo "$sec" | cut -d'|' -f2) | $(echo "$sec" | cut -d'|' -f3) |"
	for t in $checks; do
		[ "$t" = security-check ] && continue
		row "$t|${res[$t]}"
	done
	echo
	echo "## Benchmark"
	echo
	echo "| target | status | seconds | summary |"
	echo "| --- | --- | --- | --- |"
	row "$bench"
	include_md "$B"/bench/full/bench.md
	if ! [ "$B/bench/full/bench.md" -nt "$E/logs/build.log" ] &&
		[ "$B/bench/smoke/bench.md" -nt "$E/logs/build.log" ]; then
		echo
		echo "The full benchmark did not run to the end in this report; the"
		echo "table below is from \`make bench-smoke\` (short runs, same method)."
		include_md "$B"/bench/smoke/bench.md
	fi
	tail_log "$(echo "$bench" | cut -d'|' -f1 | cut -d' ' -f1)" 30
	echo
	echo "Logs of every step: \`$E/logs/\`."
} >"$R"
awk -v TITLE="hinit security evidence" -f tests/security/md2html.awk "$R" >"$E/report.html"
echo "hinit: evidence in $R and $E/report.html ($((SECONDS - START)) s)"
status=0
if grep -q 'FAIL' "$R"; then
	echo "hinit: evidence: some steps FAILED (see the report)"
	status=1
fi
if grep -q 'not run: time budget' "$R"; then
	echo "hinit: evidence: incomplete, the time budget ran out (see the report)"
	status=1
fi
exit $status
