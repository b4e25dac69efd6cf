/* Unit tests of lib/split/news.c: the parts of scraped news around the body.
 * Every text below is invented for these tests. Each case is checked
 * against the expected parts and, whatever the case, against the contract
 * of news_parse: parts in order, not overlapping, trimmed, covering every
 * character that is not white space. No test reads /work/shared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/buf.h"
#include "wire/split/news.h"

/* ---- helpers ---------------------------------------------------------- */

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Length of the white space at s[i] (ASCII blanks, NBSP), else 0. */
static size_t blank_len(const char *s, size_t i, size_t n)
{
	if (is_blank((unsigned char)s[i]))
		return 1;
	if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* Every byte of s[b..e) is white space. */
static void check_gap(const char *s, size_t b, size_t e, size_t n)
{
	while (b < e) {
		size_t k = blank_len(s, b, n);
		if (!k)
			fail_msg("byte %zu ('%c') is in no part", b, s[b]);
		b += k;
	}
}

/* The contract: ordered, disjoint, trimmed parts covering every
 * non-blank byte of text[0..n). */
static void check_contract(const char *s, size_t n, const struct spans *p)
{
	size_t at = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct span *v = &p->v[i];
		if (v->b >= v->e || v->e > n || v->b < at)
			fail_msg("part %zu [%zu,%zu) out of order or empty (n=%zu)",
				 i, v->b, v->e, n);
		if (v->kind < NEWS_BODY || v->kind > NEWS_DEBRIS)
			fail_msg("part %zu has kind %d", i, v->kind);
		if (blank_len(s, v->b, n) || is_blank((unsigned char)s[v->e - 1]) ||
		    (v->e - v->b >= 2 && blank_len(s, v->e - 2, n) == 2))
			fail_msg("part %zu [%zu,%zu) is not trimmed", i, v->b, v->e);
		check_gap(s, at, v->b, n);
		at = v->e;
	}
	check_gap(s, at, n, n);
}

/* Renders the parts as "kind[text] kind[text]"; body text shortened to
 * its first and last 12 bytes when longer than 30 ("a…z"). */
static void render(const char *s, const struct spans *p, struct buf *out)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct span *v = &p->v[i];
		size_t len = v->e - v->b;
		if (i)
			buf_addc(out, ' ');
		buf_adds(out, news_kind_name(v->kind));
		buf_addc(out, '[');
		if (v->kind == NEWS_BODY && len > 30) {
			buf_add(out, s + v->b, 12);
			buf_adds(out, "...");
			buf_add(out, s + v->e - 12, 12);
		} else {
			buf_add(out, s + v->b, len);
		}
		buf_addc(out, ']');
	}
}

/* Mismatches are printed as TAP comments and counted; each test ends
 * with assert_mismatches() so that one run shows all of them. */
static int mismatches;

static void expect_str(const char *what, const char *got, const char *want,
		       const char *text)
{
	if (!want && !got)
		return;
	if (!want || !got || strcmp(got, want)) {
		print_message("# %s: got \"%s\", want \"%s\"\n#   text: %s\n", what,
			      got ? got : "(null)", want ? want : "(null)", text);
		mismatches++;
	}
}

static void assert_mismatches(void)
{
	int n = mismatches;

	mismatches = 0;
	if (n)
		fail_msg("%d mismatches", n);
}

/* Parses `text`, checks the contract, the rendered parts and the meta
 * (NULL: the field must be NULL). */
static void check_meta(const char *text, const char *parts, const char *date,
		       const char *dateline, const char *byline, const char *agency)
{
	struct spans p = SPANS_INIT;
	struct news_meta m = { NULL, NULL, NULL, NULL };
	struct buf r = BUF_INIT;
	size_t n = strlen(text);

	news_parse(text, n, &p, &m);
	check_contract(text, n, &p);
	render(text, &p, &r);
	expect_str("parts", r.buf, parts, text);
	expect_str("date", m.date, date, text);
	expect_str("dateline", m.dateline, dateline, text);
	expect_str("byline", m.byline, byline, text);
	expect_str("agency", m.agency, agency, text);
	news_meta_release(&m);
	spans_release(&p);
	buf_release(&r);
}

/* Parts only; the meta is not checked. */
static void check(const char *text, const char *parts)
{
	struct spans p = SPANS_INIT;
	struct news_meta m = { NULL, NULL, NULL, NULL };
	struct buf r = BUF_INIT;
	size_t n = strlen(text);

	news_parse(text, n, &p, &m);
	check_contract(text, n, &p);
	render(text, &p, &r);
	expect_str("parts", r.buf, parts, text);
	news_meta_release(&m);
	spans_release(&p);
	buf_release(&r);
}

/* ---- body only -------------------------------------------------------- */

static void empty_and_plain(void **state)
{
	(void)state;
	check_meta("", "", NULL, NULL, NULL, NULL);
	check_meta(" \n\n\t \r\n", "", NULL, NULL, NULL, NULL);
	check_meta("The two navies met.", "body[The two navies met.]",
		   NULL, NULL, NULL, NULL);
	/* several paragraphs make one body part, blank lines included */
	check("The first paragraph ends here.\n\nThe second one follows.\n",
	      "body[The first pa...one follows.]");
	check("  Indented line of text.  \n", "body[Indented line of text.]");
	assert_mismatches();
}

/* ---- date lines ------------------------------------------------------- */

static void date_lines(void **state)
{
	(void)state;
	check_meta("date 2025-09-25\nThe ministry said the drill went well.",
		   "date[date 2025-09-25] body[The ministry...l went well.]",
		   "2025-09-25", NULL, NULL, NULL);
	check_meta("Published: 25/09/2025 10:32\n\nOfficers met in Hanoi.",
		   "date[Published: 25/09/2025 10:32] body[Officers met in Hanoi.]",
		   "2025-09-25", NULL, NULL, NULL);
	check_meta("Thursday, September 25, 2025 - 14:05 GMT+7\nTroops returned home.",
		   "date[Thursday, September 25, 2025 - 14:05 GMT+7] body[Troops returned home.]",
		   "2025-09-25", NULL, NULL, NULL);
	check_meta("Updated 2025-09-25T10:00:00+07:00\nA ship docked.",
		   "date[Updated 2025-09-25T10:00:00+07:00] body[A ship docked.]",
		   "2025-09-25", NULL, NULL, NULL);
	check_meta("3 October 2025\nA ship docked.",
		   "date[3 October 2025] body[A ship docked.]",
		   "2025-10-03", NULL, NULL, NULL);
	/* a clock time first */
	check_meta("14:20 | 25/09/2025\nA ship docked.",
		   "date[14:20 | 25/09/2025] body[A ship docked.]", "2025-09-25", NULL, NULL, NULL);
	check_meta("Updated: 10:32 AM, September 25, 2025\nA ship docked.",
		   "date[Updated: 10:32 AM, September 25, 2025] body[A ship docked.]",
		   "2025-09-25", NULL, NULL, NULL);
	check("14:20 | the ship docked.", "body[14:20 | the ship docked.]");
	/* a bare year is a date only with a label */
	check_meta("2025\nA ship docked.", "body[2025\nA ship docked.]",
		   NULL, NULL, NULL, NULL);
	check_meta("Date: 2025\nA ship docked.", "date[Date: 2025] body[A ship docked.]",
		   "2025", NULL, NULL, NULL);
	/* the first date found wins */
	check_meta("date 2025-09-25\nA ship docked.\nPublished 2025-09-27",
		   "date[date 2025-09-25] body[A ship docked.] date[Published 2025-09-27]",
		   "2025-09-25", NULL, NULL, NULL);
	/* a date in the middle of the body stays body */
	check("The talks opened.\n25 September 2025\nThey closed on time.",
	      "body[The talks op...sed on time.]");
	/* not dates */
	check("Date of the next round is not set.", "body[Date of the ... is not set.]");
	check("2025 troops took part in the drill.", "body[2025 troops ...n the drill.]");
	check("date 2025-02-29\nNo such day.", "body[date 2025-02-29\nNo such day.]");
	assert_mismatches();
}

static void date_prefix(void **state)
{
	(void)state;
	/* date, dateline and body start on one line */
	check_meta(" date 2025-09-25 KUALA LUMPUR \xe2\x80\x94 A delegation arrived on Wednesday.",
		   "date[date 2025-09-25] dateline[KUALA LUMPUR \xe2\x80\x94] body[A delegation...n Wednesday.]",
		   "2025-09-25", "KUALA LUMPUR", NULL, NULL);
	/* a labelled date may run into the body */
	check_meta("date 2025-09-25 A delegation arrived on Wednesday.",
		   "date[date 2025-09-25] body[A delegation...n Wednesday.]",
		   "2025-09-25", NULL, NULL, NULL);
	/* without a label only when a dateline follows */
	check_meta("2025-09-25 HANOI - Officers met.",
		   "date[2025-09-25] dateline[HANOI -] body[Officers met.]",
		   "2025-09-25", "HANOI", NULL, NULL);
	check_meta("2025-09-25 Officers met in Hanoi.", "body[2025-09-25 O...et in Hanoi.]",
		   NULL, NULL, NULL, NULL);
	/* only at the head of the document */
	check("The talks opened.\ndate 2025-09-25 The talks closed.",
	      "body[The talks op...alks closed.]");
	assert_mismatches();
}

/* ---- date lines as outlets print them (news_date.c) ------------------ */

static void outlet_date_lines(void **state)
{
	(void)state;
	/* a section, a headline in capitals, a day-first date with a clock */
	check_meta("GENERAL\nNAVY CHIEFS MEET IN PENANG\n03/08/2024 05:42 PM\n\n"
		   "PENANG, Aug 3 (Bernama) -- The two navy chiefs met today.",
		   "body[GENERAL\nNAVY...ET IN PENANG] date[03/08/2024 05:42 PM] "
		   "dateline[PENANG, Aug 3] agency[(Bernama) --] body[The two navy chiefs met today.]",
		   "2024-08-03", "PENANG", NULL, "Bernama");
	/* "From Name" under the date line is a credit; the dateline follows */
	check_meta("NAVY CHIEFS MEET\n03/08/2024 05:42 PM\nFrom Nur Aina Hassan\n\n"
		   "PENANG, Aug 3 (Bernama) -- The two navy chiefs met today.",
		   "body[NAVY CHIEFS MEET] date[03/08/2024 05:42 PM] byline[From Nur Aina Hassan] "
		   "dateline[PENANG, Aug 3] agency[(Bernama) --] body[The two navy chiefs met today.]",
		   "2024-08-03", "PENANG", "From Nur Aina Hassan", "Bernama");
	/* a title ending with an abbreviation, a release label, the date */
	check_meta("Readout of Deputy Secretary Hale's Call With Minister Cruz Jr.\n\n"
		   "Immediate Release\nSept. 3, 2024\n\nThe two leaders spoke by phone.",
		   "body[Readout of D...ter Cruz Jr.] date[Immediate Release] "
		   "date[Sept. 3, 2024] body[The two lead...ke by phone.]",
		   "2024-09-03", NULL, NULL, NULL);
	/* an agency before the date, sections after it */
	check_meta("Ministers agree to expand drills\nKANTO WIRE - Mar 4, 2025 - 09:15 | Asia, Politics\n\n"
		   "OSAKA - The ministers agreed on Tuesday to expand drills.",
		   "body[Ministers ag...xpand drills] agency[KANTO WIRE -] "
		   "date[Mar 4, 2025 - 09:15] debris[| Asia, Politics] dateline[OSAKA -] "
		   "body[The minister...pand drills.]",
		   "2025-03-04", "OSAKA", NULL, "KANTO WIRE");
	/* the outlet's name over the date line */
	check_meta("Army chiefs discuss joint exercises\nBorneo Herald\nMay 6, 2024 | 4:37 pm\n\n"
		   "The two chiefs discussed the exercise on Monday.",
		   "body[Army chiefs ...nt exercises] agency[Borneo Herald] "
		   "date[May 6, 2024 | 4:37 pm] body[The two chie...e on Monday.]",
		   "2024-05-06", NULL, NULL, "Borneo Herald");
	/* a date line in the tail, with a time zone */
	check_meta("The ministers met in Busan.\n\n(END)\n\ndate 2024-11-05 15:02 KST",
		   "body[The ministers met in Busan.] debris[(END)] date[date 2024-11-05 15:02 KST]",
		   "2024-11-05", NULL, NULL, NULL);
	check_meta("The ministers met.\n\nPosted on 5 November 2024 at 10:02 (GMT+8)",
		   "body[The ministers met.] date[Posted on 5 November 2024 at 10:02 (GMT+8)]",
		   "2024-11-05", NULL, NULL, NULL);
	/* a second, labelled date on the line: the first is the story's */
	check_meta("Portal grows\n\nBy Jose Reyes\n\nMarch 1, 2023, 3:09 pm Updated on March 2, 2023, 9:04 pm\n\n"
		   "MANILA \xe2\x80\x93 The portal grew.",
		   "body[Portal grows] byline[By Jose Reyes] "
		   "date[March 1, 2023, 3:09 pm Updated on March 2, 2023, 9:04 pm] "
		   "dateline[MANILA \xe2\x80\x93] body[The portal grew.]",
		   "2023-03-01", "MANILA", "By Jose Reyes", NULL);
	/* a leading slash; a section before the clock */
	check_meta("Festival opens\n/ 05:01 AM August 22, 2017\n\nThe festival opened.",
		   "body[Festival opens] date[/ 05:01 AM August 22, 2017] body[The festival opened.]",
		   "2017-08-22", NULL, NULL, NULL);
	check_meta("Festival opens\nAll News 16:56 August 10, 2018\n\nThe festival opened.",
		   "body[Festival opens] debris[All News] date[16:56 August 10, 2018] "
		   "body[The festival opened.]",
		   "2018-08-10", NULL, NULL, NULL);
	/* a caption ending with the scraper's labelled date */
	check_meta("Minister receives envoy\nThe minister (right) receives the envoy. (Photo: VNA) date 2025-01-10\n"
		   "Hanoi (VNA) - The minister received the envoy on January 9.",
		   "body[Minister receives envoy] caption[The minister (right) receives the envoy. (Photo: VNA)] "
		   "date[date 2025-01-10] dateline[Hanoi] agency[(VNA) -] body[The minister...n January 9.]",
		   "2025-01-10", "Hanoi", NULL, "VNA");
	/* a caption in the tail under the scraper's date stamp, with an
	 * "(Agency/Photographer)" credit */
	check_meta("BEIJING, Sept. 3 (Xinhua) -- The two generals met on Tuesday.\n\n"
		   "date 2024-09-03 General A (R) meets General B in Beijing. (Xinhua/Wang Lin)\n",
		   "dateline[BEIJING, Sept. 3] agency[(Xinhua) --] body[The two gene... on Tuesday.] "
		   "caption[date 2024-09-03 General A (R) meets General B in Beijing. (Xinhua/Wang Lin)]",
		   "2024-09-03", "BEIJING", NULL, "Xinhua");
	assert_mismatches();
}

static void not_outlet_date_lines(void **state)
{
	(void)state;
	/* a dateline without a year dates nothing, whatever weekday follows:
	 * "Oct. 15" on a Tuesday was 2019, 2024 and 2030 alike */
	check_meta("SEOUL, Oct. 15 (Yonhap) -- The ministers held talks on Tuesday.",
		   "dateline[SEOUL, Oct. 15] agency[(Yonhap) --] body[The minister... on Tuesday.]",
		   NULL, "SEOUL", NULL, "Yonhap");
	/* body sentences that start with a date */
	check_meta("On 12 May, the ministers met.\nMay 12, 2024 - the ministers met in Hanoi.",
		   "body[On 12 May, t...et in Hanoi.]", NULL, NULL, NULL, NULL);
	/* a sentence in the first line does not open the head for a date */
	check("The talks opened in Hanoi.\nSept. 3, 2024\nThey closed on time.",
	      "body[The talks op...sed on time.]");
	/* words in lower case after the date: not sections */
	check("Ministers meet\nJul 8, 2024 | the talks went well\n\nThe ministers met.",
	      "body[Ministers me...nisters met.]");
	/* an agency before a date needs its dash or bar */
	check("Ministers meet\nKANTO WIRE Jul 8, 2024\n\nThe ministers met.",
	      "body[Ministers me...nisters met.]");
	/* a labelled date ends a body line that is not a caption */
	check("Ministers meet\nThe pact takes effect on its date 2025-01-10\n\nThe ministers met.",
	      "body[Ministers me...nisters met.]");
	/* a short capitalised line is an outlet only over a date line */
	check("Ministers meet\nBorneo Herald\n\nThe ministers met.",
	      "body[Ministers me...nisters met.]");
	/* "From" under a date line, not a credit */
	check("Navy chiefs meet\n03/08/2024 05:42 PM\nFrom Monday, the two navies will patrol.",
	      "body[Navy chiefs meet] date[03/08/2024 05:42 PM] body[From Monday,...will patrol.]");
	check("Navy chiefs meet\n03/08/2024 05:42 PM\nFrom Hanoi the delegation flew on.",
	      "body[Navy chiefs meet] date[03/08/2024 05:42 PM] body[From Hanoi t...ion flew on.]");
	/* a release label alone in the body stays body */
	check("The ministers met.\nImmediate Release\nThey left.", "body[The minister...e\nThey left.]");
	assert_mismatches();
}

/* ---- datelines -------------------------------------------------------- */

static void datelines(void **state)
{
	(void)state;
	check_meta("KUALA LUMPUR \xe2\x80\x94 Officers from ten navies met.",
		   "dateline[KUALA LUMPUR \xe2\x80\x94] body[Officers from ten navies met.]",
		   NULL, "KUALA LUMPUR", NULL, NULL);
	check_meta("HANOI (VNA) - The ministry hosted the talks.",
		   "dateline[HANOI] agency[(VNA) -] body[The ministry hosted the talks.]",
		   NULL, "HANOI", NULL, "VNA");
	check_meta("WASHINGTON, Sept. 24 (Reuters) - Officials said the visit went well.",
		   "dateline[WASHINGTON, Sept. 24] agency[(Reuters) -] body[Officials sa...t went well.]",
		   NULL, "WASHINGTON", NULL, "Reuters");
	check_meta("JOHOR BAHRU, Malaysia \xe2\x80\x94 The meeting opened.",
		   "dateline[JOHOR BAHRU, Malaysia \xe2\x80\x94] body[The meeting opened.]",
		   NULL, "JOHOR BAHRU, Malaysia", NULL, NULL);
	check_meta("HO CHI MINH CITY \xe2\x80\x93 A frigate docked.",
		   "dateline[HO CHI MINH CITY \xe2\x80\x93] body[A frigate docked.]",
		   NULL, "HO CHI MINH CITY", NULL, NULL);
	/* capitals with accents */
	check_meta("\xc4\x90\xc3\x80 N\xe1\xba\xb4NG \xe2\x80\x94 Divers cleared the bay.",
		   "dateline[\xc4\x90\xc3\x80 N\xe1\xba\xb4NG \xe2\x80\x94] body[Divers cleared the bay.]",
		   NULL, "\xc4\x90\xc3\x80 N\xe1\xba\xb4NG", NULL, NULL);
	/* ordinary capitalisation needs a date or an agency */
	check_meta("Kuala Lumpur, Sept 25 (Bernama) -- Pilots trained at night.",
		   "dateline[Kuala Lumpur, Sept 25] agency[(Bernama) --] body[Pilots trained at night.]",
		   NULL, "Kuala Lumpur", NULL, "Bernama");
	/* a full date in the dateline gives the document date */
	check_meta("MANILA, Philippines, Oct. 3, 2025 (PNA) \xe2\x80\x93 Engineers arrived.",
		   "dateline[MANILA, Philippines, Oct. 3, 2025] agency[(PNA) \xe2\x80\x93] body[Engineers arrived.]",
		   "2025-10-03", "MANILA, Philippines", NULL, "PNA");
	check_meta("HANOI, VIETNAM \xe2\x80\x94 Talks began.",
		   "dateline[HANOI, VIETNAM \xe2\x80\x94] body[Talks began.]",
		   NULL, "HANOI, VIETNAM", NULL, NULL);
	/* a dateline alone on its line */
	check_meta("BANGKOK \xe2\x80\x94\nThe navy said the drill ended.",
		   "dateline[BANGKOK \xe2\x80\x94] body[The navy said the drill ended.]",
		   NULL, "BANGKOK", NULL, NULL);
	/* old wire styles: an underscore, the dateline alone before a blank line */
	check_meta("CANBERRA, Australia (AP)_ Officials said the drill ended.",
		   "dateline[CANBERRA, Australia] agency[(AP)_] body[Officials sa...drill ended.]",
		   NULL, "CANBERRA, Australia", NULL, "AP");
	check_meta("\nWASHINGTON, March 12 (Xinhua) --\n\nPoland joined the talks.",
		   "dateline[WASHINGTON, March 12] agency[(Xinhua) --] body[Poland joined the talks.]",
		   NULL, "WASHINGTON", NULL, "Xinhua");
	/* a space before the comma, a double hyphen glued to the region */
	check_meta("ANN ARBOR , Mich. -- Officers met.",
		   "dateline[ANN ARBOR , Mich. --] body[Officers met.]",
		   NULL, "ANN ARBOR , Mich.", NULL, NULL);
	check_meta("CANNES, FRANCE-- Officers met.",
		   "dateline[CANNES, FRANCE--] body[Officers met.]",
		   NULL, "CANNES, FRANCE", NULL, NULL);
	/* two or three capitals alone before the dash are an agency */
	check_meta("AFP - Officers met.", "agency[AFP -] body[Officers met.]",
		   NULL, NULL, NULL, "AFP");
	check_meta("ROME - Officers met.", "dateline[ROME -] body[Officers met.]",
		   NULL, "ROME", NULL, NULL);
	/* a colon after a place in capitals */
	check_meta("PETALING JAYA: The navy said the drill ended.",
		   "dateline[PETALING JAYA:] body[The navy said the drill ended.]",
		   NULL, "PETALING JAYA", NULL, NULL);
	/* a dash without spaces */
	check_meta("SEOUL\xe2\x80\x94The two ministers met.",
		   "dateline[SEOUL\xe2\x80\x94] body[The two ministers met.]",
		   NULL, "SEOUL", NULL, NULL);
	assert_mismatches();
}

static void not_datelines(void **state)
{
	(void)state;
	/* an all-capitals headline */
	check_meta("VIETNAM - CHINA TALKS\nThe talks ended.", "body[VIETNAM - CH...talks ended.]",
		   NULL, NULL, NULL, NULL);
	/* ordinary capitalisation without date or agency */
	check("Vietnam - China relations deepened in 2025.", "body[Vietnam - Ch...ned in 2025.]");
	/* a title in capitals after the dash */
	check("ECONOMIC OUTLOOK - U.S. DEFICIT WITH NICs\nThe deficit grew.",
	      "body[ECONOMIC OUT...eficit grew.]");
	check("HANOI -\nThe deficit grew.", "body[HANOI -\nThe deficit grew.]");
	/* hyphens are not dashes */
	check("HANOI-based firms won the tender.", "body[HANOI-based ... the tender.]");
	check("HANOI -based firms won the tender.", "body[HANOI -based... the tender.]");
	/* layout words and title case before a colon */
	check("UPDATE: The navy said the drill ended.", "body[UPDATE: The ...drill ended.]");
	check("EDITOR'S NOTE: The navy said so.", "body[EDITOR'S NOT...avy said so.]");
	check("Hanoi: The navy said so.", "body[Hanoi: The navy said so.]");
	check("HANOI:\nThe navy said so.", "body[HANOI:\nThe navy said so.]");
	check("GAME NOTES: The navy said so.", "body[GAME NOTES: The navy said so.]");
	check("WHY THE NAVY WON: It trained.", "body[WHY THE NAVY WON: It trained.]");
	check("HANOI:The navy said so.", "body[HANOI:The navy said so.]");
	/* the body must start with a capital and hold lower case */
	check("HANOI \xe2\x80\x94 and then nothing.", "body[HANOI \xe2\x80\x94 and then nothing.]");
	/* only at the start of the body */
	check("The talks opened.\nHANOI \xe2\x80\x94 The talks closed.",
	      "body[The talks op...alks closed.]");
	check("Officers met. HANOI \xe2\x80\x94 Officers left.",
	      "body[Officers met...ficers left.]");
	/* a sentence starting with a name and an aside */
	check("Minister Tran Van Nam (left) \xe2\x80\x94 smiling \xe2\x80\x94 signed the pact.",
	      "body[Minister Tra...ed the pact.]");
	assert_mismatches();
}

static void headline_then_dateline(void **state)
{
	(void)state;
	check_meta("Navies of two nations train together\n\nDA NANG \xe2\x80\x94 Sailors from both navies trained.",
		   "body[Navies of tw...ain together] dateline[DA NANG \xe2\x80\x94] body[Sailors from...ies trained.]",
		   NULL, "DA NANG", NULL, NULL);
	/* a byline after the headline */
	check_meta("Navies train together\nBy \xc4\x90\xe1\xba\xb7ng Th\xe1\xbb\x8b Lan\n\nHANOI \xe2\x80\x94 Sailors trained.",
		   "body[Navies train together] byline[By \xc4\x90\xe1\xba\xb7ng Th\xe1\xbb\x8b Lan] dateline[HANOI \xe2\x80\x94] body[Sailors trained.]",
		   NULL, "HANOI", "By \xc4\x90\xe1\xba\xb7ng Th\xe1\xbb\x8b Lan", NULL);
	/* a paragraph that ends with a full stop is no headline */
	check("The navies trained.\nHANOI \xe2\x80\x94 Sailors trained.",
	      "body[The navies t...ors trained.]");
	assert_mismatches();
}

/* ---- bylines ---------------------------------------------------------- */

static void bylines(void **state)
{
	(void)state;
	check_meta("Officers met in Hanoi.\n\nBy Mai Thu Ha (from Johor, Malaysia)\nTranslated by Le Quang Vinh",
		   "body[Officers met in Hanoi.] byline[By Mai Thu Ha (from Johor, Malaysia)] byline[Translated by Le Quang Vinh]",
		   NULL, NULL, "By Mai Thu Ha (from Johor, Malaysia); Translated by Le Quang Vinh", NULL);
	check_meta("By \xc5\x81ukasz Nowicki and Sarah O'Neill\nOfficers met.",
		   "byline[By \xc5\x81ukasz Nowicki and Sarah O'Neill] body[Officers met.]",
		   NULL, NULL, "By \xc5\x81ukasz Nowicki and Sarah O'Neill", NULL);
	check_meta("Officers met.\n(Reporting by Ana Reyes in Manila and Tom Hale in Hanoi; Editing by Lee Min-jun)",
		   "body[Officers met.] byline[(Reporting by Ana Reyes in Manila and Tom Hale in Hanoi; Editing by Lee Min-jun)]",
		   NULL, NULL, "Reporting by Ana Reyes in Manila and Tom Hale in Hanoi; Editing by Lee Min-jun", NULL);
	check_meta("Officers met.\nStory: Pham Anh | Photo: Vu Long",
		   "body[Officers met.] byline[Story: Pham Anh | Photo: Vu Long]",
		   NULL, NULL, "Story: Pham Anh | Photo: Vu Long", NULL);
	check_meta("BY SITI NURHALIZA BINTI AHMAD\nOfficers met.",
		   "byline[BY SITI NURHALIZA BINTI AHMAD] body[Officers met.]",
		   NULL, NULL, "BY SITI NURHALIZA BINTI AHMAD", NULL);
	check("By Nguyen Van A., staff reporter\nOfficers met.",
	      "byline[By Nguyen Van A., staff reporter] body[Officers met.]");
	check("By Reuters\nOfficers met.", "byline[By Reuters] body[Officers met.]");
	/* the same credit twice is kept once in the meta */
	check_meta("By Mai Thu Ha\nOfficers met.\nBy Mai Thu Ha",
		   "byline[By Mai Thu Ha] body[Officers met.] byline[By Mai Thu Ha]",
		   NULL, NULL, "By Mai Thu Ha", NULL);
	/* a credit line ending with an agency tag: a byline, then the tag */
	check_meta("Officers met in Hanoi.\n\nTranslated by Le Quang Vinh \xe2\x80\x94 VNA/VNS",
		   "body[Officers met in Hanoi.] byline[Translated by Le Quang Vinh] "
		   "agency[\xe2\x80\x94 VNA/VNS]",
		   NULL, NULL, "Translated by Le Quang Vinh", "VNA/VNS");
	check_meta("Officers met.\nBy Mai Thu Ha - Reuters/AP",
		   "body[Officers met.] byline[By Mai Thu Ha] agency[- Reuters/AP]",
		   NULL, NULL, "By Mai Thu Ha", "Reuters/AP");
	/* not when the dash is a hyphen or the tail is not a tag */
	check("Officers met.\nTranslated by Le Quang-Vinh/VNS",
	      "body[Officers met...ang-Vinh/VNS]");
	/* a strong credit counts anywhere */
	check("Officers met.\nTranslated by Le Quang Vinh\nThey left.",
	      "body[Officers met.] byline[Translated by Le Quang Vinh] body[They left.]");
	/* a credit line with a stray bar */
	check("Officers met.\nPhoto: Vu Long |",
	      "body[Officers met.] byline[Photo: Vu Long |]");
	assert_mismatches();
}

static void not_bylines(void **state)
{
	(void)state;
	check_meta("By the end of 2025, the two navies will hold three drills.",
		   "body[By the end o...hree drills.]", NULL, NULL, NULL, NULL);
	check("By Monday, officials had left.", "body[By Monday, officials had left.]");
	check("By September 2026\nThe base will open.", "body[By September...e will open.]");
	check("By Tuesday\nThe base opened.", "body[By Tuesday\nThe base opened.]");
	check("By using drones, the team mapped the field.", "body[By using dro...d the field.]");
	check("By 2030 the fleet will double.", "body[By 2030 the fleet will double.]");
	check("By Friday the Ministry Said So.", "body[By Friday th...try Said So.]");
	/* a plain "By" line in the middle of the body stays body */
	check("Officers met.\nBy Mai Thu Ha\nThey left.", "body[Officers met...a\nThey left.]");
	/* a sentence after a credit word */
	check("Officers met.\nTranslated by hand, the letter was read aloud.",
	      "body[Officers met... read aloud.]");
	check("Officers met.\nText: the full statement was released later.",
	      "body[Officers met...eased later.]");
	/* a long sentence made of capitalised words ending with a full stop */
	check("By Order Of The Minister Himself.", "body[By Order Of ...ter Himself.]");
	assert_mismatches();
}

/* ---- agency tags ------------------------------------------------------ */

static void agency_tags(void **state)
{
	(void)state;
	check_meta("Officers met in Hanoi. \xe2\x80\x94 VNA/VNS",
		   "body[Officers met in Hanoi.] agency[\xe2\x80\x94 VNA/VNS]",
		   NULL, NULL, NULL, "VNA/VNS");
	check_meta("Officers met in Hanoi. (Reuters)",
		   "body[Officers met in Hanoi.] agency[(Reuters)]", NULL, NULL, NULL, "Reuters");
	check_meta("Officers met in Hanoi./AFP", "body[Officers met in Hanoi.] agency[/AFP]",
		   NULL, NULL, NULL, "AFP");
	check_meta("Officers met in Hanoi. VNA", "body[Officers met in Hanoi.] agency[VNA]",
		   NULL, NULL, NULL, "VNA");
	check_meta("Officers met in Hanoi.\" - Bernama",
		   "body[Officers met in Hanoi.\"] agency[- Bernama]", NULL, NULL, NULL, "Bernama");
	/* on a line of its own */
	check_meta("Officers met in Hanoi.\n\nVNA", "body[Officers met in Hanoi.] agency[VNA]",
		   NULL, NULL, NULL, "VNA");
	check_meta("Officers met.\n\xe2\x80\x94 Xinhua", "body[Officers met.] agency[\xe2\x80\x94 Xinhua]",
		   NULL, NULL, NULL, "Xinhua");
	check_meta("Officers met.\nReuters", "body[Officers met.] agency[Reuters]",
		   NULL, NULL, NULL, "Reuters");
	check_meta("Officers met.\nSource: Ministry of National Defence",
		   "body[Officers met.] agency[Source: Ministry of National Defence]",
		   NULL, NULL, NULL, "Ministry of National Defence");
	/* after the bylines too, and the dateline agency is not repeated */
	check_meta("HANOI (VNA) \xe2\x80\x94 Officers met.\nBy Mai Thu Ha\nVNA",
		   "dateline[HANOI] agency[(VNA) \xe2\x80\x94] body[Officers met.] byline[By Mai Thu Ha] agency[VNA]",
		   NULL, "HANOI", "By Mai Thu Ha", "VNA");
	check_meta("HANOI (VNA) \xe2\x80\x94 Officers met. \xe2\x80\x94 VNA/VNS",
		   "dateline[HANOI] agency[(VNA) \xe2\x80\x94] body[Officers met.] agency[\xe2\x80\x94 VNA/VNS]",
		   NULL, "HANOI", NULL, "VNA; VNA/VNS");
	/* the tag ends the last body line, not the bylines after it */
	check("Officers met. (AFP)\nBy Mai Thu Ha",
	      "body[Officers met.] agency[(AFP)] byline[By Mai Thu Ha]");
	assert_mismatches();
}

static void not_agency_tags(void **state)
{
	(void)state;
	check_meta("Officers met with the U.S. NAVY", "body[Officers met...he U.S. NAVY]",
		   NULL, NULL, NULL, NULL);
	check("They met in the Association (ASEAN)", "body[They met in ...tion (ASEAN)]");
	check("It was agreed \xe2\x80\x94 in principle.", "body[It was agree...n principle.]");
	check("Officers met in Hanoi. \xe2\x80\x94 The end of it", "body[Officers met...he end of it]");
	check("Timor-Leste joined.\nTalks with Timor-Leste", "body[Timor-Leste ... Timor-Leste]");
	check("The plan runs to 2030. - Vision 2030", "body[The plan run... Vision 2030]");
	/* only on the last body line */
	check("Officers met. \xe2\x80\x94 VNA\nThey left.", "body[Officers met...A\nThey left.]");
	/* a bare name alone must follow the end of the story */
	check("Sales rose 4 pct\n(Example Industries)", "body[Sales rose 4... Industries)]");
	check("Net loss 2 mln vs 1 mln\nInc", "body[Net loss 2 mln vs 1 mln\nInc]");
	check("BANK SAYS RATES WILL STAY\nTEMPORARY", "body[BANK SAYS RA...AY\nTEMPORARY]");
	check("Officers met.\n(Example Industries)", "body[Officers met.] agency[(Example Industries)]");
	check("Officers met. MORE\nMore", "body[Officers met. MORE] debris[More]");
	/* two capitalised words alone may be a name */
	check("Officers met.\nMai Thu", "body[Officers met.\nMai Thu]");
	assert_mismatches();
}

static void end_markers(void **state)
{
	(void)state;
	check_meta("Officers met.\n(END)", "body[Officers met.] debris[(END)]",
		   NULL, NULL, NULL, NULL);
	check("Officers met.\n-- End --", "body[Officers met.] debris[-- End --]");
	check("Officers met.\n\xe2\x80\x94 end \xe2\x80\x94", "body[Officers met.] debris[\xe2\x80\x94 end \xe2\x80\x94]");
	check("Officers met.\n-- BERNAMA", "body[Officers met.] agency[-- BERNAMA]");
	/* only in the tail */
	check("(END)\nOfficers met.", "body[(END)\nOfficers met.]");
	check("Officers met.\nThe End", "body[Officers met.\nThe End]");
	check("Officers met.\nEnditem", "body[Officers met.] debris[Enditem]");
	check("Officers met.\n\xc2\xa9 2026 Example News Agency. All rights reserved.",
	      "body[Officers met.] debris[\xc2\xa9 2026 Example News Agency. All rights reserved.]");
	check("Officers met.\nCopyright 2026 Example News", "body[Officers met.] debris[Copyright 2026 Example News]");
	/* a contact address after the story */
	check_meta("Officers met.\nkim.soyeon@example.org\n(END)",
		   "body[Officers met.] byline[kim.soyeon@example.org] debris[(END)]",
		   NULL, NULL, "kim.soyeon@example.org", NULL);
	check("Write to kim@example.org.\nOfficers met.", "body[Write to kim...fficers met.]");
	check("Officers met.\nWrite to kim@example.org", "body[Officers met...@example.org]");
	/* agencies differing only in case are one */
	check_meta("KUALA LUMPUR (Bernama) -- Officers met.\n-- BERNAMA",
		   "dateline[KUALA LUMPUR] agency[(Bernama) --] body[Officers met.] agency[-- BERNAMA]",
		   NULL, "KUALA LUMPUR", NULL, "Bernama");
	assert_mismatches();
}

static void odd_bytes(void **state)
{
	static const char nul[] = "By Mai\0Ha\nOfficers\0met.\n(\0)\n|\0|";
	static const char bad[] = "HANOI \xe2\x80 Officers \xff met.\n\xc3\nBy \xe2\x80\x94";
	struct spans p = SPANS_INIT;
	struct news_meta m = { NULL, NULL, NULL, NULL };

	(void)state;
	/* NUL bytes and invalid UTF-8 are ordinary characters: no crash,
	 * nothing lost */
	news_parse(nul, sizeof(nul) - 1, &p, &m);
	assert_true(p.n > 0);
	assert_int_equal(p.v[p.n - 1].e, sizeof(nul) - 1);
	news_meta_release(&m);
	spans_reset(&p);
	news_parse(bad, sizeof(bad) - 1, &p, &m);
	check_contract(bad, sizeof(bad) - 1, &p);
	news_meta_release(&m);
	spans_release(&p);
}

/* ---- captions and debris ---------------------------------------------- */

static void captions(void **state)
{
	(void)state;
	check_meta("Officers met.\n    |\n |\nDeputy Minister Tran Van Nam at the talks. |\nThey left.",
		   "body[Officers met.] debris[|] debris[|] caption[Deputy Minister Tran Van Nam at the talks. |] body[They left.]",
		   NULL, NULL, NULL, NULL);
	/* a short line followed by a line of bars */
	check("Officers met.\nDelegates pose for a photo\n|\nThey left.",
	      "body[Officers met.] caption[Delegates pose for a photo] debris[|] body[They left.]");
	check("Officers met.\nThe two delegations at the talks. (Photo: VNA)\nThey left.",
	      "body[Officers met.] caption[The two delegations at the talks. (Photo: VNA)] body[They left.]");
	check("Photo courtesy of the Royal Thai Navy\nOfficers met.",
	      "caption[Photo courtesy of the Royal Thai Navy] body[Officers met.]");
	check("Officers met.\nPhoto: Delegates pose at the end of the meeting\nThey left.",
	      "body[Officers met.] caption[Photo: Delegates pose at the end of the meeting] body[They left.]");
	/* the credit must end the line: a caption run into the story is body */
	check("Officers met.\nTwo men shake hands. Photo: Reuters. The talks went on for hours.",
	      "body[Officers met...n for hours.]");
	check("Officers met.\nThe pier (Photo: VNA) was busy all week long.",
	      "body[Officers met...l week long.]");
	check("Officers met.\nDivers of the U.S. Navy. Photo: U.S. Navy",
	      "body[Officers met.] caption[Divers of the U.S. Navy. Photo: U.S. Navy]");
	check("Officers met.\nDivers at work. (Photo: VNA).",
	      "body[Officers met.] caption[Divers at work. (Photo: VNA).]");
	check("Officers met.\nDivers at work in this photo courtesy of the navy",
	      "body[Officers met.] caption[Divers at work in this photo courtesy of the navy]");
	/* a bar before a short line does not make it a caption */
	check("Officers met.\n|\nThey left.", "body[Officers met.] debris[|] body[They left.]");
	/* a table row is no caption */
	check("Officers met.\n| Navy | Ships |\nThey left.", "body[Officers met...|\nThey left.]");
	assert_mismatches();
}

static void long_bar_line(void **state)
{
	struct buf t = BUF_INIT;
	struct spans p = SPANS_INIT;
	struct news_meta m = { NULL, NULL, NULL, NULL };

	(void)state;
	for (int i = 0; i < 40; i++)
		buf_adds(&t, "The two sides agreed on training. ");
	buf_adds(&t, "|\nNext.");
	news_parse(t.buf, t.len, &p, &m);
	check_contract(t.buf, t.len, &p);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.v[0].kind, NEWS_BODY);
	assert_int_equal(p.v[1].kind, NEWS_DEBRIS);
	assert_int_equal(p.v[1].e - p.v[1].b, 1);
	assert_int_equal(p.v[2].kind, NEWS_BODY);
	news_meta_release(&m);
	spans_release(&p);
	buf_release(&t);
}

static void debris(void **state)
{
	(void)state;
	/* site navigation */
	check("Officers met.\nRelated news: Navies train together\nThey left.\nTags: ASEAN, navy",
	      "body[Officers met.] debris[Related news: Navies train together] body[They left.] debris[Tags: ASEAN, navy]");
	check("Officers met.\nRead more about the drill in our archive.",
	      "body[Officers met...our archive.]");
	check("|\n  |  |\n\xe2\x80\xa2\nOfficers met.\n* * *\nThey left.\n\xc2\xa0|",
	      "debris[|] debris[|  |] debris[\xe2\x80\xa2] body[Officers met.] debris[* * *] body[They left.] debris[|]");
	check_meta("|||\n", "debris[|||]", NULL, NULL, NULL, NULL);
	assert_mismatches();
}

/* ---- a whole article -------------------------------------------------- */

static void article(void **state)
{
	(void)state;
	check_meta(
		" date 2026-03-12 BANDAR SERI BEGAWAN \xe2\x80\x94 Rear Admiral Park Ji-ho met Col. Ahmad Fauzi on Tuesday.\n"
		"\n"
		"The two officers discussed mine clearance. They agreed to meet again.\n"
		"  |\n"
		"Rear Admiral Park (right) and Col. Ahmad Fauzi. |\n"
		"\n"
		"By the end of 2026, both navies will train divers together. \xe2\x80\x94 VNA/VNS\n"
		"By Hoang Minh Chau\r\n"
		"Translated by Pham Thu Trang\r\n",
		"date[date 2026-03-12] dateline[BANDAR SERI BEGAWAN \xe2\x80\x94] body[Rear Admiral... meet again.] "
		"debris[|] caption[Rear Admiral Park (right) and Col. Ahmad Fauzi. |] "
		"body[By the end o...rs together.] agency[\xe2\x80\x94 VNA/VNS] "
		"byline[By Hoang Minh Chau] byline[Translated by Pham Thu Trang]",
		"2026-03-12", "BANDAR SERI BEGAWAN", "By Hoang Minh Chau; Translated by Pham Thu Trang",
		"VNA/VNS");
	assert_mismatches();
}

/* ---- the bundled sample articles (share/wire/samples/src) ------------- */

struct sample {
	const char *file, *date, *dateline, *byline, *agency;
	int captions;
};

static const struct sample samples[] = {
	{ "adsom-wg-cebu.txt", "2026-02-11", "CEBU, Philippines",
	  "By Tr\xe1\xba\xa7n Minh Kh\xc3\xb4i (from Cebu, the Philippines); Translated by L\xc3\xaa Thu H\xc3\xa0",
	  "VNA/VNS", 1 },
	{ "cyber-workshop-singapore.txt", "2025-09-03", "SINGAPORE",
	  "Reporting by Nur Aisyah Rahman; Editing by James Koh", "Bernama", 0 },
	{ "defence-industry-seoul.txt", NULL, "SEOUL", NULL, "Yonhap", 0 },
	{ "dioxin-phase-two.txt", NULL, "HANOI",
	  "Reporting by Hannah Lowell in Hanoi and Marcus Reed in Washington; Editing by Priya Raman",
	  "Reuters", 1 },
	{ "hadr-exercise-chon-buri.txt", "2026-05-22", "CHON BURI, Thailand",
	  "By Kanokwan Srisuk", NULL, 1 },
	{ "indonesia-vietnam-dialogue.txt", "2026-03-05", "JAKARTA",
	  "Text: Rina Kartika; Translated by Nguy\xe1\xbb\x85n Thu Trang", NULL, 0 },
	{ "level2-hospital-rotation.txt", "2025-08-14", "BENTIU, South Sudan",
	  "Story: V\xc5\xa9 Ho\xc3\xa0ng Long | Photo: Nguy\xe1\xbb\x85n Thanh T\xc3\xb9ng", NULL, 1 },
	{ "malaysia-vietnam-navy.txt", NULL, "KUALA LUMPUR", NULL, "Bernama", 1 },
	{ "sulu-sea-patrol.txt", "2026-03-04", "MANILA", "By Miguel A. Santos", "PNA", 2 },
	{ "us-vietnam-legacy-talks.txt", NULL, "WASHINGTON", NULL, "VNA", 0 },
	{ "uxo-quang-tri.txt", NULL, "QU\xe1\xba\xa2NG TR\xe1\xbb\x8a", "By \xc4\x90\xe1\xba\xb7ng Th\xe1\xbb\x8b Lan",
	  "VNA", 1 },
};

/* The unit tests run from the top of the source tree (tests/run-all). */
static int read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char tmp[4096];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(out, tmp, n);
	fclose(f);
	return 0;
}

static void sample_articles(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		const struct sample *x = &samples[i];
		struct buf path = BUF_INIT, t = BUF_INIT;
		struct spans p = SPANS_INIT;
		struct news_meta m = { NULL, NULL, NULL, NULL };
		int captions = 0;

		buf_addf(&path, "share/wire/samples/src/%s", x->file);
		if (read_file(path.buf, &t))
			fail_msg("cannot open '%s' (run from the top of the tree)", path.buf);
		news_parse(t.buf, t.len, &p, &m);
		check_contract(t.buf, t.len, &p);
		expect_str("date", m.date, x->date, x->file);
		expect_str("dateline", m.dateline, x->dateline, x->file);
		expect_str("byline", m.byline, x->byline, x->file);
		expect_str("agency", m.agency, x->agency, x->file);
		for (size_t k = 0; k < p.n; k++) {
			const struct span *v = &p.v[k];
			captions += v->kind == NEWS_CAPTION;
			/* no body part holds a bar or starts with a credit */
			if (v->kind == NEWS_BODY &&
			    (memchr(t.buf + v->b, '|', v->e - v->b) ||
			     !strncmp(t.buf + v->b, "Translated by", 13)))
				fail_msg("%s: body part [%zu,%zu) holds layout", x->file,
					 v->b, v->e);
		}
		if (captions != x->captions) {
			print_message("# %s: %d captions, want %d\n", x->file, captions,
				      x->captions);
			mismatches++;
		}
		news_meta_release(&m);
		spans_release(&p);
		buf_release(&t);
		buf_release(&path);
	}
	assert_mismatches();
}

/* ---- API -------------------------------------------------------------- */

static void appends_to_parts(void **state)
{
	struct spans p = SPANS_INIT;
	struct news_meta m = { NULL, NULL, NULL, NULL };
	const char *t = "A.\n\nB.";

	(void)state;
	spans_push(&p, 0, 1, NEWS_BODY);
	news_parse(t, strlen(t), &p, &m);
	/* the caller's part is kept, not merged with the new body */
	assert_int_equal(p.n, 2);
	assert_int_equal(p.v[0].e, 1);
	assert_int_equal(p.v[1].b, 0);
	assert_int_equal(p.v[1].e, strlen(t));
	news_meta_release(&m);
	assert_null(m.date);
	news_meta_release(&m);  /* twice is harmless */
	spans_release(&p);
}

static void kind_names(void **state)
{
	(void)state;
	assert_string_equal(news_kind_name(NEWS_BODY), "body");
	assert_string_equal(news_kind_name(NEWS_DATE), "date");
	assert_string_equal(news_kind_name(NEWS_DATELINE), "dateline");
	assert_string_equal(news_kind_name(NEWS_BYLINE), "byline");
	assert_string_equal(news_kind_name(NEWS_AGENCY), "agency");
	assert_string_equal(news_kind_name(NEWS_CAPTION), "caption");
	assert_string_equal(news_kind_name(NEWS_DEBRIS), "debris");
	assert_string_equal(news_kind_name(99), "unknown");
	assert_string_equal(news_kind_name(-1), "unknown");
}

/* ---- pathological input (linear time; checked for the contract) ------- */

static void parse_big(const struct buf *t)
{
	struct spans p = SPANS_INIT;
	struct news_meta m = { NULL, NULL, NULL, NULL };

	news_parse(t->buf, t->len, &p, &m);
	check_contract(t->buf, t->len, &p);
	news_meta_release(&m);
	spans_release(&p);
}

static void pathological(void **state)
{
	struct buf t = BUF_INIT;

	(void)state;
	for (int i = 0; i < 1 << 20; i++)
		buf_addc(&t, 'a');
	parse_big(&t);
	buf_reset(&t);
	for (int i = 0; i < 1 << 19; i++)
		buf_adds(&t, "|\n");
	parse_big(&t);
	buf_reset(&t);
	for (int i = 0; i < 100000; i++)
		buf_adds(&t, "By Mai Thu Ha\n");
	parse_big(&t);
	buf_reset(&t);
	for (int i = 0; i < 200000; i++)
		buf_adds(&t, "a. ");
	parse_big(&t);
	buf_reset(&t);
	for (int i = 0; i < 100000; i++)
		buf_adds(&t, "KUALA ");
	buf_adds(&t, "\xe2\x80\x94 The end.");
	parse_big(&t);
	buf_reset(&t);
	for (int i = 0; i < 100000; i++)
		buf_adds(&t, "Short line\n|\n");
	parse_big(&t);
	buf_reset(&t);
	for (int i = 0; i < 300000; i++)
		buf_adds(&t, "(((");
	parse_big(&t);
	buf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_and_plain),
		cmocka_unit_test(date_lines),
		cmocka_unit_test(date_prefix),
		cmocka_unit_test(outlet_date_lines),
		cmocka_unit_test(not_outlet_date_lines),
		cmocka_unit_test(datelines),
		cmocka_unit_test(not_datelines),
		cmocka_unit_test(headline_then_dateline),
		cmocka_unit_test(bylines),
		cmocka_unit_test(not_bylines),
		cmocka_unit_test(agency_tags),
		cmocka_unit_test(not_agency_tags),
		cmocka_unit_test(end_markers),
		cmocka_unit_test(odd_bytes),
		cmocka_unit_test(captions),
		cmocka_unit_test(long_bar_line),
		cmocka_unit_test(debris),
		cmocka_unit_test(article),
		cmocka_unit_test(sample_articles),
		cmocka_unit_test(appends_to_parts),
		cmocka_unit_test(kind_names),
		cmocka_unit_test(pathological),
	};

	return cmocka_run_group_tests_name("news", tests, NULL, NULL);
}
