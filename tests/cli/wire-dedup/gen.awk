# Synthetic documents for wire-dedup cases: -v n=DOCS -v seed=S -v recs=R.
# Each document is R records sharing "doc" (made-up words "wNNN", figures
# "NNN.N"); about a third are copies of an earlier document with a few
# words changed, a word of their own in front and the last sentence cut.
BEGIN {
	srand(seed)
	if (!recs) recs = 1
	for (d = 0; d < n; d++) {
		if (d > 5 && rand() < 0.35) {
			src = int(rand() * d)
			for (r = 0; r < recs; r++) {
				t = txt[src, r]
				if (r == recs - 1 && recs > 1) { t = "" }
				else {
					m = split(t, w, " ")
					for (k = 1; k <= 3; k++) w[1 + int(rand() * m)] = "changed"
					t = "copy"
					for (k = 1; k <= m; k++) t = t " " w[k]
				}
				txt[d, r] = txt[src, r]
				if (t != "") emit(d, r, t)
			}
			continue
		}
		for (r = 0; r < recs; r++) {
			t = ""
			for (k = 0; k < 25; k++)
				t = t (k ? " " : "") (rand() < 0.08 ? sprintf("%.1f", rand() * 999) : "w" int(rand() * 400))
			txt[d, r] = t
			emit(d, r, t)
		}
	}
}
function emit(d, r, t) {
	printf "{\"doc\":\"d%05d\",\"seq\":%d,\"date\":\"2026-01-%02d\",\"text\":\"%s.\"}\n", d, r, 1 + int(d * 28 / n), t
}
