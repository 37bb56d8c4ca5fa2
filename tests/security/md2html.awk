# md2html.awk - the small Markdown subset report.md uses (headings,
# paragraphs, lists, tables, code blocks, `code`, **bold**, [links](url))
# to one self-contained HTML page; no pandoc needed.
function esc(s) {
	gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
	return s
}
function inline(s,    out, pre, mid, post) {
	s = esc(s)
	while (match(s, /`[^`]+`/)) {
		out = out substr(s, 1, RSTART - 1) "<code>" substr(s, RSTART + 1, RLENGTH - 2) "</code>"
		s = substr(s, RSTART + RLENGTH)
	}
	s = out s
	while (match(s, /\*\*[^*]+\*\*/))
		s = substr(s, 1, RSTART - 1) "<b>" substr(s, RSTART + 2, RLENGTH - 4) "</b>" substr(s, RSTART + RLENGTH)
	while (match(s, /\[[^]]+\]\([^)]+\)/)) {
		pre = substr(s, 1, RSTART - 1); mid = substr(s, RSTART, RLENGTH); post = substr(s, RSTART + RLENGTH)
		split(mid, p, /\]\(/)
		s = pre "<a href=\"" substr(p[2], 1, length(p[2]) - 1) "\">" substr(p[1], 2) "</a>" post
	}
	return s
}
function close_blocks() {
	if (inpara) { print "</p>"; inpara = 0 }
	if (inlist) { print "</ul>"; inlist = 0 }
	if (intable) { print "</table>"; intable = 0 }
}
BEGIN {
	print "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" esc(TITLE) "</title>"
	print "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
	print "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;text-align:left}"
	print "pre{background:#f4f4f4;padding:.5em;overflow-x:auto}.FAIL{color:#b00;font-weight:bold}</style></head><body>"
}
/^```/ {
	if (incode) { print "</pre>"; incode = 0 } else { close_blocks(); printf "<pre>"; incode = 1 }
	next
}
incode { print esc($0); next }
/^#+ / {
	close_blocks()
	n = index($0, " ") - 1
	print "<h" n ">" inline(substr($0, n + 2)) "</h" n ">"
	next
}
/^\|/ {
	if (inpara) { print "</p>"; inpara = 0 }
	if ($0 ~ /^\|[ -:|]+\|$/) next
	line = substr($0, 2, length($0) - 2)
	n = split(line, cell, / \| ?|^ | \|$/)
	tag = intable ? "td" : "th"
	if (!intable) { print "<table>"; intable = 1 }
	row = "<tr>"
	for (i = 1; i <= n; i++) {
		c = cell[i]; gsub(/^ +| +$/, "", c)
		if (c == "" && (i == 1 || i == n)) continue
		cls = c ~ /FAIL/ ? " class=\"FAIL\"" : ""
		row = row "<" tag cls ">" inline(c) "</" tag ">"
	}
	print row "</tr>"
	next
}
/^- / {
	if (inpara) { print "</p>"; inpara = 0 }
	if (intable) { print "</table>"; intable = 0 }
	if (!inlist) { print "<ul>"; inlist = 1 }
	print "<li>" inline(substr($0, 3)) "</li>"
	next
}
/^$/ { close_blocks(); next }
{
	if (intable) { print "</table>"; intable = 0 }
	if (!inpara && !inlist) { print "<p>"; inpara = 1 }
	print inline($0)
}
END { if (incode) print "</pre>"; close_blocks(); print "</body></html>" }
