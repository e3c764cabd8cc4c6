/* The HPET: a 64-bit clock and a one-shot comparator (timer 0, routed to line 0). */
#ifndef ARCH_X86_HPET_H
#define ARCH_X86_HPET_H

#define HPET_BASE 0xfed00000u

/* Returns 0, or -1 when no usable HPET is found (the message says why). */
int hpet_init(void);

#endif
