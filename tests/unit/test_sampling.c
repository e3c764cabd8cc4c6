/*
 * The sampling-port validity rule (include/core/sampling.h): a sample is valid up to and at its
 * refresh period, invalid one nanosecond after. A scenario cannot land a read on the boundary.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <core/sampling.h>

static void test_valid_up_to_and_at_the_refresh_period(void **state)
{
	(void)state;
	assert_int_equal(sampling_valid(0, 15000000), 1);
	assert_int_equal(sampling_valid(14999999, 15000000), 1);
	assert_int_equal(sampling_valid(15000000, 15000000), 1);
}

static void test_invalid_past_the_refresh_period(void **state)
{
	(void)state;
	assert_int_equal(sampling_valid(15000001, 15000000), 0);
	assert_int_equal(sampling_valid(UINT64_MAX, 15000000), 0);
	/* a period of 0: only a sample read in the very nanosecond it was written */
	assert_int_equal(sampling_valid(0, 0), 1);
	assert_int_equal(sampling_valid(1, 0), 0);
}

static void test_wide_ages_compare_whole(void **state)
{
	(void)state;
	/* 64-bit ages: no truncation to 32 bits may turn an old sample valid */
	assert_int_equal(sampling_valid(0x100000000ull + 5, 10), 0);
	assert_int_equal(sampling_valid(0x100000000ull, 0x100000000ull), 1);
	assert_int_equal(sampling_valid(0x100000001ull, 0x100000000ull), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_up_to_and_at_the_refresh_period),
		cmocka_unit_test(test_invalid_past_the_refresh_period),
		cmocka_unit_test(test_wide_ages_compare_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
