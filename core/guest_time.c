/* The time in a vcpu's shared page: see include/core/guest_time.h. */
#include <core/guest_time.h>
#include <core/platform.h>
#include <core/arch.h>
#include <core/guest.h>

static uint64_t origin_cycles, origin_clock;

void guest_time_start(void)
{
	origin_cycles = arch_cycles();
	origin_clock = platform_clock_now();
}

void guest_time_scale(uint64_t ns, uint64_t cycles, uint32_t *mul, int32_t *shift)
{
	int32_t s = 0;

	if (!cycles || !ns) {
		*mul = 0;
		*shift = 0;
		return;
	}
	/* the ratio ns / cycles brought into [1/2, 1), the powers of two moved into the shift */
	while (ns >= cycles) {
		if (cycles < 1ull << 63)
			cycles <<= 1;
		else
			ns >>= 1;
		s++;
	}
	while (ns < cycles - ns) {
		if (ns < 1ull << 63)
			ns <<= 1;
		else
			cycles >>= 1;
		s--;
	}
	/* 32 significant bits of each are plenty, and keep ns << 32 within 64 bits */
	while (cycles >= 1ull << 32) {
		ns >>= 1;
		cycles >>= 1;
	}
	/* the cut can make them equal (a ratio just under 1): 2^32 would not fit */
	*mul = ns < cycles ? (uint32_t)((ns << 32) / cycles) : UINT32_MAX;
	*shift = s;
}

void guest_time_write(struct bh_vcpu_info *info)
{
	uint64_t cycles = arch_cycles(), clock = platform_clock_now();
	uint32_t mul;
	int32_t shift;

	guest_time_scale(platform_clock_ticks_to_ns(clock - origin_clock), cycles - origin_cycles, &mul,
			 &shift);
	/* a reader that sees an odd version, or two different ones, reads again */
	info->time_version |= 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	info->time_tsc = cycles;
	info->time_ns = platform_clock_ticks_to_ns(clock);
	info->tsc_mul = mul;
	info->tsc_shift = shift;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	info->time_version++;
}

int32_t hc_get_time(struct vcpu *v, uint32_t out)
{
	struct bh_time t = { platform_clock_ticks_to_ns(platform_clock_now()) };

	return copy_to_guest(v->partition, out, &t, sizeof(t));
}
