/* The fake platform of tests/unit/fake_platform.h: the arch hooks core's engine calls. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <core/arch.h>
#include <core/tick32.h>
#include "fake_platform.h"

struct fake_platform fake;

void fake_reset(uint64_t clock)
{
	memset(&fake, 0, sizeof(fake));
	fake.clock = clock;
}

void fake_timer_fired(void)
{
	assert_true(fake.timer_armed);
	fake.clock = fake.timer_at + fake.interrupt_late;
	fake.timer_armed = false;
}

uint64_t platform_clock_now(void)
{
	fake.clock += fake.read_cost;
	return fake.clock;
}

uint32_t platform_clock_now32(void)
{
	fake.clock += fake.read_cost;
	return (uint32_t)fake.clock;
}

bool platform_timer_set(uint32_t deadline, uint32_t now)
{
	/* the caller's `now` is a clock it read: never ahead of the clock */
	assert_false(tick32_before((uint32_t)fake.clock, now));
	fake.timer_sets++;
	fake.timer_low = deadline;
	fake.timer_at = tick32_extend(fake.clock, deadline);
	fake.timer_armed = tick32_before((uint32_t)fake.clock, deadline);
	return fake.timer_armed;
}

void platform_timer_start(uint64_t clock)
{
	assert_int_equal(clock, fake.clock);
	fake.timer_started = true;
}

uint64_t platform_clock_ticks_to_ns(uint64_t ticks)
{
	return ticks * FAKE_NS_PER_TICK;
}

uint64_t platform_clock_ns_to_ticks(uint64_t ns)
{
	return ns / FAKE_NS_PER_TICK;
}

uint64_t arch_cycles(void)
{
	return fake.cycles;
}

void arch_switch_to(struct arch_vcpu *next, const struct arch_aspace *as)
{
	/* a vcpu comes with its address space; idle with none */
	assert_true((next == NULL) == (as == NULL));
	assert_true(fake.switch_count < FAKE_SWITCHES_MAX);
	fake.switches[fake.switch_count++] = (struct fake_switch){ fake.clock, next };
	fake.running = next;
}

void arch_enter_upcall(struct arch_vcpu *a, uint32_t eip, uint32_t esp, uint32_t line,
		       uint32_t frame, uint32_t missed)
{
	(void)a, (void)eip, (void)esp, (void)line, (void)frame, (void)missed;
	fail_msg("an upcall was entered: no fake test registers one");
}

void arch_leave_upcall(struct arch_vcpu *a)
{
	(void)a;
	fail_msg("an upcall was left: no fake test registers one");
}

void arch_upcall_save(const struct arch_vcpu *a, struct bh_upcall_frame *f)
{
	(void)a, (void)f;
	fail_msg("an upcall frame was saved: no fake test registers an upcall");
}

int arch_upcall_install(struct arch_vcpu *a, const struct bh_upcall_frame *f)
{
	(void)a, (void)f;
	fail_msg("an upcall frame was installed: no fake test registers an upcall");
	return -1;
}

void platform_shutdown(void)
{
	fail_msg("the machine was shut down");
	abort();
}
