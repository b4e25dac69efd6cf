#ifndef WIRE_UTF8_H
#define WIRE_UTF8_H
/*
 * utf8 — UTF-8 validation, code-point counting and key folding.
 *
 * wire's offsets are Unicode code points (the unit of jq's string slices),
 * so every module that reports a span counts with these helpers.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/core/buf.h"

/* Number of code points in valid UTF-8 `s` (counts non-continuation bytes). */
size_t utf8_count(const char *s, size_t n);

/* Decodes one code point at `p` (p < end). Returns its length in bytes
 * (1..4) and stores it in *cp; on an invalid or truncated sequence returns
 * 0 and stores U+FFFD. */
int utf8_decode(const char *p, const char *end, int32_t *cp);

/* Appends the UTF-8 form of `cp` (invalid code points become U+FFFD). */
void utf8_encode(struct buf *out, int32_t cp);

/* Returns the byte offset of the first invalid sequence, or `n` when all
 * of `s` is valid UTF-8 (overlongs, surrogates and >U+10FFFF are invalid). */
size_t utf8_check(const char *s, size_t n);

/* Appends `s` to `out`, each maximal subpart of an invalid sequence
 * replaced by one U+FFFD (Unicode 3.9; as Python and the WHATWG decoder
 * do: "\xC0\xAF" gives two, a cut "\xE2\x82" one); returns how many
 * replacements were made. */
size_t utf8_sanitize(struct buf *out, const char *s, size_t n);

/* Length of the maximal subpart (at least 1) at s[0..n), n > 0, where
 * utf8_check found an invalid sequence: what one U+FFFD replaces. */
size_t utf8_bad_len(const char *s, size_t n);

/*
 * Makes `b` valid UTF-8 in place: returns 0 when it already is (the usual
 * case: one fast scan, nothing copied), else the number of U+FFFD put in
 * (as utf8_sanitize), with *first set to the offset of the first invalid
 * byte in the original text. `tmp` is scratch: its content is lost and
 * its memory may be swapped with b's.
 */
size_t utf8_fix(struct buf *b, struct buf *tmp, size_t *first);

/*
 * Appends the folded key of `s` to `out`: compatibility-decomposed, case
 * folded, marks stripped, letters without decomposition mapped to their
 * base (Đ→d, ł→l, ø→o, æ→ae, ß→ss, þ→th), typographic apostrophes and
 * dashes made ASCII, runs of white space collapsed to one space and
 * trimmed. "Hoàng Xuân Chiến" → "hoang xuan chien".
 * Invalid UTF-8 bytes are dropped.
 */
void utf8_fold(struct buf *out, const char *s, size_t n);

/* Unicode properties used by the tokenisers (utf8proc tables). */
int utf8_is_upper(int32_t cp);
int utf8_is_lower(int32_t cp);
int utf8_is_alpha(int32_t cp);   /* letters of any script */
int utf8_is_digit(int32_t cp);   /* decimal digits of any script */
int utf8_is_space(int32_t cp);   /* Unicode white space incl. NBSP */
int utf8_is_punct(int32_t cp);   /* punctuation categories P* */

/* A character that opens a list item when it stands alone before the
 * item's text: - * + • ‣ ⁃ ◦ ▪ ■ ● – — (the one set the sentence splitter
 * and the entity stage's layout step share). */
int utf8_is_bullet(int32_t cp);

#endif
