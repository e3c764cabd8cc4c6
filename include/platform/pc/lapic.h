/*
 * The local APIC, one per CPU at the same physical address (the MADT's or MP table's, mapped in
 * the device window): enabled with its spurious vector, its id, inter-processor interrupts
 * through the ICR, and its one-shot timer, which wakes a CPU that waits in `hlt` while the CPUs
 * start (platform/pc/cpus.c measures every delay on the HPET) and then is the platform timer
 * (lapic_timer.c). xAPIC mode (MMIO); no x2APIC.
 */
#ifndef PLATFORM_PC_LAPIC_H
#define PLATFORM_PC_LAPIC_H

#include <stdint.h>
#include <stdbool.h>

#define LAPIC_DEFAULT_BASE 0xfee00000u

/* Its vectors, among the arch's wake vectors (include/arch/x86/smp.h), all in one priority
 * class, so that a CPU woken by one takes no second before its EOI. */
#define LAPIC_VECTOR_TIMER 0xf0
#define LAPIC_VECTOR_STARTED 0xf1      /* a started AP tells the boot CPU (cpus.c) */
#define LAPIC_VECTOR_SPURIOUS 0xff

/* ICR commands: delivery mode and level (assert), with a vector or the startup page. */
#define LAPIC_IPI_FIXED(vector) (0x4000u | (vector))
#define LAPIC_IPI_INIT 0x4500u
#define LAPIC_IPI_STARTUP(page) (0x4600u | ((page) >> 12))

/* The timer's registers (lapic_timer.c programs them itself), and its local vector table entry. */
#define LAPIC_REG_LVT_TIMER 0x320
#define LAPIC_REG_TIMER_INITIAL 0x380
#define LAPIC_REG_TIMER_CURRENT 0x390
#define LAPIC_REG_TIMER_DIVIDE 0x3e0
#define LAPIC_TIMER_DIVIDE_1 0xb
#define LAPIC_LVT_MASKED (1u << 16)   /* one-shot is mode 0: no mode bits */

/* The address every CPU's local APIC answers at; asked of the arch before paging is on. */
void lapic_map(uint32_t base);
/* A register of this CPU's local APIC. */
volatile uint32_t *lapic_register(uint32_t offset);
/* The EOI register's address, for the timer's entry (arch/x86/entry.asm, isr_local_timer). */
extern volatile uint32_t *lapic_eoi_register;
/* On each CPU: software-enabled, spurious interrupts to LAPIC_VECTOR_SPURIOUS. */
void lapic_enable(void);
uint8_t lapic_id(void);
/* Sends `command` to the CPU with APIC id `apic_id`; 0, or -1 if the ICR still showed the last
 * one pending after LAPIC_IPI_WAIT_NS. */
#define LAPIC_IPI_WAIT_NS 100000u
int lapic_ipi(uint8_t apic_id, uint32_t command);
/* An interrupt at LAPIC_VECTOR_TIMER after `count` timer ticks (divide by 1), once. */
void lapic_timer_once(uint32_t count);
void lapic_eoi(void);
/* Whether `vector` is raised and not yet taken (its IRR bit). */
bool lapic_pending(uint32_t vector);

#endif
