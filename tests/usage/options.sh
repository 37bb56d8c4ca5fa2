#!/bin/bash
# tests/usage/options.sh - the man page is clean and says what --help says:
# mandoc -T lint and man --warnings find nothing; the options of hinit(8)
# and of `hinit --help` are the same, with the same value placeholders;
# hinit accepts every option of the man page; the man page has the
# sections the issue asks for.
source "$(dirname "$0")/lib.sh"
page=${PAGE:-$root/doc/hinit.8}

lint=$(mandoc -T lint -W warning "$page" 2>&1)
check "mandoc -T lint -W warning: clean${lint:+ [$lint]}" test -z "$lint"
warn=$(man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
check "man --warnings: clean${warn:+ [$warn]}" test -z "$warn"

# One line per option: its names joined by "," and its value placeholder
# in lower case without '|' and spaces ("-v,--verbose", "--grace seconds").
# From the man page's OPTIONS list: ".It Fl v , \-verbose" and
# ".It Fl \-grace Ar seconds", ".It Fl \-on-exit Cm reboot | poweroff | halt".
man_options() {
	sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' "$page" | grep '^\.It Fl ' |
		sed -E 's/^\.It Fl //; s/\\-/-/g; s/ Ns / /g; s/ (Ar|Cm) / /g' |
		awk '{ out = ""; val = "";
		       for (i = 1; i <= NF; i++) {
		         if ($i == ",") continue;
		         if (out == "" || (val == "" && $i ~ /^-/ && $(i-1) == ",")) {
		           name = "-" $i;
		           out = out (out == "" ? "" : ",") name; continue }
		         val = val $i }
		       gsub(/[| ]/, "", val);
		       print out (val == "" ? "" : " " tolower(val)) }'
}
normalize_help() {
	"$hinit" --help | grep -E '^  +(-[a-zA-Z], )?--[a-z]' | sed -E 's/^ +//' |
		awk '{ out = ""; val = "";
		       for (i = 1; i <= NF; i++) {
		         if ($i ~ /^-/ && (out == "" || $(i-1) ~ /,$/)) {
		           n = $i; sub(/,$/, "", n);
		           out = out (out == "" ? "" : ",") n; continue }
		         if (val == "" && $i ~ /^[A-Z|:a-z]+$/ && $i ~ /[A-Z]|\|/) { val = $i }
		         break }
		       gsub(/\|/, "", val);
		       print out (val == "" ? "" : " " tolower(val)) }'
}
helps=$(normalize_help | sort)
mans=$(man_options | sort)
echo "--help:"; sed 's/^/    /' <<<"$helps"
echo "hinit(8):"; sed 's/^/    /' <<<"$mans"
check "at least 11 options in --help" test "$(wc -l <<<"$helps")" -ge 11
check "--help and hinit(8) list the same options and values" \
	test "$helps" = "$mans"
diff <(echo "$helps") <(echo "$mans") | sed 's/^/    /'

# Every option of the man page is one hinit accepts.
sample() {
	case $1 in
	--grace | --reboot-delay) echo 1 ;;
	--on-exit) echo halt ;;
	--rewrite) echo TERM:QUIT ;;
	--remap-exit) echo 3 ;;
	esac
}
while read -r names value; do
	for opt in ${names//,/ }; do
		args=("$opt")
		if [ -n "$value" ]; then
			v=$(sample "$opt")
			[ -n "$v" ] || { fail "no sample value for $opt"; continue; }
			args+=("$v")
		fi
		out=$(timeout 5 "$hinit" --container "${args[@]}" -- true 2>&1 </dev/null)
		rc=$?
		check "hinit accepts $opt${value:+ $(sample "$opt")} (status $rc)" \
			test "$rc" = 0
		[ "$rc" = 0 ] || echo "    $out"
	done
done <<<"$mans"

for s in NAME SYNOPSIS DESCRIPTION OPTIONS MODES TERMINALS SIGNALS \
	ENVIRONMENT 'EXIT STATUS' EXAMPLES 'SECURITY CONSIDERATIONS'; do
	check "hinit(8) has the section $s" grep -qx "\.Sh $s" "$page"
done
check "hinit(8) has a container example" grep -q 'ENTRYPOINT \["/sbin/hinit", "--container"' "$page"
check "hinit(8) has a node example" grep -q '^\.Dl rdinit=/init' "$page"
finish
