/* Unit tests: htab, the general hash table (ids, growth, rekey with backward-shift
 * deletion, compaction) and its hash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wire/core/htab.h"

static uint32_t intern(struct htab *t, const char *s, int *added)
{
	return htab_intern(t, s, strlen(s), hash_bytes(s, strlen(s)), added);
}

static long find(struct htab *t, const char *s)
{
	return htab_find(t, s, strlen(s), hash_bytes(s, strlen(s)));
}

static void ids_in_order(void **state)
{
	struct htab t;
	int added;
	(void)state;

	htab_init(&t);
	assert_int_equal(intern(&t, "VN", &added), 0);
	assert_true(added);
	assert_int_equal(intern(&t, "US", &added), 1);
	assert_int_equal(intern(&t, "VN", &added), 0);
	assert_false(added);
	assert_int_equal(intern(&t, "", &added), 2); /* the empty key is a key */
	assert_true(added);
	assert_int_equal(find(&t, ""), 2);
	assert_int_equal(find(&t, "JP"), -1);
	size_t n;
	const char *k = htab_key(&t, 1, &n);
	assert_int_equal(n, 2);
	assert_memory_equal(k, "US", 2);
	htab_release(&t);
}

/* Keys that differ only after a NUL or in length are different. */
static void binary_keys(void **state)
{
	struct htab t;
	int added;
	(void)state;

	htab_init(&t);
	uint32_t a = htab_intern(&t, "a\0b", 3, hash_bytes("a\0b", 3), &added);
	uint32_t b = htab_intern(&t, "a\0c", 3, hash_bytes("a\0c", 3), &added);
	uint32_t c = htab_intern(&t, "a", 1, hash_bytes("a", 1), &added);
	assert_int_not_equal(a, b);
	assert_int_not_equal(a, c);
	assert_int_equal(t.n, 3);
	htab_release(&t);
}

static void growth(void **state)
{
	struct htab t;
	char k[32];
	int added;
	(void)state;

	htab_init(&t);
	for (int i = 0; i < 200000; i++) {
		snprintf(k, sizeof(k), "key-%d", i);
		assert_int_equal(intern(&t, k, &added), (uint32_t)i);
	}
	for (int i = 0; i < 200000; i += 997) {
		snprintf(k, sizeof(k), "key-%d", i);
		assert_int_equal(find(&t, k), i);
	}
	assert_true(t.n * 2 <= t.mask + 1);
	/* about 16 bytes of entry, <= 32 of slots, plus keys */
	assert_true(htab_bytes(&t) < 200000 * (16 + 32 + 12) + (2u << 20));
	htab_release(&t);
}

/* Rekeying removes the old key from the index without breaking the
 * probe chains of the others. */
static void rekey(void **state)
{
	struct htab t;
	char k[32];
	int added;
	(void)state;

	htab_init(&t);
	for (int i = 0; i < 5000; i++) {
		snprintf(k, sizeof(k), "old-%d", i);
		intern(&t, k, &added);
	}
	for (int i = 0; i < 5000; i += 2) {
		snprintf(k, sizeof(k), "new-%d", i);
		htab_rekey(&t, (uint32_t)i, k, strlen(k), hash_bytes(k, strlen(k)));
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(k, sizeof(k), "old-%d", i);
		assert_int_equal(find(&t, k), i % 2 ? i : -1);
		snprintf(k, sizeof(k), "new-%d", i);
		assert_int_equal(find(&t, k), i % 2 ? -1 : i);
	}
	htab_compact(&t);
	snprintf(k, sizeof(k), "new-%d", 4998);
	assert_int_equal(find(&t, k), 4998);
	assert_int_equal(t.n, 5000);
	htab_release(&t);
}

/* Low bits of the hash (the slot index) spread keys that differ in one
 * character evenly: no bucket gets more than 3x its share. */
static void hash_spread(void **state)
{
	unsigned buckets[64] = { 0 };
	char k[16];
	(void)state;

	for (int i = 0; i < 64000; i++) {
		snprintf(k, sizeof(k), "k%05d", i);
		buckets[hash_bytes(k, strlen(k)) & 63]++;
	}
	for (int i = 0; i < 64; i++) {
		assert_true(buckets[i] > 1000 / 3);
		assert_true(buckets[i] < 1000 * 3);
	}
	assert_int_not_equal(hash_bytes("abcdefghijklmnopq", 17), hash_bytes("abcdefghijklmnopr", 17));
	assert_int_not_equal(hash_bytes("abcdefghi", 9), hash_bytes("abcdefghj", 9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids_in_order),
		cmocka_unit_test(binary_keys),
		cmocka_unit_test(growth),
		cmocka_unit_test(rekey),
		cmocka_unit_test(hash_spread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
