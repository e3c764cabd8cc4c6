/*
 * The pacer (platform/pc/pacer.c), for an emulator that runs one CPU at a time: off unless the
 * kernel command line says `pacer=N` (nanoseconds, at least PACER_MIN_NS).
 *
 * QEMU's single-threaded TCG (-icount: the project's tests and demos) runs the CPUs in turn, each
 * for a share of the time to the next deadline of any of its timers, and a CPU that neither
 * halts nor pauses keeps its share to the end. So while a partition on one CPU computes without
 * blocking, another CPU's timer that comes due is taken late: up to the end of the computing
 * window (docs/smp.md has the figures). With the pacer, HPET timer 1 makes a deadline every N ns,
 * its interrupt off (it raises nothing), so that every share is short: each CPU's window then
 * starts within a few N, at the price of QEMU running several times slower. On hardware the CPUs
 * run at once and it is not needed (it would cost nothing but the comparator's matches).
 */
#ifndef PLATFORM_PC_PACER_H
#define PLATFORM_PC_PACER_H

#include <stdint.h>

#define PACER_MIN_NS 500u

/* The period in force (0: no pacer), for the banner's timer line. */
extern uint32_t pacer_period_ns;

/* Reads pacer= from the command line and starts timer 1 if asked (before the dispatchers). */
void pacer_start(const char *cmdline);

/* The period pacer=N asks for in ns (0: none, or not a number of at least PACER_MIN_NS); pure,
 * for a host test. */
uint32_t pacer_option(const char *line);

#endif
