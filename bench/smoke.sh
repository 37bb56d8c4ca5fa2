#!/bin/bash
# smoke.sh HINIT BIN OUT - make bench-smoke: runs bench.sh --smoke (every
# measurement, tiny) under a timeout and checks that it produced every
# figure for every init, the JSON, the chart and the README text, and
# that hinit stayed asleep while its command slept.
set -u
hinit=$1 bin=$2 final=$3
here=$(dirname "$0")
# A directory of its own: make check may run in two work trees' shells
# at once; the last complete run is moved to OUT.
mkdir -p "$(dirname "$final")"
out=$(mktemp -d "$final.XXXXXX")
trap 'rm -rf "$out"' EXIT
. "$here/../tests/counts.sh"
start=$(date +%s)
timeout 110 "$here/bench.sh" --smoke "$hinit" "$bin" "$out" > "$out/table.txt" 2> "$out/bench.err"
status=$?
elapsed=$(($(date +%s) - start))
check "bench.sh --smoke exits 0 (status $status, ${elapsed} s)" [ $status = 0 ]
[ $status = 0 ] || tail -20 "$out/bench.err"
cat "$out/table.txt"
json=$out/results.json
check "results.json written" [ -s "$json" ]
# Every figure has a number for every init: no null among the values.
values_complete() {
	local n
	n=$(grep -c '"values": {"hinit": [-0-9.]*, "tini": [-0-9.]*, "dumb-init": [-0-9.]*, "catatonit": [-0-9.]*}' "$json")
	[ "$n" = 14 ]
}
check "every figure measured for every init" values_complete
# A ratio to a best peer that measured 0 (CPU time is counted in clock
# ticks, which a smoke's few events may not reach) has no value; every
# other figure must have hinit's ratio.
ratios_complete() {
	local zero_best with_ratio without
	zero_best=$(grep -c '"best_peer": 0,' "$json")
	with_ratio=$(grep -c '"ratios": {"hinit": [0-9.]*,' "$json")
	without=$(grep -c '"ratios": {"hinit": null,' "$json")
	[ $((with_ratio + without)) = 14 ] && [ "$without" -le "$zero_best" ]
}
check "hinit ratio present for every figure a peer measured" ratios_complete
hinit_idle() {
	grep -A1 '^    "idle": {' "$json" | grep -q '"values": {"hinit": 0,'
}
check "hinit has no idle wakeup while its command sleeps" hinit_idle
check "ratios.png is a PNG" \
	bash -c "head -c 8 '$out/ratios.png' | od -An -c | grep -q 'P   N   G'"
check "bench.md has the table" grep -q '^| startup overhead |' "$out/bench.md"
check "smoke under 60 s" [ $elapsed -lt 60 ]
rm -rf "$final"
mv "$out" "$final" && trap - EXIT
finish
