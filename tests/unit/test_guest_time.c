/*
 * core/guest_time.c on the host: the cycles-to-ns scale a partition reads from its shared vcpu
 * page, applied as the runtime applies it, against exact ratios; and the page written from the
 * fake platform's clock and cycle counter (tests/unit/fake_platform.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <core/guest_time.h>
#include <core/guest.h>
#include "fake_platform.h"

/* hc_get_time's copy: not what these tests look at */
int32_t copy_to_guest(const struct partition *p, uint32_t dst, const void *src, uint32_t len)
{
	(void)p, (void)dst, (void)src, (void)len;
	fail_msg("copy_to_guest");
	return BH_EFAULT;
}

/*
 * `delta` cycles in ns as the runtime's bh_info_time_ns (runtime/include/bulkhead.h) turns them,
 * step for step: that function reads the real TSC, so its arithmetic is repeated here.
 */
static uint64_t runtime_scaled(uint64_t delta, uint32_t mul, int32_t shift)
{
	delta = shift >= 0 ? delta << shift : delta >> -shift;
	return (((delta & 0xffffffffu) * mul) >> 32) + (delta >> 32) * mul;
}

/* Whether delta << shift stays within 64 bits (a reader's delta is at most a window's cycles). */
static bool fits(uint64_t delta, int32_t shift)
{
	return shift <= 0 || delta <= UINT64_MAX >> shift;
}

/* The measure (ns over cycles) scales each delta to within 1 ppm + 1 ns of the exact ratio;
 * returns how many deltas it checked. */
static uint32_t check_measure(uint64_t ns, uint64_t cycles)
{
	static const uint64_t deltas[] = {
		0, 1, 2, 3, 7, 1000, 999999, 1000000007, 3300000000ull, 100000000000ull,
		3600ull * 3300000000ull, 1ull << 40, 1ull << 52,
	};
	uint32_t mul, checked = 0;
	int32_t shift;

	guest_time_scale(ns, cycles, &mul, &shift);
	for (size_t i = 0; i < sizeof(deltas) / sizeof(deltas[0]); i++) {
		uint64_t delta = deltas[i], got, exact, error;
		unsigned __int128 e = (unsigned __int128)delta * ns / cycles;

		/* past 2^62 ns (146 years) no reader looks */
		if (!fits(delta, shift) || e >> 62)
			continue;
		exact = (uint64_t)e;
		got = runtime_scaled(delta, mul, shift);
		error = got > exact ? got - exact : exact - got;
		if (error > exact / 1000000 + 1)
			fail_msg("measure %llu ns over %llu cycles (mul %u shift %d): %llu cycles read as "
				 "%llu ns, exactly %llu", (unsigned long long)ns,
				 (unsigned long long)cycles, mul, shift, (unsigned long long)delta,
				 (unsigned long long)got, (unsigned long long)exact);
		checked++;
	}
	return checked;
}

/* Under QEMU's -icount shift=0 a cycle is a nanosecond: the scale is exactly 1. */
static void test_one_ns_per_cycle_is_exact(void **state)
{
	static const uint64_t spans[] = { 1, 2, 3, 1000, 123456789, 1000000000, 1ull << 40,
					  (1ull << 63) + 1, UINT64_MAX };
	uint32_t mul;
	int32_t shift;

	(void)state;
	for (size_t i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
		assert_true(check_measure(spans[i], spans[i]) >= 10);
		/* a span of 2^63 (292 years of ns) loses a bit on the way: to 1 ppm + 1 ns only */
		if (spans[i] >> 63)
			continue;
		guest_time_scale(spans[i], spans[i], &mul, &shift);
		assert_int_equal(runtime_scaled(0, mul, shift), 0);
		assert_int_equal(runtime_scaled(1, mul, shift), 1);
		assert_int_equal(runtime_scaled(123456789, mul, shift), 123456789);
		assert_int_equal(runtime_scaled(1ull << 44, mul, shift), 1ull << 44);
	}
}

static void test_fractional_ratios(void **state)
{
	(void)state;
	/* 0.37 ns per cycle (a 2.7 GHz TSC) */
	assert_true(check_measure(3700000000ull, 10000000000ull) >= 10);
	assert_true(check_measure(37, 100) >= 10);
	/* a 3.3 GHz TSC, measured over ten seconds and over a day */
	assert_true(check_measure(10000000000ull, 33000000000ull) >= 10);
	assert_true(check_measure(86400000000000ull, 285120000000000ull) >= 10);
	/* the HPET's 10 ns steps against a cycle count that is not a multiple */
	assert_true(check_measure(10ull * 98765431, 10ull * 98765431 + 7) >= 10);
	/* slower than 1 GHz: a positive shift */
	assert_true(check_measure(3000000000ull, 1000000000ull) >= 10);
	assert_true(check_measure(1000000000ull, 1000000) >= 9);
	/* just under 1 ns per cycle (-icount's TSC against the HPET's 10 ns steps), over more than
	 * 2^32 cycles: cut to 32 bits, the two become equal */
	assert_true(check_measure(8589934590ull, 8589934591ull) >= 10);
	assert_true(check_measure(10ull * 4294967296, 10ull * 4294967296 + 3) >= 10);
	assert_true(check_measure(100000000000ull - 7, 100000000000ull) >= 10);
	/* just under and just over a power of two */
	assert_true(check_measure(999999999, 1000000000) >= 10);
	assert_true(check_measure(1000000001, 1000000000) >= 10);
	assert_true(check_measure(1999999999, 1000000000) >= 10);
}

/* A measure of a few cycles (the first window after boot), or of nearly 2^64. */
static void test_tiny_and_huge_spans(void **state)
{
	(void)state;
	assert_true(check_measure(1, 1) >= 10);
	assert_true(check_measure(1, 3) >= 10);
	assert_true(check_measure(3, 1) >= 10);
	assert_true(check_measure(1000, 3300) >= 10);
	assert_true(check_measure(7, 1000000007) >= 10);
	assert_true(check_measure(1000000007, 7) >= 5);
	assert_true(check_measure((1ull << 63) + 5, UINT64_MAX) >= 10);
	assert_true(check_measure(UINT64_MAX, (1ull << 63) + 3) >= 10);
	assert_true(check_measure(UINT64_MAX - 1, UINT64_MAX) >= 10);
	assert_true(check_measure(3, UINT64_MAX) >= 10);
	assert_true(check_measure(UINT64_MAX / 3, 5) >= 1);
}

/* No measure yet (no time, or no cycles, since boot): a scale of 0, and a shift of 0. */
static void test_no_measure_scales_to_zero(void **state)
{
	uint32_t mul = 1;
	int32_t shift = 1;

	(void)state;
	guest_time_scale(0, 1000, &mul, &shift);
	assert_int_equal(mul, 0);
	assert_int_equal(shift, 0);
	mul = 1;
	shift = 1;
	guest_time_scale(1000, 0, &mul, &shift);
	assert_int_equal(mul, 0);
	assert_int_equal(shift, 0);
	assert_int_equal(runtime_scaled(123456, mul, shift), 0);
}

/*
 * The page as a partition reads it: written at a window start, then read any number of cycles
 * later (the TSC at 2.7 GHz against the 100 MHz clock), the time is the clock's to 1 ppm + 1 ns;
 * the version is even after each write, and moved on.
 */
static void test_page_agrees_with_the_clock(void **state)
{
	const uint64_t boot_clock = 5000, boot_cycles = 1234567;
	struct bh_vcpu_info info;
	uint32_t version;

	(void)state;
	fake_reset(boot_clock);
	fake.cycles = boot_cycles;
	guest_time_start();
	memset(&info, 0, sizeof(info));
	version = info.time_version;
	for (uint64_t ms = 1; ms < 100000; ms = ms * 3 + 1) {
		uint64_t ticks = ms * 100000;           /* since boot, at 100 MHz */

		fake.clock = boot_clock + ticks;
		fake.cycles = boot_cycles + ticks * 27;
		guest_time_write(&info);
		assert_int_equal(info.time_version, version + 2);
		version = info.time_version;
		assert_int_equal(info.time_tsc, fake.cycles);
		assert_int_equal(info.time_ns, fake.clock * FAKE_NS_PER_TICK);
		/* read later in the window: 1 us, 1 ms and 1 s of cycles */
		for (uint64_t later = 2700; later <= 2700000000ull; later *= 1000) {
			uint64_t read = runtime_scaled(later, info.tsc_mul, info.tsc_shift);
			uint64_t exact = later * 10 / 27;
			uint64_t error = read > exact ? read - exact : exact - read;

			if (error > exact / 1000000 + 1)
				fail_msg("at %llu ms, %llu cycles later: %llu ns read, %llu ns exactly",
					 (unsigned long long)ms, (unsigned long long)later,
					 (unsigned long long)(info.time_ns + read),
				 (unsigned long long)(info.time_ns + exact));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_ns_per_cycle_is_exact),
		cmocka_unit_test(test_fractional_ratios),
		cmocka_unit_test(test_tiny_and_huge_spans),
		cmocka_unit_test(test_no_measure_scales_to_zero),
		cmocka_unit_test(test_page_agrees_with_the_clock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
