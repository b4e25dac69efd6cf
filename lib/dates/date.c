/*
 * date — absolute date parsing, ISO formatting, calendar arithmetic.
 * The finder over running text (date_find) lives in lib/dates/date_find.c.
 *
 * The month and weekday names below are grammar (a closed class of
 * English words), not a dictionary a user would extend.
 */
#include <string.h>

#include "wire/core/buf.h"
#include "wire/dates/date.h"

/* ---- lexicon ---------------------------------------------------------- */

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
};

static const char *const weekday_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_alpha(int c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Byte c is part of a word: ASCII letter/digit or any non-ASCII byte (so
 * that "2025é" or "Mayé" never match a prefix). */
static int is_wordc(int c)
{
	return is_alpha(c) || is_digit(c) || (unsigned char)c >= 0x80;
}

/* Case-insensitive comparison of s[0..n) with lowercase word w. */
int date_word_eq(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!w[i] || lower((unsigned char)s[i]) != w[i])
			return 0;
	return w[n] == '\0';
}

/* s[0..n) is a prefix of w of at least `min` letters. */
static int word_prefix(const char *s, size_t n, const char *w, size_t min)
{
	size_t i;

	if (n < min)
		return 0;
	for (i = 0; i < n; i++)
		if (!w[i] || lower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

int date_month_word(const char *s, size_t n)
{
	int m;

	if (n < 3 || n > 9 || !strchr("jfmasondJFMASOND", s[0]))
		return 0;

	for (m = 0; m < 12; m++)
		if (date_word_eq(s, n, month_names[m]))
			return m + 1;
	if (n == 3 || (n == 4 && date_word_eq(s, n, "sept")))
		for (m = 0; m < 12; m++)
			if (word_prefix(s, n, month_names[m], 3))
				return m + 1;
	return 0;
}

int date_weekday_word(const char *s, size_t n)
{
	int w;

	if (n < 3 || n > 9 || !strchr("mtwfsMTWFS", s[0]))
		return 0;

	for (w = 0; w < 7; w++)
		if (date_word_eq(s, n, weekday_names[w]))
			return w + 1;
	/* Mon, Tue, Tues, Wed, Thu, Thur, Thurs, Fri, Sat, Sun */
	if (n >= 3 && n <= 5)
		for (w = 0; w < 7; w++)
			if (word_prefix(s, n, weekday_names[w], 3)
			    && (n == 3 || (w == 1 && n == 4)
				|| (w == 3 && n <= 5)))
				return w + 1;
	return 0;
}

/* ---- calendar ---------------------------------------------------------- */

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's formula). */
long date_to_days(const struct date_ymd *d)
{
	long y = d->y - (d->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void date_from_days(long z, struct date_ymd *out)
{
	long era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	out->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->m = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->y = (int)(y + (out->m <= 2));
}

/* 1 = Monday ... 7 = Sunday. */
int date_weekday(const struct date_ymd *d)
{
	long z = date_to_days(d); /* 1970-01-01 was a Thursday (4) */
	long w = (z + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

void date_add_days(struct date_ymd *d, long days)
{
	date_from_days(date_to_days(d) + days, d);
}

void date_add_months(struct date_ymd *d, int months)
{
	long t = (long)d->y * 12 + (d->m - 1) + months;
	int dim;

	d->y = (int)(t >= 0 ? t / 12 : (t - 11) / 12);
	d->m = (int)(t - (long)d->y * 12) + 1;
	dim = date_month_days(d->y, d->m);
	if (d->d > dim)
		d->d = dim;
}

void date_iso_week(const struct date_ymd *d, int *year, int *week)
{
	/* The ISO week belongs to the year of its Thursday. */
	struct date_ymd t = *d, jan1;
	long th;

	th = date_to_days(&t) + (4 - date_weekday(&t));
	date_from_days(th, &t);
	jan1.y = t.y;
	jan1.m = 1;
	jan1.d = 1;
	*year = t.y;
	*week = (int)((th - date_to_days(&jan1)) / 7) + 1;
}

int date_valid(const struct date_ymd *d)
{
	if (d->y < 1 || d->y > 9999 || d->m < 0 || d->m > 12 || d->d < 0)
		return 0;
	if (d->m == 0)
		return d->d == 0;
	return d->d <= date_month_days(d->y, d->m);
}

/* ---- parsing ------------------------------------------------------------ */

static size_t skip_space(const char *s, size_t n, size_t i)
{
	for (;;) {
		if (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else if (i + 1 < n && (unsigned char)s[i] == 0xc2
			 && (unsigned char)s[i + 1] == 0xa0)
			i += 2; /* no-break space */
		else
			return i;
	}
}

/* Reads a run of digits at i (at most 9); returns its length. */
static size_t read_num(const char *s, size_t n, size_t i, int *v)
{
	size_t k = 0;

	*v = 0;
	while (i + k < n && is_digit(s[i + k])) {
		if (k < 9)
			*v = *v * 10 + (s[i + k] - '0');
		k++;
	}
	return k;
}

static size_t word_end(const char *s, size_t n, size_t i)
{
	while (i < n && is_alpha(s[i]))
		i++;
	return i;
}

/* A month word at i with its optional abbreviation dot; 0 when none. */
static size_t read_month(const char *s, size_t n, size_t i, int *m)
{
	size_t e = word_end(s, n, i);

	if (e == i || (e < n && is_wordc(s[e])))
		return 0;
	*m = date_month_word(s + i, e - i);
	if (!*m)
		return 0;
	if (e < n && s[e] == '.' && e - i <= 4)
		e++;
	return e - i;
}

/* An optional English ordinal suffix: 1st 2nd 3rd 4th. */
static size_t ordinal_suffix(const char *s, size_t n, size_t i)
{
	if (i + 2 <= n && (date_word_eq(s + i, 2, "st")
			   || date_word_eq(s + i, 2, "nd")
			   || date_word_eq(s + i, 2, "rd")
			   || date_word_eq(s + i, 2, "th"))
	    && (i + 2 == n || !is_wordc(s[i + 2])))
		return 2;
	return 0;
}

/* "T10:00", "T10:00:05.3Z", "T10:00+07:00" after an ISO date. */
static size_t iso_time(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;
	int v;

	if (i >= n || (s[i] != 'T' && s[i] != 't'))
		return 0;
	if (read_num(s, n, j, &v) != 2 || v > 24)
		return 0;
	j += 2;
	if (j < n && s[j] == ':')
		j++;
	if (read_num(s, n, j, &v) != 2 || v > 59)
		return 0;
	j += 2;
	if (j < n && s[j] == ':' && read_num(s, n, j + 1, &v) == 2) {
		j += 3;
		if (j < n && (s[j] == '.' || s[j] == ',') && j + 1 < n
		    && is_digit(s[j + 1])) {
			j++;
			while (j < n && is_digit(s[j]))
				j++;
		}
	}
	if (j < n && (s[j] == 'Z' || s[j] == 'z')) {
		j++;
	} else if (j < n && (s[j] == '+' || s[j] == '-')
		   && read_num(s, n, j + 1, &v) >= 2) {
		size_t k = read_num(s, n, j + 1, &v);

		if (k == 4) {
			j += 5;
		} else if (k == 2) {
			j += 3;
			if (j < n && s[j] == ':'
			    && read_num(s, n, j + 1, &v) == 2)
				j += 3;
		}
	}
	return j - i;
}

/* Digits-first forms at i. Returns the end offset or 0. */
static size_t parse_numeric(const char *s, size_t n, size_t i,
			    struct date_ymd *d)
{
	int a, b, c;
	size_t ka = read_num(s, n, i, &a), kb, kc, j = i + ka;
	char sep;

	if (ka == 8) { /* 20250925 */
		d->y = a / 10000;
		d->m = a / 100 % 100;
		d->d = a % 100;
		return j;
	}
	if (ka == 4) {
		d->y = a;
		d->m = d->d = 0;
		if (j + 1 < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')
		    && is_digit(s[j + 1])) {
			sep = s[j];
			kb = read_num(s, n, j + 1, &b);
			if (kb < 1 || kb > 2 || b < 1 || b > 12)
				return 0;
			d->m = b;
			j += 1 + kb;
			if (j + 1 < n && s[j] == sep && is_digit(s[j + 1])) {
				kc = read_num(s, n, j + 1, &c);
				if (kc < 1 || kc > 2)
					return 0;
				d->d = c;
				j += 1 + kc;
				j += iso_time(s, n, j);
			} else if (sep != '-' || kb != 2) {
				return 0; /* "2082.1" is a number, "2025-9" odd */
			}
			return j;
		}
		/* A bare year only when it is all of the string. */
		if (skip_space(s, n, j) == n)
			return j;
		return 0;
	}
	if (ka < 1 || ka > 2)
		return 0;
	/* 25/09/2025, 25.09.2025, 25-09-2025 */
	if (j + 1 < n && (s[j] == '/' || s[j] == '.' || s[j] == '-')
	    && is_digit(s[j + 1])) {
		sep = s[j];
		kb = read_num(s, n, j + 1, &b);
		if (kb < 1 || kb > 2 || j + 1 + kb >= n || s[j + 1 + kb] != sep)
			return 0;
		kc = read_num(s, n, j + 2 + kb, &c);
		if (kc != 4)
			return 0;
		/* Day first, unless only the month-first reading is valid. */
		if (b > 12 && a <= 12) {
			d->m = a;
			d->d = b;
		} else {
			d->d = a;
			d->m = b;
		}
		d->y = c;
		return j + 2 + kb + kc;
	}
	/* 25 September 2025, 25th of Sept. 2025 */
	j += ordinal_suffix(s, n, j);
	j = skip_space(s, n, j);
	if (j + 3 <= n && date_word_eq(s + j, 2, "of") && s[j + 2] == ' ')
		j = skip_space(s, n, j + 2);
	kb = read_month(s, n, j, &b);
	if (!kb)
		return 0;
	j += kb;
	if (j < n && s[j] == ',')
		j++;
	j = skip_space(s, n, j);
	if (read_num(s, n, j, &c) != 4)
		return 0;
	d->d = a;
	d->m = b;
	d->y = c;
	return j + 4;
}

/* Month-first forms at i. */
static size_t parse_month_first(const char *s, size_t n, size_t i,
				struct date_ymd *d)
{
	int m, a, c;
	size_t j = i + read_month(s, n, i, &m), k, save;

	if (j == i)
		return 0;
	j = skip_space(s, n, j);
	k = read_num(s, n, j, &a);
	if (k == 4) { /* September 2025 */
		d->y = a;
		d->m = m;
		d->d = 0;
		return j + 4;
	}
	if (k < 1 || k > 2)
		return 0;
	j += k;
	j += ordinal_suffix(s, n, j);
	save = j;
	if (j < n && s[j] == ',')
		j++;
	j = skip_space(s, n, j);
	if (j == save || read_num(s, n, j, &c) != 4)
		return 0;
	d->y = c;
	d->m = m;
	d->d = a;
	return j + 4;
}

size_t date_parse(const char *s, size_t n, struct date_ymd *out)
{
	struct date_ymd d = { 0, 0, 0 };
	size_t i = 0, e, we;

	if (!s)
		return 0;
	/* An optional weekday: "Thursday, September 25, 2025". */
	we = word_end(s, n, 0);
	if (we > 0 && date_weekday_word(s, we)) {
		i = we;
		if (i < n && s[i] == '.')
			i++;
		if (i < n && s[i] == ',')
			i++;
		i = skip_space(s, n, i);
		if (i == we)
			return 0;
	}
	if (i < n && is_digit(s[i]))
		e = parse_numeric(s, n, i, &d);
	else
		e = parse_month_first(s, n, i, &d);
	if (!e || (e < n && is_wordc(s[e])) || !date_valid(&d))
		return 0;
	if (i > 0 && d.m == 0) /* "Thursday 2025" */
		return 0;
	/* "2025-09-25" must not be the start of "2025-09-25-3" either */
	if (e + 1 < n && (s[e] == '-' || s[e] == '/') && is_digit(s[e + 1]))
		return 0;
	*out = d;
	return e;
}

void date_format(const struct date_ymd *d, struct buf *out)
{
	if (d->y > 0 && d->y <= 9999)
		buf_addf(out, "%04d", d->y);
	else
		buf_adds(out, "XXXX");
	if (d->m < 1 || d->m > 12)
		return;
	buf_addf(out, "-%02d", d->m);
	if (d->d >= 1 && d->d <= 31)
		buf_addf(out, "-%02d", d->d);
}
