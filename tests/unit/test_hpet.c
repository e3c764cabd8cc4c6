/*
 * The HPET comparator's upper half (include/platform/pc/hpet.h): a deadline's lower half extended
 * to the whole clock, and the fast test that keeps the last upper half, across both halves of the
 * 32-bit range and the wrap of the lower half, forwards and backwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <hpet.h>

#define HALF (1ull << 31)

/* The deadline `delta` ticks from the last one (less than 2^31 either way), as the kernel sees it. */
static void check(uint64_t last, int64_t delta)
{
	uint64_t deadline = last + (uint64_t)delta;
	uint32_t high = (uint32_t)(last >> 32), low = (uint32_t)last;

	assert_int_equal(hpet_upper_half(high, low, (uint32_t)deadline), (uint32_t)(deadline >> 32));
	if (hpet_same_upper_half(low, (uint32_t)deadline))
		assert_int_equal((uint32_t)(deadline >> 32), high);
}

static void test_upper_half_at_the_edges(void **state)
{
	static const uint64_t lasts[] = {
		0x500000000ull, 0x5fffffff0ull, 0x600000010ull, 0x57fffff00ull, 0x580000100ull,
		0x5ffffffffull, 0x600000000ull, 0x57fffffffull, 0x580000000ull,
	};
	static const int64_t deltas[] = {
		0, 1, -1, 16, -16, 0x100, -0x100, 0x7fffffff, -0x7fffffff, 0x40000000, -0x40000000,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(lasts) / sizeof(lasts[0]); i++)
		for (size_t j = 0; j < sizeof(deltas) / sizeof(deltas[0]); j++)
			check(lasts[i], deltas[j]);
}

static void test_upper_half_walks(void **state)
{
	/* deadlines walking forwards then back over several wraps of the lower half, in steps of
	 * up to 2^31 - 1 (a simple xorshift picks them) */
	uint64_t last = 0x7ffff000ull, x = 0x9e3779b97f4a7c15ull;
	uint32_t kept = 0, crossed = 0;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		int64_t delta;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		delta = (int64_t)(x % (HALF - 1)) * (i < 100000 ? 1 : -1);
		if (i % 3 == 0)
			delta /= 100000;    /* small steps too, as most deadlines are */
		check(last, delta);
		if (hpet_same_upper_half((uint32_t)last, (uint32_t)(last + (uint64_t)delta)))
			kept++;
		else
			crossed++;
		last += (uint64_t)delta;
	}
	/* both paths taken many times */
	assert_true(kept > 1000 && crossed > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upper_half_at_the_edges),
		cmocka_unit_test(test_upper_half_walks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
