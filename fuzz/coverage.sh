#!/bin/bash
# fuzz/coverage.sh COV_BIN_DIR OUT_DIR
# Replays the checked-in corpus and regression inputs through the
# coverage builds (clang -fprofile-instr-generate -fcoverage-mapping),
# writes an HTML report to OUT_DIR/html/index.html and prints line and
# branch coverage of the pure core (the files the harnesses target).
set -euo pipefail
bin=$1 out=$2
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
core="$root/src/core.c $root/src/exit_code.c $root/src/args.c $root/src/signals.c $root/src/words.c"
rm -rf "$out"
mkdir -p "$out"
objects=()
for t in fuzz_events fuzz_args fuzz_status; do
	dirs=()
	for d in "$fuzz/corpus/$t" "$fuzz/regressions/$t"; do
		[ -d "$d" ] && dirs+=("$d")
	done
	LLVM_PROFILE_FILE="$out/$t.profraw" timeout 120 "$bin/$t" -runs=0 \
		-artifact_prefix="$out/$t-" \
		"${dirs[@]}" >"$out/$t.log" 2>&1 || {
		tail -5 "$out/$t.log"
		echo "coverage: replay of $t failed" >&2
		exit 1
	}
	objects+=(-object "$bin/$t")
done
llvm-profdata merge -sparse "$out"/*.profraw -o "$out/core.profdata"
# -object takes the first binary positionally, the rest with the option.
first=${objects[1]}
rest=("${objects[@]:2}")
llvm-cov show "$first" "${rest[@]}" -instr-profile="$out/core.profdata" \
	-format=html -show-branches=count -output-dir="$out/html" $core
llvm-cov report "$first" "${rest[@]}" -instr-profile="$out/core.profdata" \
	-show-branch-summary $core | tee "$out/report.txt"
llvm-cov export "$first" "${rest[@]}" -instr-profile="$out/core.profdata" \
	-summary-only $core >"$out/summary.json"
python3 - "$out/summary.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["data"][0]["totals"]
l, b = t["lines"], t["branches"]
print("coverage: core lines %.1f%% (%d/%d), branches %.1f%% (%d/%d)" % (
    l["percent"], l["covered"], l["count"], b["percent"], b["covered"], b["count"]))
EOF
echo "coverage: report $out/html/index.html"
