#!/bin/bash
# bench.sh [--smoke] HINIT BIN OUT - hinit against tini, dumb-init and
# catatonit on one machine, in one run (see bench/README.md).
#
# HINIT: the hinit binary; BIN: the measurement programs (startup, reap,
# siglat, idle); OUT: where results.json, ratios.png, bench.md and the raw
# outputs go.  --smoke: the same measurements, tiny, to keep this working.
# Every init runs as PID 1 of a fresh PID namespace in its container mode;
# within a figure the inits run interleaved (A B C D A B C D ...).
set -u
smoke=0
if [ "${1:-}" = --smoke ]; then
	smoke=1
	shift
fi
if [ $# != 3 ]; then
	echo "usage: bench.sh [--smoke] HINIT BIN OUT" >&2
	exit 2
fi
hinit_shown=$1 hinit=$(realpath "$1") bin=$(realpath "$2") out=$3
here=$(dirname "$(realpath "$0")")
mkdir -p "$out"
# Two runs into one directory would mix their values: the second waits.
exec 9> "$out/.lock"
if command -v flock > /dev/null && ! flock -w 900 9; then
	echo "bench: $out is busy with another run" >&2
	exit 1
fi
rm -rf "$out/raw" "$out/cg"
mkdir -p "$out/raw" "$out/cg"
raw=$out/raw

if [ $smoke = 1 ]; then
	startup_runs=20 orphans=200 reap_reps=1 signals=100 sig_reps=1
	idle_s=1 idle_reps=1 cg_orphans=50 cg_signals=20
else
	startup_runs=400 orphans=5000 reap_reps=25 signals=4000 sig_reps=5
	idle_s=10 idle_reps=3 cg_orphans=1000 cg_signals=500
fi

inits=(hinit tini dumb-init catatonit)
peers=(tini dumb-init catatonit)
declare -A path=(
	[hinit]=$hinit
	[tini]=/usr/bin/tini-static
	[dumb-init]=/usr/bin/dumb-init
	[catatonit]=/usr/bin/catatonit
)
# Container mode of each: as PID 1 none of the peers needs an option.
declare -A args=(
	[hinit]="--container --" [tini]="--" [dumb-init]="--" [catatonit]="--"
)
for i in "${inits[@]}"; do
	[ -x "${path[$i]}" ] || { echo "bench: ${path[$i]} missing" >&2; exit 1; }
done
specs=("none=")
for i in "${inits[@]}"; do
	specs+=("$i=${path[$i]} ${args[$i]}")
done
# The same, each init under callgrind (a spec per init, one output file).
cg_specs() { # NAME
	local i
	for i in "${inits[@]}"; do
		echo "$i=valgrind -q --tool=callgrind --callgrind-out-file=$out/cg/$i-$1.out ${path[$i]} ${args[$i]}"
	done
}

note() { echo "bench: $*" >&2; }
run() { # NAME PROGRAM ARGS...: raw output in $raw/NAME.txt
	local name=$1 t0=$SECONDS
	shift
	"$@" > "$raw/$name.txt" 2> "$raw/$name.err" || {
		note "$name failed:"
		cat "$raw/$name.err" >&2
		exit 1
	}
	note "$name: $((SECONDS - t0)) s"
}
# All values go to one file for report.awk (its header says the format).
data=$out/values.tsv
: > "$data"
value() { # FIGURE INIT VALUE
	printf 'V\t%s\t%s\t%s\n' "$@" >> "$data"
}
# "LABEL key=value ..." lines -> values of FIGURE from KEY.
take() { # FILE KEY FIGURE
	awk -v key="$2" -v fig="$3" '{
		for (i = 2; i <= NF; i++)
			if (index($i, key "=") == 1)
				printf "V\t%s\t%s\t%s\n", fig, $1, substr($i, length(key) + 2)
	}' "$1" >> "$data"
}
start=$SECONDS
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. Size.  Debian's binaries as installed, and the peers built from their
# Debian source packages with musl -static -Os -s where that works.
for i in "${inits[@]}"; do
	size=$(stat -c %s "${path[$i]}")
	value size_debian "$i" "$size"
	linking=static
	readelf -l "${path[$i]}" 2>/dev/null | grep -q 'program interpreter' &&
		linking=dynamic
	shown=${path[$i]}
	[ $i = hinit ] && shown=$hinit_shown
	printf 'I\t%s\t%s\t%s\t%s\n' "$i" $linking "$shown" "${args[$i]}" >> "$data"
done
value size_musl hinit "$(stat -c %s "$hinit")"
peer_build="not built in a smoke run: the sizes issue 6 gives for that build"
if [ $smoke = 0 ]; then
	if bash "$here/peers.sh" "$out/peers" 2> "$raw/peers.err"; then
		peer_build="built here from Debian's source packages"
	else
		peer_build="not built ($(cat "$out/peers/status" 2>/dev/null)): the sizes issue 6 gives for that build"
	fi
fi
if [ -s "$out/peers/out/catatonit" ] && [ $smoke = 0 ]; then
	for p in "${peers[@]}"; do
		value size_musl "$p" "$(stat -c %s "$out/peers/out/$p")"
	done
else
	value size_musl tini 60184
	value size_musl dumb-init 67352
	value size_musl catatonit 59064
fi

# 2. Startup overhead: init -- /bin/true against /bin/true alone
# (report.awk subtracts).
run startup "$bin/startup" $startup_runs "${specs[@]}"
take "$raw/startup.txt" median_us startup_abs

# 3. Reap throughput, and the kernel's limit (none: the command is PID 1).
run reap "$bin/reap" $orphans $reap_reps "${specs[@]}"
take "$raw/reap.txt" reaps_per_s reap
take "$raw/reap.txt" cpu_ns_per_reap cpu_reap

# 4. Signal forwarding latency, each hop across CPUs, then all on one CPU
# (siglat.c says why the placement is fixed).
run siglat "$bin/siglat" $signals $sig_reps "${specs[@]}"
take "$raw/siglat.txt" median_us sig_median
take "$raw/siglat.txt" p99_us sig_p99
run siglat1 "$bin/siglat" --one-cpu $signals $sig_reps "${specs[@]}"
take "$raw/siglat1.txt" median_us sig1_median
take "$raw/siglat1.txt" p99_us sig1_p99
take "$raw/siglat.txt" cpu_ns_per_signal cpu_sig

# 5, 6. Idle wakeups and peak RSS (all inits idle side by side).
run idle "$bin/idle" $idle_s $idle_reps "${specs[@]:1}"
take "$raw/idle.txt" wakeups idle
take "$raw/idle.txt" hwm_kb rss

# 7. Instructions (callgrind counts user-space instructions of the init
# only): a workload minus the same run without it, per event.
if command -v valgrind > /dev/null; then
	mapfile -t s < <(cg_specs reap0)
	run cg-reap0 "$bin/reap" 0 1 "${s[@]}"
	mapfile -t s < <(cg_specs reapN)
	run cg-reapN "$bin/reap" $cg_orphans 1 "${s[@]}"
	mapfile -t s < <(cg_specs sig0)
	run cg-sig0 "$bin/siglat" 0 1 "${s[@]}"
	mapfile -t s < <(cg_specs sigN)
	run cg-sigN "$bin/siglat" $cg_signals 1 "${s[@]}"
	# "DIR/INIT-RUN.out:summary: N" -> C RUN INIT N
	grep -H '^summary:' "$out"/cg/*.out | sed 's|.*/||; s|\.out:summary: |\t|' |
		sed 's/-\([a-zA-Z0-9]*\)\t/\t\1\t/' |
		awk -F'\t' -v no=$cg_orphans -v ns=$cg_signals '
			{ ir[$2, $1] = $3; who[$1] = 1 }
			END { for (i in who) {
				if (((("reapN", i) in ir)) && (("reap0", i) in ir))
					printf "V\tir_reap\t%s\t%.0f\n", i, (ir["reapN", i] - ir["reap0", i]) / no
				if (((("sigN", i) in ir)) && (("sig0", i) in ir))
					printf "V\tir_sig\t%s\t%.0f\n", i, (ir["sigN", i] - ir["sig0", i]) / ns
			} }' >> "$data"
else
	note "valgrind missing: no instruction counts"
fi
# perf would count kernel instructions too, where the CPU's counters are
# reachable (often not in a VM): say whether they are.
perf_note="perf not installed"
if command -v perf > /dev/null; then
	if perf stat -x, -e instructions true 2>&1 >/dev/null |
		grep -q '^[0-9][0-9]*,'; then
		perf_note="perf stat -e instructions works (not used: callgrind counts the init alone)"
	else
		perf_note="perf stat -e instructions: not supported here (no hardware counters)"
	fi
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$((SECONDS - start))
machine="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) CPUs, Linux $(uname -r)"
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# startup = startup_abs(init) - startup_abs(none)
awk -F'\t' '$1 == "V" && $2 == "startup_abs" { v[$3] = $4 }
	END { for (i in v) if (i != "none" && ("none" in v))
		printf "V\tstartup\t%s\t%.1f\n", i, v[i] - v["none"] }' "$data" >> "$data.tmp"
cat "$data.tmp" >> "$data" && rm -f "$data.tmp"
{
	printf 'F\tsize_musl\tsize, static musl -Os -s\tbytes\tlow\n'
	printf 'F\tsize_debian\tsize, Debian binary\tbytes\tlow\n'
	printf 'F\tstartup\tstartup overhead\tus/run\tlow\n'
	printf 'F\treap\treap throughput\torphans/s\thigh\n'
	printf 'F\tsig_median\tsignal latency, median, across CPUs\tus\tlow\n'
	printf 'F\tsig_p99\tsignal latency, p99, across CPUs\tus\tlow\n'
	printf 'F\tsig1_median\tsignal latency, median, one CPU\tus\tlow\n'
	printf 'F\tsig1_p99\tsignal latency, p99, one CPU\tus\tlow\n'
	printf 'F\tcpu_reap\tCPU time per reap\tns\tlow\n'
	printf 'F\tcpu_sig\tCPU time per signal\tns\tlow\n'
	printf 'F\tidle\tidle wakeups in %s s\tswitches\tlow\n' $idle_s
	printf 'F\trss\tpeak RSS (VmHWM)\tkB\tlow\n'
	printf 'F\tir_reap\tinstructions per reap\tinstr\tlow\n'
	printf 'F\tir_sig\tinstructions per signal\tinstr\tlow\n'
	printf 'M\tdate\t%s\nM\tmachine\t%s\n' "$date" "$machine"
	printf 'M\tload_average_start\t%s\nM\tload_average_end\t%s\n' "$load_start" "$load_end"
	printf 'M\tsmoke\t%s\nM\tseconds\t%s\n' "$([ $smoke = 1 ] && echo yes || echo no)" "$elapsed"
	printf 'M\tmusl_peer_sizes\t%s\n' "$peer_build"
	printf 'M\tinstructions\tvalgrind --tool=callgrind: user-space instructions of the init, workload minus an empty run, per event; %s\n' "$perf_note"
	for p in startup_runs orphans reap_reps signals sig_reps idle_s idle_reps cg_orphans cg_signals; do
		printf 'P\t%s\t%s\n' $p "${!p}"
	done
} >> "$data"

tbl=$(awk -v mode=table -f "$here/report.awk" "$data") &&
	awk -v mode=json -f "$here/report.awk" "$data" > "$out/results.json" &&
	awk -v mode=dat -f "$here/report.awk" "$data" > "$out/ratios.dat" ||
	{ note "report.awk failed"; exit 1; }
kernel_pct=$(awk -F'\t' '$2 == "reap" { v[$3] = $4 }
	END { if (v["none"] > 0) printf "%.0f", 100 * v["hinit"] / v["none"] }' "$data")
echo "$tbl"
echo
echo "hinit reaps at ${kernel_pct}% of the kernel's limit (the command reaping its own orphans)."
echo "(xR: ratio to the best peer, below 1 is better. Musl peer sizes: $peer_build."
echo " Instructions: callgrind, user space only; $perf_note."
echo " Machine: $machine; load $load_start -> $load_end; ${elapsed} s.)"

if command -v gnuplot > /dev/null; then
	gnuplot -e "datafile='$out/ratios.dat'; outfile='$out/ratios.png'; subtitle='$machine, $date'" \
		"$here/ratios.gp" 2> "$raw/gnuplot.err" || note "gnuplot failed: $(cat "$raw/gnuplot.err")"
else
	note "gnuplot missing: no chart"
fi

# README text.
{
	echo "## Benchmarks"
	echo
	echo "hinit against tini (\`tini-static\`), dumb-init and catatonit as Debian 12"
	echo "ships them, each PID 1 of a fresh PID namespace in its container mode,"
	echo "interleaved, medians; \`make bench\` reproduces it ($elapsed s here)."
	echo "Machine: $machine, load average $load_start at the start and"
	echo "$load_end at the end. Date: $date."
	echo
	echo "$tbl"
	echo
	echo "(xR): ratio to the best peer, oriented so that below 1 beats every peer;"
	echo "x inf: the best peer is at 0 and this one is not. \"no init\": the"
	echo "command itself as PID 1 (the kernel's floor); hinit reaps at"
	echo "${kernel_pct}% of that limit. dyn: dynamically linked (libc not counted)."
	echo "Musl peer sizes: $peer_build. Instructions: callgrind, the init's"
	echo "user-space instructions only ($perf_note)."
	echo "How each figure is measured: [bench/README.md](bench/README.md)."
	echo
	echo "![ratios to the best peer](bench/ratios.png)"
} > "$out/bench.md"
if grep -q '"values": {[^}]*null' "$out/results.json"; then
	note "some figures have no value for some init: see $raw/*.err"
	exit 1
fi
note "results in $out (results.json, ratios.png, bench.md)"
