/*
 * Host stand-in for include/arch/x86/hpet.h (MMIO): the platform clock and one-shot timer of the
 * fake platform (tests/unit/fake_platform.c), which a test moves by hand. First on the include
 * path of the tests that compile the dispatcher's engine; same guard as the real header, so that
 * only one of them is ever seen.
 */
#ifndef ARCH_X86_HPET_H
#define ARCH_X86_HPET_H

#include <stdint.h>
#include <stdbool.h>

uint64_t arch_clock_now(void);
uint32_t arch_clock_now32(void);
uint32_t arch_timer_deadline(void);
/* As the HPET's: false when `deadline` is not ahead of the clock (then no interrupt comes). */
bool arch_timer_set(uint32_t deadline, uint32_t now);

#endif
