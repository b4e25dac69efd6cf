/*
 * news — header, trailer and layout parts of scraped news (see news.h and
 * docs/news-structure.md).
 *
 * The text is read line by line. Every line is first classified on its own
 * (layout debris, credit line, date line, caption, agency tag, body), with
 * two zones where weaker evidence is accepted: the head (the lines before
 * the first body paragraph, plus a headline) and the tail (the lines after
 * the last body paragraph). The first body line may start with a date and
 * a dateline; the last body line may end with an agency tag; a long body
 * line may end with a stray " |".
 *
 * Everything is decided on the shape of a line and a few closed-class
 * words (the credit phrases of news layout: "By", "Translated by",
 * "Photo:"); there is no list of places, agencies or names.
 *
 * Linear time: each line is scanned a bounded number of times (the tail is
 * found by one backward scan that stops at the last body line, and the
 * caption rule looks one line ahead); the checks on a line's content are
 * bounded by SHORT_LINE bytes or stop at the first character that fails.
 */

#include "news_impl.h"

/* The date-line grammar (labels, clock times, zones, an agency before
 * the date, sections after it) is in news_date.c. */

struct cls {
	int kind;          /* enum news_kind */
	int bar;           /* a line of '|' (and spaces) only */
	size_t mb, me;     /* meta text: byline or agency name */
	size_t tag;        /* a byline's agency tag starts here (0: none) */
	size_t tnb, tne;   /* the tag's name */
	struct date_ymd ymd;
	struct news_date_line dl; /* parts of a date line; a caption's date */
};

/* Line s[b..e) (trimmed, not empty) is layout debris: no letter or digit.
 * Sets *bar when it holds only '|' and white space. */
int nw_debris_line(const char *s, size_t b, size_t e, int *bar)
{
	int only_bar = 1;

	if (b < e) {  /* the common case: a line that starts with a letter or digit */
		unsigned char a = (unsigned char)s[b];
		if ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9'))
			return 0;
	}

	for (size_t i = b; i < e;) {
		int32_t cp;
		size_t k = space_len(s, i, e);
		if (k) {
			i += k;
			continue;
		}
		i += cp_at(s, i, e, &cp);
		if (is_alnum_cp(cp))
			return 0;
		if (cp != '|' && cp != 0xA6 && cp != 0x2502)
			only_bar = 0;
	}
	*bar = only_bar;
	return 1;
}

/* A sentence starts after a full stop in s[i..e): ". The talks went on"
 * (but not "U.S. Navy", which has no word in lower case after it). */
static int sentence_after(const char *s, size_t i, size_t e)
{
	int after_stop = 0;

	while (i < e) {
		size_t j = nw_word_end(s, i, e, "");
		struct shape w;
		if (j == i) {
			i++;
			continue;
		}
		nw_word_shape(s, i, j, &w);
		if (after_stop && w.lower && !w.upper)
			return 1;
		if (s[j - 1] == '.' && j - i > 2 && w.lower)
			after_stop = 1;
		i = skip_space(s, j, e);
	}
	return 0;
}

/* Only white space, a full stop and a bar from i to e. */
static int line_rest_empty(const char *s, size_t i, size_t e)
{
	i = skip_space(s, i, e);
	if (i < e && s[i] == '.')
		i = skip_space(s, i + 1, e);
	if (i < e && s[i] == '|')
		i = skip_space(s, i + 1, e);
	return i == e;
}

/* Whether one of the 8 bytes at p is '(', 'P' or 'p'. */
#ifdef __SSE2__
#include <emmintrin.h>
/* Offset of the first byte of p[0..16) that is '(' or a 'P'/'p' after an
 * ASCII blank (p[-1] is read); 16 when there is none. */
static inline unsigned cue16(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i pv = _mm_loadu_si128((const __m128i *)(const void *)(p - 1));
	__m128i paren = _mm_cmpeq_epi8(v, _mm_set1_epi8('('));
	__m128i pp = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('p'));
	/* ' ', or '\t'..'\r' */
	__m128i blank = _mm_or_si128(
		_mm_cmpeq_epi8(pv, _mm_set1_epi8(' ')),
		_mm_cmpeq_epi8(_mm_min_epu8(_mm_max_epu8(pv, _mm_set1_epi8(9)), _mm_set1_epi8(13)), pv));
	unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(paren, _mm_and_si128(pp, blank)));
	return bits ? (unsigned)__builtin_ctz(bits) : 16;
}
#endif

#ifndef __SSE2__
static inline int cue8(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
#define ZB(x) (((x) - 0x0101010101010101ULL) & ~(x) & 0x8080808080808080ULL)
	uint64_t l = w | 0x2020202020202020ULL;  /* 'P' -> 'p' */
	return (ZB(w ^ 0x2828282828282828ULL) | ZB(l ^ 0x7070707070707070ULL)) != 0;
#undef ZB
}
#endif

/*
 * Whether s[i..e) holds a '(' or an "ho" in any case: every credit that
 * caption_cue() looks for at the end of a line has one ("(Photo",
 * "(Image", "(Courtesy", "photo courtesy", "Photo:"), so a line without
 * either is no caption by its end. Sixteen bytes a step.
 */
static int caption_possible(const char *s, size_t i, size_t e)
{
#ifdef __SSE2__
	const __m128i paren = _mm_set1_epi8('('), h = _mm_set1_epi8('h');
	const __m128i o = _mm_set1_epi8('o'), low = _mm_set1_epi8(0x20);
	if (e - i >= 17) {
		for (;;) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
			__m128i ho = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(v, low), h),
						   _mm_cmpeq_epi8(_mm_or_si128(w, low), o));
			if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, paren), ho)))
				return 1;
			if (i + 17 == e)
				return 0;
			/* the last step overlaps the one before: it ends at e */
			i = e - i >= 33 ? i + 16 : e - 17;
		}
	}
#endif
	for (; i < e; i++) {
		if (s[i] == '(')
			return 1;
		if (((unsigned char)s[i] | 32) == 'h' && i + 1 < e &&
		    ((unsigned char)s[i + 1] | 32) == 'o')
			return 1;
	}
	return 0;
}

/*
 * Caption signs in a short line, where the credit must end the line (so
 * that a caption run together with the lead of the story is left alone):
 * a bracketed credit closing the line ("... talks. (Photo: VNA)"), "photo
 * courtesy of X" or ". Photo: X" in the last 80 bytes; or a line of at
 * most CAPTION_BAR bytes that starts "Photo courtesy", "Photo:", "Image:"
 * (when it is not a credit line). One pass over the line.
 */
static int caption_cue(const char *s, size_t b, size_t e)
{
	static const char *const start[] = {
		"Photo courtesy", "Photo Courtesy", "Photo credit", "Photo Credit",
		"Photo:", "PHOTO:", "Image:", "Caption:", "File photo", NULL,
	};
	static const char *const bracket[] = {
		"(Photo", "(photo", "(PHOTO", "(File photo", "(file photo",
		"(Image", "(Courtesy", "(courtesy", NULL,
	};

	if (e - b <= CAPTION_BAR)
		for (size_t k = 0; start[k]; k++)
			if (start[k][0] == s[b] && has_prefix(s, b, e, start[k]))
				return 1;
	/* a credit that ends the line starts in its last 90 bytes */
	if (!caption_possible(s, e - b > 90 ? e - 90 : b, e))
		return 0;
	for (size_t i = e - b > 90 ? e - 90 : b; i < e; i++) {
		/* only '(', 'P' and 'p' matter: skip eight other bytes at a time */
#ifdef __SSE2__
		/* a 'P' or 'p' matters only after a blank (see below) */
		while (i > 0 && e - i >= 16) {
			unsigned k = cue16(s + i);
			i += k;
			if (k < 16)
				break;
		}
#else
		while (e - i >= 8 && !cue8(s + i))
			i += 8;
#endif
		if (i >= e)
			break;
		if (s[i] == '(') {
			for (size_t k = 0; bracket[k]; k++) {
				if (!has_prefix(s, i, e, bracket[k]))
					continue;
				const char *close = memchr(s + i, ')', e - i);
				return close && (size_t)(close - s) - i <= 80 &&
				       line_rest_empty(s, (size_t)(close - s) + 1, e);
			}
		} else if ((s[i] == 'P' || s[i] == 'p') && i > b + 1 &&
			   space_len(s, i - 1, e) && e - i <= 80) {
			/* "... photo courtesy of X", "... . Photo: X" */
			if ((has_prefix(s, i + 1, e, "hoto courtesy") ||
			     has_prefix(s, i, e, "Photo:")) && sentence_after(s, i, e))
				return 0;
			if (has_prefix(s, i + 1, e, "hoto courtesy"))
				return 1;
			if (has_prefix(s, i, e, "Photo:")) {
				size_t p = trim_back(s, b, i);
				int32_t cp = last_cp(s, b, p, NULL);
				if (cp == '.' || cp == '-' || cp == '|' ||
				    cp == 0x2013 || cp == 0x2014)
					return 1;
			}
		}
	}
	return 0;
}

/* Line ends with a lone " |" (one bar in the whole line). */
static int bar_ended(const char *s, size_t b, size_t e)
{
	return e - b >= 2 && s[e - 1] == '|' && memchr(s + b, '|', e - 1 - b) == NULL;
}

/* An end-of-story marker: "(END)", "-- End --", "-end-", "Enditem", or
 * the "MORE" of a story continued in another file. */
static int end_marker(const char *s, size_t b, size_t e)
{
	if (e - b > 16)
		return 0;
	while (b < e) {
		size_t k = dash_len(s, b, e);
		if (!k)
			k = space_len(s, b, e);
		if (!k && in_set(s[b], "([*#"))
			k = 1;
		if (!k)
			break;
		b += k;
	}
	while (e > b) {
		size_t c = cp_start(s, b, e);
		if (dash_len(s, c, e) != e - c && space_len(s, c, e) != e - c &&
		    !(e - c == 1 && in_set(s[c], ")]*#")))
			break;
		e = c;
	}
	return (e - b == 3 && has_iprefix(s, b, e, "end")) ||
	       (e - b == 4 && has_iprefix(s, b, e, "more")) ||
	       (e - b == 7 && has_iprefix(s, b, e, "enditem"));
}

/* A copyright notice: "© 2026 ...", "Copyright (c) ...". */
static int copyright_line(const char *s, size_t b, size_t e)
{
	return has_prefix(s, b, e, "\xc2\xa9") || has_iprefix(s, b, e, "copyright") ||
	       has_iprefix(s, b, e, "(c) ") || has_iprefix(s, b, e, "all rights reserved");
}

/* A single e-mail address: a reporter's contact at the end. */
static int email_line(const char *s, size_t b, size_t e)
{
	const char *at;

	if (e - b > 80 || nw_word_end(s, b, e, "") != e)
		return 0;
	at = memchr(s + b, '@', e - b);
	return at && at > s + b && memchr(at, '.', (size_t)(s + e - at)) &&
	       s[e - 1] != '.' && s[e - 1] != '@';
}

/* A line of site navigation: "Related news: ...", "Read more: ...",
 * "Tags: ASEAN, defence". Only labels that end with a colon, so that
 * "Read more about ..." stays body. */
static int link_line(const char *s, size_t b, size_t e)
{
	static const char *const w[] = {
		"related news:", "related articles:", "related:", "read more:",
		"read also:", "also read:", "see also:", "tags:", "keywords:",
		"our standards:", NULL,
	};

	if (e - b > CAPTION_BAR)
		return 0;
	switch (s[b] | 32) {  /* the first letters of w[] */
	case 'a': case 'k': case 'o': case 'r': case 's': case 't':
		break;
	default:
		return 0;
	}
	for (size_t k = 0; w[k]; k++)
		if (((unsigned char)s[b] | 32) == (unsigned char)w[k][0] &&
		    has_iprefix(s, b, e, w[k]))
			return 1;
	return 0;
}

/* Lines that are dates by news_date.c's rules other than a date line: a
 * release label over the date ("Immediate Release"), a caption ending
 * with a labelled date ("... (Photo: qdnd.vn) date 2025-01-10"), in the
 * tail a caption under the scraper's date stamp. */
static int news_date_hook(const char *s, size_t b, size_t e, int zone, struct cls *c)
{
	size_t t;

	if ((zone & Z_TAIL) && news_date_stamp(s, b, e, &c->ymd) > b &&
	    news_date_credit(s, b, e)) {
		/* "date 2024-09-10 X (R) meets Y. (Xinhua/Li Xiang)" */
		c->kind = NEWS_CAPTION;
		return 1;
	}
	if (!(zone & Z_HEAD))
		return 0;
	if (news_date_release(s, b, e)) {
		c->kind = NEWS_DATE;
		return 1;
	}
	if ((t = news_date_trailer(s, b, e, &c->ymd)) < e && caption_cue(s, b, trim_back(s, b, t))) {
		c->kind = NEWS_CAPTION;
		c->dl.db = t;
		c->dl.de = e;
		return 1;
	}
	memset(&c->ymd, 0, sizeof(c->ymd));
	return 0;
}

/* Classifies the trimmed, non-empty line s[b..e) on its own. */
static void classify(const char *s, size_t b, size_t e, int zone, struct cls *c)
{
	size_t ce = e;

	memset(c, 0, sizeof(*c));
	c->kind = NEWS_BODY;
	if (nw_debris_line(s, b, e, &c->bar)) {
		c->kind = NEWS_DEBRIS;
		return;
	}
	if (e - b > SHORT_LINE)
		return;
	if (link_line(s, b, e)) {
		c->kind = NEWS_DEBRIS;
		return;
	}
	if (bar_ended(s, b, e))
		ce = trim_back(s, b, e - 1);
	int credit = nw_credit_line(s, b, ce, zone);
	if (credit > 0) {
		c->kind = NEWS_BYLINE;
		c->mb = b;
		c->me = ce;
		if (s[b] == '(' && s[ce - 1] == ')') {
			c->mb++;
			c->me--;
		}
		return;
	}
	size_t t;
	if (credit < 0 && ce == e && (t = nw_credit_tag(s, b, e, zone, &c->tnb, &c->tne)) < e) {
		/* "Translated by Le Thu Ha — VNA/VNS": a byline, then a tag */
		c->kind = NEWS_BYLINE;
		c->mb = b;
		c->me = trim_back(s, b, t);
		c->tag = t;
		return;
	}
	if (zone && news_date_line(s, b, e, &c->ymd, &c->dl)) {
		c->kind = NEWS_DATE;
		return;
	}
	if (news_date_hook(s, b, e, zone, c))
		return;
	if (ce < e || caption_cue(s, b, e)) {
		/* " date 2020-11-10 X (right) receives Y. Photo: VNA": the
		 * labelled date at its head still dates the article */
		int labelled;
		if (!(zone & (Z_HEAD | Z_TAIL)) ||
		    news_date_head(s, b, e, &c->ymd, &labelled) == b || !labelled)
			memset(&c->ymd, 0, sizeof(c->ymd));
		c->kind = NEWS_CAPTION;
		return;
	}
	if ((zone & Z_TAIL) && (end_marker(s, b, e) || copyright_line(s, b, e))) {
		c->kind = NEWS_DEBRIS;
		return;
	}
	if ((zone & Z_TAIL) && email_line(s, b, e)) {
		c->kind = NEWS_BYLINE;
		c->mb = b;
		c->me = e;
		return;
	}
	if ((zone & Z_TAIL) && nw_agency_line(s, b, e, &c->mb, &c->me)) {
		c->kind = NEWS_AGENCY;
		return;
	}
}

/* s[b..e) holds '|' and white space only, at least one '|'. */
static int bars_only(const char *s, size_t b, size_t e)
{
	int seen = 0;

	for (size_t k = b; k < e;) {
		size_t w = space_len(s, k, e);
		if (w) {
			k += w;
		} else if (s[k] == '|') {
			seen = 1;
			k++;
		} else {
			return 0;
		}
	}
	return seen;
}

/* The next non-blank line after position i is a line of '|'. */
static int next_is_bar(const char *s, size_t i, size_t n)
{
	while (i < n) {
		/* white space never holds a newline: skip it up to the line's
		 * first other byte, which must be a bar */
		size_t b = skip_space(s, i, n);
		if (b < n && s[b] != '\n' && s[b] != '|')
			return 0;
		const char *nl = memchr(s + b, '\n', n - b);
		size_t le = nl ? (size_t)(nl - s) : n;
		if (b < le)
			return bars_only(s, b, le);
		i = le + 1;
	}
	return 0;
}

/* The last non-blank line before the line starting at lb is a line of
 * '|'. */
static int prev_is_bar(const char *s, size_t lb)
{
	while (lb > 0) {
		size_t le = lb - 1, b = line_start(s, le);
		size_t t = skip_space(s, b, le);
		if (t < le)
			return bars_only(s, t, le);
		lb = b;
	}
	return 0;
}

/* A short line with a line of '|' after it is a caption when it does not
 * end like a sentence, or when a line of '|' also precedes it. */
static int bar_caption(const char *s, size_t b, size_t e, int before, int after)
{
	if (!after || e - b > CAPTION_BAR)
		return 0;
	return before || !ends_sentence(s, b, e);
}

static int headline_like(const char *s, size_t b, size_t e)
{
	int32_t cp;

	if (e - b > HEADLINE_MAX)
		return 0;
	cp = last_cp(s, b, e, NULL);
	return !(cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' ||
		 cp == ',' || cp == 0x201D || cp == '"');
}

/*
 * Finds the tail: the lines after the last body line. Returns the offset
 * where the tail starts (n when there is none) and sets *last_e to the
 * end of the last body line (0 when there is none).
 */
static size_t find_tail(const char *s, size_t n, size_t *last_e)
{
	size_t pos = n, tail = n;
	int after_bar = 0;

	*last_e = 0;
	for (;;) {
		size_t lb = line_start(s, pos);
		size_t b = skip_space(s, lb, pos), e = trim_back(s, b, pos);
		if (b < e) {
			struct cls c;
			classify(s, b, e, Z_TAIL, &c);
			if (c.kind == NEWS_BODY && after_bar &&
			    bar_caption(s, b, e, prev_is_bar(s, lb), 1))
				c.kind = NEWS_CAPTION;
			if (c.kind == NEWS_BODY) {
				*last_e = e;
				return tail;
			}
			after_bar = c.bar;
			tail = lb;
		}
		if (lb == 0)
			return 0;
		pos = lb - 1;
	}
}

struct parse {
	const char *s;
	struct spans *parts;
	size_t first;             /* parts->n on entry: never merge below */
	struct buf date, dateline, byline, agency;
};

static void push(struct parse *p, int kind, size_t b, size_t e)
{
	struct spans *v = p->parts;

	if (b >= e)
		return;
	if (kind == NEWS_BODY && v->n > p->first && v->v[v->n - 1].kind == NEWS_BODY) {
		v->v[v->n - 1].e = e;
		return;
	}
	spans_push(v, b, e, kind);
}

static void meta_date(struct parse *p, const struct date_ymd *d)
{
	if (!p->date.len && d->y > 0)
		date_format(d, &p->date);
}

/* Appends s[b..e) to a "; "-joined list unless it is already there
 * (ASCII case ignored: "Bernama" and "BERNAMA" are one agency) or the
 * list would grow beyond META_MAX bytes (which keeps this linear on a
 * text made of thousands of credit lines; they are still labelled). */
static void meta_add(struct buf *list, const char *s, size_t b, size_t e)
{
	size_t n = e - b;

	if (!n || list->len + n > META_MAX)
		return;
	for (size_t i = 0; i + n <= list->len;) {
		const char *sep = memmem(list->buf + i, list->len - i, "; ", 2);
		size_t end = sep ? (size_t)(sep - list->buf) : list->len;
		if (end - i == n && !strncasecmp(list->buf + i, s + b, n))
			return;
		if (!sep)
			break;
		i = end + 2;
	}
	if (list->len)
		buf_add(list, "; ", 2);
	buf_add(list, s + b, n);
}

static char *meta_take(struct buf *b)
{
	if (!b->len) {
		buf_release(b);
		return NULL;
	}
	return buf_detach(b, NULL);
}

/* Emits a body line s[b..e), with its head parts (date, dateline) when
 * `head` is set and its agency tag when `last` is set. Returns 1 when a
 * date or dateline was found. */
static int body_line(struct parse *p, size_t b, size_t e, int head, int first,
		     int last)
{
	const char *s = p->s;
	size_t bb = b, be = e, db = e, de = e, tb = e, nb = 0, ne = 0;
	int found = 0;
	struct dateline dl;

	if (head && first) {
		struct date_ymd ymd;
		int labelled;
		size_t k = news_date_head(s, b, e, &ymd, &labelled);
		if (k > b) {
			size_t r = skip_space(s, k, e);
			if (labelled || nw_dateline_at(s, r, e, &dl)) {
				push(p, NEWS_DATE, b, k);
				meta_date(p, &ymd);
				bb = r;
				found = 1;
			}
		}
	}
	int has_dl = head && bb < e && nw_dateline_at(s, bb, e, &dl);
	if (has_dl && dl.date_e == dl.place_e &&
	    dl.ab == dl.ae && dl.place_e - bb <= 3 && s[dl.place_e - 1] != '.') {
		/* "AP - The ...", "AFP - ...": an agency, not a place */
		push(p, NEWS_AGENCY, bb, dl.dash_e);
		meta_add(&p->agency, s, bb, dl.place_e);
		bb = dl.body;
		found = 1;
	} else if (has_dl) {
		if (!p->dateline.len)
			buf_add(&p->dateline, s + bb, dl.place_e - bb);
		if (dl.has_date)
			meta_date(p, &dl.ymd);
		if (dl.ab < dl.ae) {
			push(p, NEWS_DATELINE, bb, dl.date_e);
			push(p, NEWS_AGENCY, dl.ab, dl.dash_e);
			meta_add(&p->agency, s, dl.ab + 1, dl.ae - 1);
		} else {
			push(p, NEWS_DATELINE, bb, dl.dash_e);
		}
		bb = dl.body;
		found = 1;
	}
	if (bar_ended(s, bb, be) && be - bb > SHORT_LINE) {
		db = be - 1;
		de = be;
		be = trim_back(s, bb, db);
	}
	if (last && bb < be) {
		size_t t = nw_agency_tail(s, bb, be, &nb, &ne);
		if (t < be && t > bb) {
			tb = t;
			meta_add(&p->agency, s, nb, ne);
			push(p, NEWS_BODY, bb, trim_back(s, bb, t));
			push(p, NEWS_AGENCY, tb, be);
			push(p, NEWS_DEBRIS, db, de);
			return found;
		}
	}
	push(p, NEWS_BODY, bb, be);
	push(p, NEWS_DEBRIS, db, de);
	return found;
}

void news_parse(const char *text, size_t n, struct spans *parts, struct news_meta *meta)
{
	struct parse p = { text, parts, parts->n, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	size_t last_e, tail = find_tail(text, n, &last_e), pos = 0;
	int head = 1, headline = 0, first = 1, prev_bar = 0, after_date = 0;

	while (pos < n) {
		const char *nl = memchr(text + pos, '\n', n - pos);
		size_t le = nl ? (size_t)(nl - text) : n;
		size_t b = skip_space(text, pos, le), e = trim_back(text, b, le);
		struct cls c;

		pos = le + 1;
		if (b == e)
			continue;
		if (e == last_e) {
			/* find_tail() classified it as body in the tail zone, whose
			 * checks include those of every other zone */
			memset(&c, 0, sizeof(c));
			c.kind = NEWS_BODY;
		} else {
			classify(text, b, e, (head ? Z_HEAD : 0) | (b >= tail ? Z_TAIL : 0), &c);
		}
		/* the first line is a headline rather than a caption */
		if (c.kind == NEWS_BODY && !(first && head && !prev_bar) &&
		    e - b <= CAPTION_BAR &&
		    bar_caption(text, b, e, prev_bar, next_is_bar(text, pos, n)))
			c.kind = NEWS_CAPTION;
		prev_bar = c.bar;
		if (c.kind == NEWS_BODY && head && headline &&
		    news_date_outlet(text, b, e, text, pos, n)) {
			c.kind = NEWS_AGENCY;   /* "Jakarta Globe" over its date line */
			c.mb = b;
			c.me = e;
		} else if (c.kind == NEWS_BODY && head && after_date &&
			   has_prefix(text, b, e, "From ") && !ends_sentence(text, b, e) &&
			   nw_names_like(text, b + 5, e, 0)) {
			c.kind = NEWS_BYLINE;   /* "From Name" under a date line */
			c.mb = b;
			c.me = e;
		}
		after_date = head && c.kind == NEWS_DATE;
		switch (c.kind) {
		case NEWS_BODY: {
			int found = body_line(&p, b, e, head, first, e == last_e);
			int title = head && !found && e - b <= HEADLINE_MAX;
			if (title && !headline && first && headline_like(text, b, e))
				headline = 1;   /* a headline: the head goes on */
			else if (title && headline < 4 &&
				 (first ? news_date_title(text, b, e) : headline_like(text, b, e)) &&
				 news_date_ahead(text, pos, n))
				headline++;     /* a title over a date line (news_date.h) */
			else
				head = 0;
			first = 0;
			continue;
		}
		case NEWS_DATE:
		case NEWS_CAPTION:
			meta_date(&p, &c.ymd);
			if (c.kind == NEWS_CAPTION ? c.dl.db < c.dl.de :
			    c.dl.ab < c.dl.ae || c.dl.sb < c.dl.se) {
				/* an agency, a date, sections; a caption, its date */
				push(&p, c.kind == NEWS_CAPTION ? NEWS_CAPTION :
				     c.dl.nb < c.dl.ne ? NEWS_AGENCY : NEWS_DEBRIS,
				     b, c.kind == NEWS_CAPTION ? trim_back(text, b, c.dl.db) : c.dl.ae);
				meta_add(&p.agency, text, c.dl.nb, c.dl.ne);
				push(&p, NEWS_DATE, c.dl.db, c.dl.de);
				push(&p, NEWS_DEBRIS, c.dl.sb, c.dl.se);
				continue;
			}
			break;
		case NEWS_BYLINE:
			meta_add(&p.byline, text, c.mb, c.me);
			if (c.tag) {
				push(&p, NEWS_BYLINE, b, c.me);
				push(&p, NEWS_AGENCY, c.tag, e);
				meta_add(&p.agency, text, c.tnb, c.tne);
				continue;
			}
			break;
		case NEWS_AGENCY:
			meta_add(&p.agency, text, c.mb, c.me);
			break;
		default:
			break;
		}
		push(&p, c.kind, b, e);
	}
	meta->date = meta_take(&p.date);
	meta->dateline = meta_take(&p.dateline);
	meta->byline = meta_take(&p.byline);
	meta->agency = meta_take(&p.agency);
}

void news_meta_release(struct news_meta *meta)
{
	free(meta->date);
	free(meta->dateline);
	free(meta->byline);
	free(meta->agency);
	meta->date = meta->dateline = meta->byline = meta->agency = NULL;
}

const char *news_kind_name(int kind)
{
	static const char *const names[] = {
		"body", "date", "dateline", "byline", "agency", "caption", "debris",
	};

	if (kind < 0 || (size_t)kind >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[kind];
}
