/*
 * A fake platform for host tests of core's engine (tests/unit/host/ stands in for the arch's
 * inline headers): a clock at 100 MHz and a cycle counter that move only when a test moves them,
 * a one-shot timer that only records what it was set for, and a log of the CPU's switches.
 */
#ifndef TESTS_UNIT_FAKE_PLATFORM_H
#define TESTS_UNIT_FAKE_PLATFORM_H

#include <stdint.h>
#include <stdbool.h>

struct arch_vcpu;

#define FAKE_NS_PER_TICK 10        /* the HPET's 100 MHz under QEMU */
#define FAKE_SWITCHES_MAX 4096

struct fake_switch {
	uint64_t at;                   /* the clock */
	struct arch_vcpu *to;          /* NULL: idle */
};

struct fake_platform {
	uint64_t clock;                /* ticks */
	/* as on hardware, if a test asks: ticks each clock read takes, ticks an interrupt comes
	 * after its deadline (fake_timer_fired) */
	uint32_t read_cost, interrupt_late;
	uint64_t cycles;               /* the TSC (arch_cycles) */
	bool timer_armed;              /* an interrupt will come at timer_at */
	uint64_t timer_at;             /* the whole deadline last set */
	uint32_t timer_low;            /* platform_timer_set's deadline, as given */
	uint32_t timer_sets;
	bool timer_started;            /* platform_timer_start was called */
	struct arch_vcpu *running;     /* arch_switch_to's last `next` */
	uint32_t switch_count;
	struct fake_switch switches[FAKE_SWITCHES_MAX];
};

extern struct fake_platform fake;

/* Everything back to nothing, with the clock at `clock`. */
void fake_reset(uint64_t clock);
/* The timer's interrupt comes: the clock is at its deadline (plus interrupt_late), the timer
 * disarmed. */
void fake_timer_fired(void);

#endif
