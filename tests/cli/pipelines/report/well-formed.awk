# A strict well-formedness check of an HTML page written as XML (what
# pipelines/report.sh writes), for machines without xmllint: every tag is
# closed or self-closed and nested properly, attribute values are quoted,
# a '&' only starts one of XML's five entities or a numeric one, no '<'
# outside a tag, one <html> root after the doctype. It also fails on
# anything that would load from elsewhere: <script>, <link>, <img>,
# <iframe>, src=, url(, @import, or a href that is not '#...'.
# Prints one summary line, or the first fault (with its line) and exits 1.
{ doc = doc $0 "\n" }
function fail(msg, at,   line) {
	line = substr(doc, 1, at)
	printf "not well-formed: line %d: %s\n", gsub(/\n/, "", line) + 1, msg
	bad = 1
	exit 1
}
function entities(s, at) {
	gsub(/&(#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/, "", s)
	if (index(s, "&")) fail("'&' that starts no entity", at)
}
END {
	if (bad) exit 1
	pos = 1
	rest = doc
	if (!match(rest, /^<!DOCTYPE html>\n/)) fail("no <!DOCTYPE html> first", 1)
	pos += RLENGTH; rest = substr(rest, RLENGTH + 1)
	depth = 0; elements = 0; roots = 0
	while ((i = index(rest, "<")) > 0) {
		text = substr(rest, 1, i - 1)
		entities(text, pos)
		if (depth == 0 && text ~ /[^ \t\n]/) fail("text outside <html>", pos)
		pos += i - 1; rest = substr(rest, i)
		if (match(rest, /^<\/[a-zA-Z][a-zA-Z0-9]*>/)) {
			name = substr(rest, 3, RLENGTH - 3)
			if (depth == 0 || stack[depth] != name)
				fail("</" name "> closes <" (depth ? stack[depth] : "nothing") ">", pos)
			depth--
		} else if (match(rest, /^<[a-zA-Z][a-zA-Z0-9]*([ \t\n]+[a-zA-Z][a-zA-Z0-9:-]*="[^"<>]*")*[ \t\n]*\/?>/)) {
			tag = substr(rest, 1, RLENGTH)
			match(tag, /^<[a-zA-Z][a-zA-Z0-9]*/)
			name = substr(tag, 2, RLENGTH - 1)
			if (name ~ /^(script|link|img|iframe|object|embed)$/) fail("<" name "> loads from elsewhere", pos)
			if (tag ~ /[ \t\n](src|xlink:href)=/ || tag ~ /url\(/ || tag ~ /[ \t\n]href="[^#]/)
				fail("a reference outside the page: " tag, pos)
			entities(tag, pos)
			elements++
			if (depth == 0 && ++roots > 1) fail("a second root <" name ">", pos)
			if (depth == 0 && name != "html") fail("root <" name "> is not <html>", pos)
			match(rest, /^<[^>]*>/)
			if (substr(rest, RLENGTH - 1, 2) != "/>") {
				if (name ~ /^(meta|br|hr|input|area|base|col|wbr|source|track)$/)
					fail("<" name "> is not self-closed", pos)
				stack[++depth] = name
				if (name == "style" && match(rest, /<\/style>/)) {
					css = substr(rest, 1, RSTART - 1)
					if (css ~ /@import|url\(/) fail("style loads from elsewhere", pos)
					pos += RSTART - 1; rest = substr(rest, RSTART)
					continue
				}
			}
		} else {
			fail("'<' that starts no tag: " substr(rest, 1, 30), pos)
		}
		match(rest, /^<[^>]*>/)
		pos += RLENGTH; rest = substr(rest, RLENGTH + 1)
	}
	entities(rest, pos)
	if (rest ~ /[^ \t\n]/) fail("text after </html>", pos)
	if (depth) fail("<" stack[depth] "> not closed", pos)
	if (!roots) fail("no <html>", pos)
	printf "well-formed: %d elements, nothing loaded from elsewhere\n", elements
}
