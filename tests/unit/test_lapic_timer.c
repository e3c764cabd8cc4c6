/*
 * The local APIC timer's arithmetic (include/platform/pc/lapic_timer.h): the rate a calibration
 * gives, and the count for a deadline, whole and fractional rates, the lead and the clamps; and
 * the timer= option the platform reads (include/platform/pc/timer_source.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <lapic_timer.h>
#include <timer_source.h>

static void test_rate_whole_and_fraction(void **state)
{
	struct lapic_rate qemu = lapic_timer_rate_of(1000000000u, 100000000u);
	/* a 24 MHz bus clock against a 14.318180 MHz HPET: 1.676190... */
	struct lapic_rate odd = lapic_timer_rate_of(24000000u, 14318180u);
	/* slower than the HPET: below one tick per HPET tick */
	struct lapic_rate slow = lapic_timer_rate_of(19200000u, 24000000u);

	(void)state;
	assert_int_equal(qemu.whole, 10);
	assert_int_equal(qemu.fraction, 0);
	assert_int_equal(odd.whole, 1);
	/* rounded up, never down: 0.6761928... x 2^32 */
	assert_true((uint64_t)odd.fraction * 14318180u >= (uint64_t)(24000000u - 14318180u) << 32);
	assert_true((uint64_t)(odd.fraction - 1) * 14318180u < (uint64_t)(24000000u - 14318180u) << 32);
	assert_int_equal(slow.whole, 0);
	assert_int_equal(slow.fraction, 3435973837u);   /* 0.8 x 2^32, rounded up */
}

static void test_count(void **state)
{
	struct lapic_rate qemu = { 10, 0 }, half = { 0, 1u << 31 }, odd = lapic_timer_rate_of(24000000u,
											  14318180u);

	(void)state;
	/* 1 ms of the HPET's 10 ns ticks, less a lead of 26 ticks */
	assert_int_equal(lapic_timer_count(100000, qemu, 26), 1000000 - 26);
	assert_int_equal(lapic_timer_count(1, qemu, 0), 10);
	/* within the lead: at once, but never 0 (which stops the timer) */
	assert_int_equal(lapic_timer_count(2, qemu, 26), 1);
	assert_int_equal(lapic_timer_count(1, half, 0), 1);
	assert_int_equal(lapic_timer_count(1000, half, 0), 500);
	/* 1,000,000 HPET ticks are 1,676,190.689... APIC ticks: the fraction's product is cut to
	 * whole ticks, not rounded up past them */
	assert_int_equal(lapic_timer_count(1000000, odd, 0), 1676190);
	/* beyond the register: the furthest count (2^31 HPET ticks, the most core sets, x 10) */
	assert_int_equal(lapic_timer_count(0x7fffffffu, qemu, 26), 0xffffffffu);
	assert_int_equal(lapic_timer_count(429496730u, qemu, 0), 0xffffffffu);
	assert_int_equal(lapic_timer_count(429496729u, qemu, 0), 4294967290u);
	/* the whole part fits, the fraction's then overflows */
	assert_int_equal(lapic_timer_count(0x7fffffffu, (struct lapic_rate){ 2, 1u << 31 }, 0),
			 0xffffffffu);
	assert_int_equal(lapic_timer_count(0x7fffffffu, (struct lapic_rate){ 1, 0xffffffffu }, 0),
			 0xfffffffdu);
}

static enum timer_option option(const char *line, const char *value)
{
	const char *v = NULL;
	uint32_t n = 0;
	enum timer_option o = timer_source_option(line, &v, &n);

	if (value) {
		assert_non_null(v);
		assert_int_equal(n, strlen(value));
		assert_memory_equal(v, value, n);
	}
	return o;
}

static void test_option(void **state)
{
	(void)state;
	assert_int_equal(option("", NULL), TIMER_OPTION_NONE);
	assert_int_equal(option("bulkhead.elf frames=3", NULL), TIMER_OPTION_NONE);
	assert_int_equal(option("bulkhead.elf timer=hpet", "hpet"), TIMER_OPTION_HPET);
	assert_int_equal(option("timer=lapic frames=3", "lapic"), TIMER_OPTION_LAPIC);
	assert_int_equal(option("frames=3\ttimer=lapic", "lapic"), TIMER_OPTION_LAPIC);
	/* the last one counts, as with every option */
	assert_int_equal(option("timer=lapic timer=hpet", "hpet"), TIMER_OPTION_HPET);
	assert_int_equal(option("timer=pit frames=1", "pit"), TIMER_OPTION_INVALID);
	assert_int_equal(option("timer=hpets", "hpets"), TIMER_OPTION_INVALID);
	assert_int_equal(option("timer=", ""), TIMER_OPTION_INVALID);
	/* another option that ends in "timer=" is not this one */
	assert_int_equal(option("xtimer=hpet", NULL), TIMER_OPTION_NONE);
	assert_int_equal(option("timer", NULL), TIMER_OPTION_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate_whole_and_fraction),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_option),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
