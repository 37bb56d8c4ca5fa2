# stack_depth.awk - worst-case stack of hinit's own code, from gcc's
# -fcallgraph-info=su files (.ci, one per source file).  Fails (exit 1)
# on recursion, on a frame that is not static (VLA, alloca) or when the
# deepest path from main exceeds LIMIT bytes.  Library functions (musl)
# have no .ci file: they count 0 here and are listed, see SECURITY.md.
# Usage: awk -v LIMIT=N -f stack_depth.awk build/.../*.ci
/^node:/ {
	t = $0; sub(/.*title: "/, "", t); sub(/".*/, "", t)
	if (match($0, /\\n[0-9]+ bytes \([a-z,]+\)/)) {
		s = substr($0, RSTART + 2, RLENGTH - 2)
		split(s, w, " ")
		size[t] = w[1] + 0
		kind = w[3]; gsub(/[()]/, "", kind)
		defined[t] = 1
		if (kind != "static") {
			print "not static: " t " (" kind ")"
			bad = 1
		}
	}
}
/^edge:/ {
	src = $0; sub(/.*sourcename: "/, "", src); sub(/".*/, "", src)
	dst = $0; sub(/.*targetname: "/, "", dst); sub(/".*/, "", dst)
	n = ++nedges[src]
	edge[src, n] = dst
}
function depth(f,    i, d, best, g) {
	if (f in memo)
		return memo[f]
	if (onpath[f]) {
		print "recursion through " f
		bad = 1
		return 0
	}
	g = f
	if (!(g in defined)) {
		# A call to a global of another file, or to the library.
		if (!(g in libc)) libc[g] = 1
		memo[f] = 0
		return 0
	}
	onpath[f] = 1
	best = 0; bestnext[f] = ""
	for (i = 1; i <= nedges[f]; i++) {
		d = depth(edge[f, i])
		if (d > best) { best = d; bestnext[f] = edge[f, i] }
	}
	onpath[f] = 0
	memo[f] = size[f] + best
	return memo[f]
}
END {
	total = depth("main")
	path = "main"; f = "main"
	while (bestnext[f] != "") { f = bestnext[f]; path = path " > " f }
	n = 0
	for (g in libc) lib[++n] = g
	printf "worst-case stack of hinit's code: %d bytes (limit %d)\n", total, LIMIT
	print "deepest path: " path
	list = ""
	for (i = 1; i <= n; i++) list = list " " lib[i]
	print "library calls not counted:" list
	if (total > LIMIT) bad = 1
	exit bad
}
