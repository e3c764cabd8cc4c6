/*
 * The PC's interrupt controller, the 8259 pair (pic.c), as the arch's interrupt entry sees it
 * (arch/x86/trap.c): the one header of the platform that the arch includes, by this fixed name
 * (found through -Iinclude/platform/pc), so that the CPU layer names no device.
 */
#ifndef PLATFORM_PC_PLATFORM_IRQ_H
#define PLATFORM_PC_PLATFORM_IRQ_H

#include <io.h>
#include <pic.h>

/* The lines' vectors: above the CPU's exceptions. The timer's is entry.asm's TIMER_VECTOR. */
#define PLATFORM_IRQ_VECTOR_BASE 32
#define PLATFORM_IRQ_LINES 16
#define PLATFORM_IRQ_TIMER 0
/* The local APIC timer's vector (lapic_timer.c), when it is the platform timer: its own entry
 * (entry.asm, isr_local_timer), which ends as line 0's does. Below the APIC's wake vectors. */
#define PLATFORM_IRQ_LOCAL_TIMER_VECTOR 0x30
/* Another CPU's kick (platform_cpu_kick): its own entry (entry.asm, isr_kick). */
#define PLATFORM_IRQ_KICK_VECTOR 0x31

/* The timer's own entry needs none; elsewhere the master's auto-EOI makes its part harmless. */
static inline void platform_irq_end(unsigned int line)
{
	if (line >= 8)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}
/* A spurious line 7 or 15 must not be acknowledged: this tells whether it is one. */
int platform_irq_is_spurious(unsigned int line);

#endif
