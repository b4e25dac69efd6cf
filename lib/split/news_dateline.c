/*
 * news_dateline — datelines of scraped news: the place, date and agency
 * that open the first body paragraph ("HANOI, Feb 11 (VNA) -"; see
 * news_impl.h).
 */

#include "news_impl.h"

/* Words of one case shape from i: all capitals (`caps`) or capitalised.
 * Returns the end of the last word, i when none; at most `max` words. */
static size_t place_words(const char *s, size_t i, size_t e, int caps, int max)
{
	size_t end = i, start = i;
	int n = 0;

	while (i < e && n < max) {
		size_t j = nw_word_end(s, i, e, ",(:");
		struct shape w;
		for (size_t k = i; k < j; k++)
			if ((s[k] == '-' || (unsigned char)s[k] == 0xE2) && dash_len(s, k, j) >= 2) {
				j = k;  /* "SEOUL—The", "FRANCE--" */
				break;
			}
		if (j == i)
			break;
		nw_word_shape(s, i, j, &w);
		if (w.digit || w.other || !w.first_upper || !w.upper)
			break;
		if (caps ? w.lower != 0 : (w.upper > 3 && w.lower == 0 && j - i > 4))
			break;
		if (j - start > PLACE_MAX)
			break;
		end = j;
		n++;
		size_t k = skip_space(s, j, e);
		if (k == j || k - j > 1)
			break;
		i = k;
	}
	return end;
}

/* Words in capitals that head a paragraph with a colon without being a
 * place: "UPDATE: ...", "NOTE: ...". */
static int layout_word(const char *s, size_t b, size_t e)
{
	static const char *const w[] = {
		"note", "update", "updated", "breaking", "breaking news", "watch",
		"read", "read more", "exclusive", "analysis", "opinion",
		"editorial", "photos", "photo", "video", "live", "correction",
		"editor's note", "related", "see also", "warning", "summary",
		"fact check", "explainer", "interview", "commentary", "feature",
		NULL,
	};

	for (size_t k = 0; w[k]; k++)
		if (strlen(w[k]) == e - b && has_iprefix(s, b, e, w[k]))
			return 1;
	return 0;
}

/* The capitals before a colon read as a label, not a place: more than
 * three words, or a function word ("GAME NOTES:", "WHY WE WON:", "THE
 * SUN:"; at the cost of "THE HAGUE:", which a dash still introduces). */
static int label_words(const char *s, size_t b, size_t e)
{
	static const char *const w[] = {
		"of", "the", "a", "an", "and", "or", "to", "for", "why", "what",
		"how", "who", "when", "is", "are", "was", "will", "should", "notes",
		"says", "said", NULL,
	};
	int n = 0;

	for (size_t i = b; i < e;) {
		size_t j = nw_word_end(s, i, e, ",:");
		if (j == i)
			break;
		if (++n > 3)
			return 1;
		for (size_t k = 0; w[k]; k++)
			if (strlen(w[k]) == j - i && has_iprefix(s, i, j, w[k]))
				return 1;
		i = skip_space(s, j, e);
		if (i < e && s[i] == ',')
			i = skip_space(s, i + 1, e);
	}
	return 0;
}

/* A relative date in a dateline: "Sept. 24", "24 September". Returns its
 * end, or i. */
static size_t dateline_date(const char *s, size_t i, size_t e)
{
	size_t j = nw_word_end(s, i, e, ",("), k;

	if (j == i)
		return i;
	k = j;
	if (s[k - 1] == '.')
		k--;
	if (date_month_word(s + i, k - i)) {
		size_t d = skip_space(s, j, e), m = d;
		while (m < e && m - d < 2 && s[m] >= '0' && s[m] <= '9')
			m++;
		if (m == d || (m < e && s[m] >= '0' && s[m] <= '9'))
			return i;
		return m;
	}
	k = i;
	while (k < e && k - i < 2 && s[k] >= '0' && s[k] <= '9')
		k++;
	if (k > i && k < e && s[k] == ' ') {
		size_t mb = k + 1, me = nw_word_end(s, mb, e, ",(");
		if (me > mb && s[me - 1] == '.')
			me--;
		if (me > mb && date_month_word(s + mb, me - mb))
			return s[me] == '.' ? me + 1 : me;
	}
	return i;
}

/*
 * Reads a dateline at the start of s[b..e): a place in capitals
 * ("KUALA LUMPUR", "HO CHI MINH CITY") with optional ", Region", an
 * optional date (", Sept. 24"), an optional agency in brackets ("(VNA)"),
 * then a dash. A place in ordinary capitalisation ("Kuala Lumpur") counts
 * only with a date or an agency. The body must follow with a capital
 * letter, a digit or a quote, and hold some lower-case letter (so that an
 * all-capitals headline "VIETNAM - CHINA TALKS" is not read as one).
 */
int nw_dateline_at(const char *s, size_t b, size_t e, struct dateline *dl)
{
	size_t i, k;
	int caps = 1;

	memset(dl, 0, sizeof(*dl));
	if (b >= e)
		return 0;
	unsigned char a = (unsigned char)s[b];
	if (a < 0x80 && !(a >= 'A' && a <= 'Z') && a != '.' && a != '-' && a != '\'')
		return 0;  /* no place starts so (place_words() would stop at once) */
	i = place_words(s, b, e, 1, 6);
	if (i == b || i - b < 2) {
		caps = 0;
		i = place_words(s, b, e, 0, 4);
		if (i == b)
			return 0;
	}
	dl->place_e = dl->date_e = i;
	for (int q = 0; q < 3; q++) {
		size_t c = skip_space(s, i, e);
		if (c >= e || s[c] != ',' || c - i > 1)
			break;
		size_t j = skip_space(s, c + 1, e), d;
		struct date_ymd ymd;
		size_t used = date_parse(s + j, e - j, &ymd);
		if (used && ymd.d) {
			dl->ymd = ymd;
			dl->has_date = 1;
			i = dl->date_e = j + used;
		} else if ((d = dateline_date(s, j, e)) != j) {
			i = dl->date_e = d;
		} else if (!dl->has_date && dl->date_e == dl->place_e &&
			   ((d = place_words(s, j, e, 1, 3)) != j ||
			    (d = place_words(s, j, e, 0, 3)) != j)) {
			i = dl->place_e = dl->date_e = d;
		} else {
			return 0;
		}
	}
	k = skip_space(s, i, e);
	if (k < e && s[k] == '(') {
		const char *close = memchr(s + k, ')', e - k < TAG_MAX + 2 ? e - k : TAG_MAX + 2);
		if (!close || !nw_agency_name(s, k + 1, (size_t)(close - s), 0, 0))
			return 0;
		dl->ab = k;
		dl->ae = (size_t)(close - s) + 1;
		k = skip_space(s, dl->ae, e);
	}
	if (!caps && dl->ab == dl->ae && dl->date_e == dl->place_e)
		return 0;
	size_t dl_len = dash_len(s, k, e);
	if (!dl_len && k < e && s[k] == '_' && (k + 1 == e || space_len(s, k + 1, e))) {
		dl_len = 1;  /* "MOSCOW (AP)_ The ..." (old AP wires) */
	} else if (!dl_len && caps && k < e && s[k] == ':' && k + 1 < e &&
	    space_len(s, k + 1, e) && !layout_word(s, b, dl->place_e) &&
	    !label_words(s, b, dl->place_e)) {
		dl_len = 1;  /* "PETALING JAYA: The ..." */
	} else if (!dl_len) {
		return 0;
	} else if (s[k] == '-' && dl_len == 1 && k == i) {
		return 0;  /* "HANOI-" is a hyphen, not a dash */
	}
	dl->dash_e = k + dl_len;
	dl->body = skip_space(s, dl->dash_e, e);
	if (dl->body == e)  /* alone on its line */
		return (dl_len >= 2 || s[k] == '_') && s[k] != ':';
	if (dl->body == dl->dash_e && s[k] == '-')
		return 0;
	int32_t cp;
	cp_at(s, dl->body, e, &cp);
	if (utf8_is_lower(cp))
		return 0;
	/* a word in lower case soon: "U.S. DEFICIT WITH NICs" is a title */
	size_t lim = e - dl->body > 120 ? dl->body + 120 : e;
	for (size_t j = dl->body; j < lim;) {
		size_t we = nw_word_end(s, j, e, ",;:");
		struct shape w;
		nw_word_shape(s, j, we, &w);
		if (w.lower >= 2 && !w.upper && !w.digit)
			return 1;
		j = we < e ? we + 1 : e;
		j = skip_space(s, j, e);
	}
	return 0;
}
