/*
 * What core asks of the platform, the machine's devices around the CPU (on a PC: the HPET, the
 * 8259, the 16550 and QEMU's debug-exit device, platform/pc/): the clock, the one-shot timer,
 * the console and trace ports, and the machine's exits. Core names no device; the inline clock
 * and timer come from the platform's one fixed-name header, <platform_timer.h>.
 */
#ifndef CORE_PLATFORM_H
#define CORE_PLATFORM_H

#include <stdint.h>
#include <stdbool.h>

/* The serial console, before anything else (so even a wrong boot can be reported), and the
 * device memory the arch maps when it turns paging on (arch_init comes next). */
void platform_early_init(void);
/* Once the CPU is up (arch_init): the interrupt controller and the timer. */
void platform_init(void);

/*
 * The clock and timer, inline (platform_timer.h): every scheduling decision reads the one and
 * sets the other.
 *   uint64_t platform_clock_now(void): monotonic clock in ticks of the platform timer, 0 at boot
 *     (unless platform_clock_set moved it forward, before the schedule started);
 *   uint32_t platform_clock_now32(void): its low half, the dispatcher's time (core/tick32.h);
 *   bool platform_timer_set(uint32_t deadline, uint32_t now): the one-shot timer, an interrupt
 *     when the clock's low half reaches `deadline`, which is less than 2^31 ticks from the last
 *     deadline set. Returns false when the deadline has already passed (the caller handles the
 *     event itself). `now` is the clock the caller last read; a deadline far enough past it is
 *     not checked again.
 */
#include <platform_timer.h>
uint64_t platform_clock_ticks_to_ns(uint64_t ticks);
uint64_t platform_clock_ns_to_ticks(uint64_t ns);
/* Sets the clock (before the schedule starts): clock_wrap_in_ms= tests the low half's wrap. */
void platform_clock_set(uint64_t ticks);
/* Until now the timer was parked; the dispatcher's first deadline comes next, near `clock`. */
void platform_timer_start(uint64_t clock);
/* A short description for the boot banner, e.g. "HPET 100000000 Hz one-shot". */
const char *platform_timer_describe(void);

/*
 * The machine's CPUs. platform_cpus_start, once, before the banner: the others are started, and
 * each enters core (core_ap_main). Then how many run, and the banner's line, e.g.
 * "4 found (ACPI MADT), 4 started: apic ids 0 1 2 3".
 */
void platform_cpus_start(void);
uint32_t platform_cpu_count(void);
/* An interrupt to CPU `cpu` (an index of the CPUs started): core_cpu_kicked runs there. */
void platform_cpu_kick(uint32_t cpu);
/* Every CPU's own one-shot timer (its local APIC's), for a deployment on several CPUs: false
 * when the machine has none that works (then only CPU 0 can keep a plan). Before the banner. */
bool platform_timer_per_cpu(void);
/* On an AP, before its dispatcher's first decision: its own timer, as platform_timer_start. */
void platform_timer_start_cpu(void);
const char *platform_cpus_describe(void);

/* The console, a character or a run of n bytes at a time, written as they are (line ends are the
 * caller's), waiting for the port. */
void platform_console_putc(char c);
void platform_console_write(const char *s, uint32_t n);
/* Up to n bytes, only as many as the console port takes without waiting (0 while busy). */
uint32_t platform_console_write_some(const char *s, uint32_t n);
/* For tests: the ports' status follows a transmitter of `baud` bits per second (8N1, a 16-byte
 * FIFO) modelled from the clock, so that waiting on them costs what a real line costs. */
void platform_console_model(uint32_t baud);
/*
 * The schedule trace's own port (core/trace.c): takes up to `len` bytes only if it can without
 * waiting, and returns how many it took (0 while busy).
 */
uint32_t platform_trace_write(const void *buf, uint32_t len);

/* Interrupt lines given to partitions (core/device.c): masked at the controller, or unmasked.
 * Every other line but the timer's stays masked. */
void platform_irq_mask(uint32_t line);
void platform_irq_unmask(uint32_t line);
/* Whether an unmasked line (the timer's included) asks for the CPU: the kernel, which runs with
 * interrupts off, stops a wait on a port for it. */
bool platform_irq_waiting(void);

/* Machine exits: on QEMU through the debug-exit device; on hardware the CPU halts. */
void platform_shutdown(void) __attribute__((noreturn));
void platform_panic_exit(void) __attribute__((noreturn));

#endif
