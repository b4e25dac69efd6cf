#ifndef WIRE_LAYOUT_H
#define WIRE_LAYOUT_H
/*
 * layout — the tagger sentences of a record's text: where a line break is
 * a boundary and where it only wraps running text.
 *
 * A mention never runs across a line break unless the text is wrapped
 * prose. The lines of tables and lists (standings, results, one name a
 * line), headings, datelines and bylines are contexts of their own; the
 * lines of a hard-wrapped paragraph ("... said President Ronald\nReagan
 * ...") are one. The blocks of lines that belong together are then cut
 * into sentences by wire-split's rules (segment.h), so that a whole
 * document given as one record is tagged in the sentences the sentence
 * records of `wire-split` would have.
 *
 * A line break inside running text (layout_soft_break) is one where
 *  - the line before reads as prose: at least three words, one of them
 *    in lower case ("of", "said"; not a line of names), no columns (a tab or a gap of two spaces not after
 *    punctuation), fewer than a third of its words numbers; it does not end
 *    a sentence (. ! ? after its last word, not an abbreviation or
 *    initial such as "Mr." or "J.");
 *  - the line after is prose too, or ends a sentence, and is no table
 *    row and no list item (bullet, "1." or "2)");
 *  - and the text is hard-wrapped (layout_shape_of: of the line breaks
 *    that pass the two tests above, at least two and at least half are
 *    after a full line), or the line before is full: its length, a space
 *    and the next line's first word would not fit in the text's width
 *    (layout_width) less an eighth; or it is at least half the width and
 *    the text goes on in lower case or after a comma, semicolon, hyphen,
 *    "(" or "&". (In hard-wrapped news the first line of a paragraph is
 *    often short: "Sweden's ruling Social Democratic\nParty gave ...".)
 * Text whose prose lines are narrower than LAYOUT_MIN_WIDTH bytes
 * (fixtures such as "Boston at Toronto", lists) is not read as wrapped.
 * Every other line break between two lines, and every blank line, ends a
 * block. Every function is linear in the length of the text.
 */
#include <stddef.h>

#include "wire/core/span.h"
#include "wire/split/segment.h"

#define LAYOUT_MIN_WIDTH 40   /* bytes: the narrowest wrapped prose */
#define LAYOUT_WRAPPED_MIN 2  /* line breaks after full lines that make a
				 text hard-wrapped (and half of them) */

/* What one line is (layout_line). */
enum {
	LAYOUT_PROSE = 1,     /* reads as running text */
	LAYOUT_TABLE = 2,     /* columns, or a third of its words numbers */
	LAYOUT_FINAL = 4,     /* ends a sentence */
	LAYOUT_ITEM = 8,      /* starts with a bullet or an item number */
	LAYOUT_LETTER = 16,   /* has a letter */
	LAYOUT_LOWER = 32,    /* starts with a lower-case letter */
	LAYOUT_GOES_ON = 64,  /* ends with , ; - ( & */
};

struct layout_line {
	size_t b, e;          /* the line without its white space, bytes */
	size_t first_word;    /* bytes of its first word */
	unsigned flags;       /* LAYOUT_* */
};

/* Reads the line text[lb..le) (without its newline) into *l. */
void layout_line(const char *text, size_t lb, size_t le, struct layout_line *l);

/* The width a text's prose is wrapped at: the 90th percentile of the
 * lengths (bytes) of its prose lines, 0 when it has none. */
size_t layout_width(const char *text, size_t n);

/* How a text's prose is laid out. */
struct layout_shape {
	size_t width;   /* layout_width */
	int wrapped;    /* hard-wrapped (see above) */
};

/* Does the line break between lines `a` and `b` (next to each other, no
 * blank line between) of a text of shape `sh` only wrap running text? */
int layout_soft_break(const struct layout_line *a, const struct layout_line *b,
		      const struct layout_shape *sh);

/* Scratch reused across texts. */
struct layout {
	struct spans blocks;
	struct layout_line *line;   /* the lines of the text */
	size_t nline, line_alloc;
};

#define LAYOUT_INIT { SPANS_INIT, NULL, 0, 0 }

void layout_release(struct layout *l);

/* The shape of text[0..n) into *sh (its lines read into l). */
void layout_shape_of(struct layout *l, const char *t, size_t n, struct layout_shape *sh);

/*
 * Appends to `out` the sentences of text[0..n): byte spans relative to
 * `text`, trimmed of white space, in order, covering every non-space
 * byte; none runs across a line break other than a soft one, and each
 * block of lines is cut by segment_sentences under `rules` (borrowed;
 * NULL: blocks only).
 */
void layout_sentences(struct layout *l, const struct segment_rules *rules, const char *text,
		      size_t n, struct spans *out);

#endif
