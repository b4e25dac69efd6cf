# Generates test records for the wire-aggregate property tests (not a case:
# cases are folders). Usage: awk -v seed=N -v n=COUNT -f gen.awk
# Keys mix the value kinds that must group as jq groups them: escaped and
# raw UTF-8 strings, 1 / 1.0 / 1e0, -0 / 0, null, booleans, missing.
function pick(a, n) { return a[int(rand() * n) + 1] }
BEGIN {
	srand(seed)
	nk = split("\"VN\"|\"US\"|\"Vi\\u1ec7t Nam\"|\"Việt Nam\"|\"a,b\"|\"q\\\"uote\"|\"tab\\tx\"|\"\\u00e9\"|\"é\"|1|1.0|1e0|2|10|1e1|-0|0|0.5|5e-1|null|true|false|\"\"|\"line\\nbreak\"|[1,2]|{\"a\":1}", keys, "|")
	niso = split("US VN CN JP IN FR DE GB RU AU", iso, " ")
	ntag = split("navy army air a\\\"q visit talks x,y", tag, " ")
	for (i = 0; i < n; i++) {
		r = rand()
		line = "{"
		if (r > 0.05)
			line = line "\"k\":" pick(keys, nk) ","
		line = line "\"g\":\"g" int(rand() * 4) "\","
		line = line "\"x\":" int(rand() * 2001) - 1000 ","
		line = line sprintf("\"y\":%.2f,", rand() * 100 - 50)
		m = int(rand() * 4)
		line = line "\"tags\":["
		for (j = 0; j < m; j++)
			line = line (j ? "," : "") "\"" pick(tag, ntag) "\""
		line = line "],\"ents\":["
		m = int(rand() * 5)
		for (j = 0; j < m; j++)
			line = line (j ? "," : "") "{\"iso\":\"" pick(iso, niso) "\"}"
		line = line "],"
		line = line sprintf("\"d\":\"%04d-%02d-%02d\"", 2024 + int(rand() * 3), int(rand() * 12) + 1, int(rand() * 28) + 1)
		print line "}"
	}
}
