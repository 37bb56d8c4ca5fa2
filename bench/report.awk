# report.awk - turns bench.sh's collected values into the table, the JSON
# or the chart's data (-v mode=table|json|dat).  Input, tab-separated:
#   F key title unit better   a figure, in output order (better: low|high)
#   V figure init value       a measured value ("none": no init)
#   I init linking path args  an init
#   M key value               a fact about the run (strings)
#   P key value               a parameter (numbers)
# An init's ratio to the best peer (tini, dumb-init, catatonit) is
# value/best, or best/value for a "high" figure: below 1 beats every peer.
# It is undefined ("inf") when the best peer is at 0 and the value is not.
BEGIN {
	FS = "\t"
	ninit = split("hinit tini dumb-init catatonit", init, " ")
	npeer = split("tini dumb-init catatonit", peer, " ")
}
$1 == "F" { nfig++; fig[nfig] = $2; title[$2] = $3; unit[$2] = $4; better[$2] = $5 }
$1 == "V" { val[$2, $3] = $4 }
$1 == "I" { link[$2] = $3; path[$2] = $4; args[$2] = $5 }
$1 == "M" { nmeta++; meta[nmeta] = $2; metav[$2] = $3 }
$1 == "P" { nparam++; param[nparam] = $2; paramv[$2] = $3 }
function has(f, i) { return ((f, i) in val) && val[f, i] != "" }
function ratio(f, i,   b, v) {
	if (!has(f, i) || best[f] == "")
		return ""
	b = best[f] + 0
	v = val[f, i] + 0
	if (better[f] == "high")
		return v > 0 ? sprintf("%.3f", b / v) : "inf"
	if (b > 0)
		return sprintf("%.3f", v / b)
	return v == 0 ? "1.000" : "inf"
}
function num(x) { return x == "" ? "null" : x }
function str(x) { gsub(/["\\]/, "\\\\&", x); return "\"" x "\"" }
END {
	for (k = 1; k <= nfig; k++) {
		f = fig[k]
		best[f] = ""
		for (p = 1; p <= npeer; p++) {
			if (!has(f, peer[p]))
				continue
			v = val[f, peer[p]] + 0
			if (best[f] == "" || (better[f] == "high" ? v > best[f] : v < best[f]))
				best[f] = v
		}
	}
	if (mode == "table") {
		printf "| figure | unit |"
		for (j = 1; j <= ninit; j++)
			printf " %s |", init[j]
		printf " no init |\n| --- | --- |"
		for (j = 0; j <= ninit; j++)
			printf " ---: |"
		printf "\n"
		for (k = 1; k <= nfig; k++) {
			f = fig[k]
			printf "| %s | %s |", title[f], unit[f]
			for (j = 1; j <= ninit; j++) {
				i = init[j]
				v = has(f, i) ? val[f, i] : "-"
				if (f == "size_debian" && link[i] == "dynamic")
					v = v " dyn"
				r = ratio(f, i)
				printf " %s%s |", v, (r == "" ? "" : " (x" r ")")
			}
			printf " %s |\n", (has(f, "none") ? val[f, "none"] : "-")
		}
	} else if (mode == "json") {
		printf "{\n"
		for (m = 1; m <= nmeta; m++)
			printf "  %s: %s,\n", str(meta[m]), str(metav[meta[m]])
		printf "  \"parameters\": {"
		for (m = 1; m <= nparam; m++)
			printf "%s%s: %s", (m > 1 ? ", " : ""), str(param[m]), num(paramv[param[m]])
		printf "},\n  \"inits\": {\n"
		for (j = 1; j <= ninit; j++) {
			i = init[j]
			printf "    %s: {\"path\": %s, \"linking\": %s, \"args\": %s}%s\n",
				str(i), str(path[i]), str(link[i]), str(args[i]), (j < ninit ? "," : "")
		}
		printf "  },\n  \"figures\": {\n"
		for (k = 1; k <= nfig; k++) {
			f = fig[k]
			printf "    %s: {\"title\": %s, \"unit\": %s, \"better\": %s, \"best_peer\": %s, \"no_init\": %s,\n",
				str(f), str(title[f]), str(unit[f]), str(better[f]), num(best[f]),
				(has(f, "none") ? val[f, "none"] : "null")
			printf "      \"values\": {"
			for (j = 1; j <= ninit; j++)
				printf "%s%s: %s", (j > 1 ? ", " : ""), str(init[j]),
					(has(f, init[j]) ? val[f, init[j]] : "null")
			printf "},\n      \"ratios\": {"
			for (j = 1; j <= ninit; j++) {
				r = ratio(f, init[j])
				printf "%s%s: %s", (j > 1 ? ", " : ""), str(init[j]),
					((r == "" || r == "inf") ? "null" : r)
			}
			printf "}}%s\n", (k < nfig ? "," : "")
		}
		printf "  }\n}\n"
	} else if (mode == "dat") {
		# The chart: log scale from 0.01 to 10; "inf" and above drawn at 10.
		printf "figure"
		for (j = 1; j <= ninit; j++)
			printf "\t%s", init[j]
		printf "\n"
		for (k = 1; k <= nfig; k++) {
			f = fig[k]
			if (f == "size_debian")
				continue
			printf "\"%s\"", title[f]
			for (j = 1; j <= ninit; j++) {
				r = ratio(f, init[j])
				if (r == "")
					r = "NaN"
				else if (r == "inf" || r + 0 > 10)
					r = 10
				else if (r + 0 < 0.01)
					r = 0.01
				printf "\t%s", r
			}
			printf "\n"
		}
	}
}
