/*
 * fuzz target table — CSV (libcsv) and TSV input with a header (table.h),
 * over the input layer. The first byte chooses CSV or TSV.
 *
 * Checks: every row returned is one valid JSON object (scanner and the
 * record check), its line number never goes back, a row reported as wrong
 * has a message and reading goes on; after the end, no row is returned.
 */
#include "fuzz.h"
#include "wire/core/input.h"
#include "wire/core/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in;
	struct table t;
	struct buf msg = BUF_INIT;
	struct json_val rec;
	unsigned long line = 0, last = 0;
	int r, rows = 0;

	if (size < 1 || size > (1u << 20))
		return 0;
	int tsv = data[0] & 1;
	FUZZ_CHECK(input_open(&in, fuzz_file(data + 1, size - 1)) == 0);
	table_init(&t, &in, tsv);
	while ((r = table_next(&t, &rec, &line, &msg)) != 0 && rows++ < 100000) {
		FUZZ_CHECK(line >= last);
		last = line;
		if (r < 0) {
			FUZZ_CHECK(msg.len > 0);
			buf_reset(&msg);
			continue;
		}
		FUZZ_CHECK(r == 1 && rec.type == JSON_OBJECT);
		const char *m;
		size_t pos;
		FUZZ_CHECK(json_check_object(rec.p, rec.n, &m, &pos));
	}
	FUZZ_CHECK(table_next(&t, &rec, &line, &msg) == 0);
	table_release(&t);
	input_close(&in);
	buf_release(&msg);
	return 0;
}
