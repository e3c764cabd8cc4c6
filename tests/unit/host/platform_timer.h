/*
 * Host stand-in for include/platform/pc/platform_timer.h (the HPET's MMIO): the platform clock and one-shot timer of the
 * fake platform (tests/unit/fake_platform.c), which a test moves by hand. First on the include
 * path of the tests that compile the dispatcher's engine; same guard as the real header, so that
 * only one of them is ever seen.
 */
#ifndef PLATFORM_PC_PLATFORM_TIMER_H
#define PLATFORM_PC_PLATFORM_TIMER_H

#include <stdint.h>
#include <stdbool.h>

uint64_t platform_clock_now(void);
uint32_t platform_clock_now32(void);
/* As the HPET's: false when `deadline` is not ahead of the clock (then no interrupt comes). */
bool platform_timer_set(uint32_t deadline, uint32_t now);

#endif
