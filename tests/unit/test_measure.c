/*
 * The benchmark partitions' statistics (runtime/measure.c), on the host: the nearest-rank median
 * and p99 of bh_samples_report's BENCH line and of bh_samples_median, against hand-computed
 * values. The line is caught by wrapping printf (-Wl,--wrap=printf, mk/unit.mk).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead.h>

static char line[512];

int __wrap_printf(const char *fmt, ...);
int __wrap_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	return n;
}

/* The BENCH line for `n` values; they are sorted in place. */
static const char *report(uint32_t *values, uint32_t n)
{
	struct bh_samples s = { values, n, UINT32_MAX, 0, 0 };

	for (uint32_t i = 0; i < n; i++)
		bh_samples_add(&s, values[i]);
	line[0] = '\0';
	bh_samples_report("m", &s, 3, NULL);
	return line;
}

static void test_report_small_sets(void **state)
{
	uint32_t one[] = { 7 }, two[] = { 9, 4 }, three[] = { 3, 1, 2 }, four[] = { 40, 10, 30, 20 };

	(void)state;
	assert_string_equal(report(one, 1), "BENCH metric=m samples=1 min=7 median=7 p99=7 max=7 "
					    "overhead=3 dropped=0\n");
	/* ceil(2 * 0.5) = 1st, ceil(2 * 0.99) = 2nd */
	assert_string_equal(report(two, 2), "BENCH metric=m samples=2 min=4 median=4 p99=9 max=9 "
					    "overhead=3 dropped=0\n");
	assert_string_equal(report(three, 3), "BENCH metric=m samples=3 min=1 median=2 p99=3 max=3 "
					      "overhead=3 dropped=0\n");
	/* the 2nd of 4, not an average of the middle two */
	assert_string_equal(report(four, 4), "BENCH metric=m samples=4 min=10 median=20 p99=40 "
					     "max=40 overhead=3 dropped=0\n");
}

static void test_report_ranks_of_large_sets(void **state)
{
	static uint32_t values[201];

	(void)state;
	/* 100 values 100..1, 101 values, 200 values: ranks 50 and 99, 51 and 100, 100 and 198 */
	for (uint32_t i = 0; i < 100; i++)
		values[i] = 100 - i;
	assert_string_equal(report(values, 100), "BENCH metric=m samples=100 min=1 median=50 p99=99 "
						 "max=100 overhead=3 dropped=0\n");
	for (uint32_t i = 0; i < 101; i++)
		values[i] = i + 1;
	assert_string_equal(report(values, 101), "BENCH metric=m samples=101 min=1 median=51 "
						 "p99=100 max=101 overhead=3 dropped=0\n");
	for (uint32_t i = 0; i < 200; i++)
		values[i] = (i * 37) % 200 + 1;   /* 1..200 shuffled */
	assert_string_equal(report(values, 200), "BENCH metric=m samples=200 min=1 median=100 "
						 "p99=198 max=200 overhead=3 dropped=0\n");
	/* one outlier in 100 stays above p99; two reach it */
	for (uint32_t i = 0; i < 100; i++)
		values[i] = i < 98 ? 5 : 1000;
	assert_string_equal(report(values, 100), "BENCH metric=m samples=100 min=5 median=5 p99=1000 "
						 "max=1000 overhead=3 dropped=0\n");
	values[98] = 5;
	assert_string_equal(report(values, 100), "BENCH metric=m samples=100 min=5 median=5 p99=5 "
						 "max=1000 overhead=3 dropped=0\n");
}

static void test_median_and_drops(void **state)
{
	uint32_t kept[8];
	struct bh_samples s = BH_SAMPLES(kept, 100);

	(void)state;
	bh_samples_add(&s, 50);
	bh_samples_add(&s, 101);                 /* above drop_above: counted, not kept */
	bh_samples_add(&s, 10);
	bh_samples_add(&s, 30);
	bh_samples_add(&s, 20);
	assert_int_equal(s.count, 4);
	assert_int_equal(s.dropped, 1);
	assert_int_equal(bh_samples_median(&s), 20);
	bh_samples_add(&s, 40);
	assert_int_equal(bh_samples_median(&s), 30);   /* ceil(5 * 0.5) = 3rd of 10 20 30 40 50 */
	bh_samples_add(&s, 100);                 /* at drop_above: kept */
	assert_int_equal(s.count, 6);
	assert_int_equal(s.dropped, 1);
	assert_int_equal(bh_samples_median(&s), 30);   /* ceil(6 * 0.5) = 3rd */
	assert_int_equal(kept[5], 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_small_sets),
		cmocka_unit_test(test_report_ranks_of_large_sets),
		cmocka_unit_test(test_median_and_drops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
