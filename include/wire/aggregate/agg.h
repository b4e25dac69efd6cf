#ifndef WIRE_AGG_H
#define WIRE_AGG_H
/*
 * agg — the engine of wire-aggregate: group records by the values of jq
 * expressions and reduce each group (count, sum, mean, min, max, distinct),
 * with pair keys, time buckets, top-N, partial states that merge exactly,
 * approximate sketches (HyperLogLog, Space-Saving) and spilling of sorted
 * runs to disk under a memory bound. README.md ("wire-aggregate") tells
 * the user's side and the partial state format.
 *
 *	struct agg *a = agg_new();
 *	agg_add_key(a, AGG_BY, ".country", &msg);     // one call per option
 *	agg_add_reducer(a, AGG_SUM, "words=.n", &msg);
 *	agg_start(a, &opts, &msg);
 *	while (reader_next(&r)) agg_record(a, &r);   // or agg_merge_line
 *	status = agg_finish(a, &out);
 *	agg_free(a);
 *
 * A group's key is the list of its key values in canonical form: strings
 * decoded, any other value as `jq -c` prints it (numbers as jq 1.6 prints
 * them, so 1.0 and 1 are one group).
 */
#include <stddef.h>
#include <stdio.h>

#include "wire/core/buf.h"
#include "wire/core/output.h"
#include "wire/core/reader.h"

enum agg_key_kind { AGG_BY, AGG_TIME, AGG_PAIRS };
enum agg_red_kind { AGG_COUNT, AGG_SUM, AGG_MEAN, AGG_MIN, AGG_MAX, AGG_DISTINCT };
enum agg_every { AGG_DAY, AGG_WEEK, AGG_MONTH, AGG_YEAR };
enum agg_format { AGG_JSONL, AGG_CSV, AGG_TSV };

struct agg_opts {
	int approx;                /* HyperLogLog distinct; Space-Saving with top */
	unsigned long long top;    /* keep the N largest groups; 0: all */
	int sort_key;              /* order by key instead of count descending */
	enum agg_format format;
	int partial;               /* write the state instead of results */
	int merge;                 /* inputs are partial states */
	size_t max_memory;         /* spill above this many bytes; 0: never */
	const char *tmpdir;        /* where spilled runs go (NULL: $TMPDIR, /tmp) */
	size_t capacity;           /* Space-Saving groups kept; 0: default */
	int stats;                 /* counters to stderr at the end */
};

struct agg;

struct agg *agg_new(void);
void agg_free(struct agg *a);

/*
 * Adds a key (--by, --time, --pairs) or a reducer from its option argument
 * "[NAME=]EXPR" (AGG_COUNT takes NULL). Keys and reducers keep the order
 * they are added in. Returns 0, or -1 with an allocated message in *msg.
 */
int agg_add_key(struct agg *a, enum agg_key_kind k, const char *arg, char **msg);
int agg_add_reducer(struct agg *a, enum agg_red_kind k, const char *arg, char **msg);
/* Sets the bucket of --time keys from "day", "week", "month" or "year";
 * returns -1 for anything else. */
int agg_set_every(struct agg *a, const char *unit);
/* Checks the whole specification and takes the options (copied). */
int agg_start(struct agg *a, const struct agg_opts *o, char **msg);

/* Adds the record r->rec to its groups; jq errors are reported through
 * `r` (reader_error) and counted. */
void agg_record(struct agg *a, struct reader *r);
/* Merges one line of a partial state (--merge). */
void agg_merge_line(struct agg *a, struct reader *r);
/* Writes the result (or the partial state) to `out`. Returns the exit
 * status of the aggregation (WIRE_EXIT_OK or WIRE_EXIT_DATA). */
int agg_finish(struct agg *a, struct output *out);
/* Prints the --stats counters to `fp`. */
void agg_print_stats(struct agg *a, const struct reader *r, FILE *fp);

/* Parses a size such as "512M", "2G", "100k" or "1000000"; -1 on error. */
int agg_parse_size(const char *s, size_t *out);
/* Appends `d` as jq 1.6 prints numbers (shortest round-trip digits,
 * "1e+17", "1.5e-07", "-0"; NaN as null, infinities as ±DBL_MAX). */
void agg_format_number(struct buf *out, double d);
/* Appends the time bucket of ISO date text s[0..n) ("2025-09-25...",
 * "2025-09", "2025") or of `epoch` seconds when s is NULL. Returns 0, or
 * -1 when there is no valid date of the precision the unit needs. */
int agg_bucket(struct buf *out, enum agg_every unit, const char *s, size_t n, double epoch);

#endif
