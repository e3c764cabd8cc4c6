/*
 * A ticket lock, for what CPUs share and touch rarely and briefly (docs/smp.md lists each lock,
 * what it guards and the order they are taken in). Interrupts are off in the kernel, so a holder
 * is never preempted on its own CPU; none is held across the return to ring 3. Under QEMU's TCG a
 * CPU waiting here can keep the holder's CPU from running (one emulated CPU at a time), so every
 * wait is counted, and a wait past SPIN_LIMIT turns are a deadlock, reported as one.
 */
#ifndef CORE_SPINLOCK_H
#define CORE_SPINLOCK_H

#include <stdint.h>
#include <stdbool.h>
#include <arch_cpu.h>

struct spinlock {
	uint16_t next, serving;     /* the next ticket, and the one served */
	uint32_t waits;             /* acquisitions that found it held */
	uint32_t turns;             /* turns spent waiting, in all */
	const char *name;
};

#define SPINLOCK(label) { .name = (label) }
#define SPIN_LIMIT (1u << 28)

void spin_deadlock(const struct spinlock *l) __attribute__((noreturn));

static inline void spin_lock(struct spinlock *l)
{
	uint16_t ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_ACQUIRE);
	uint32_t turns = 0;

	while (__atomic_load_n(&l->serving, __ATOMIC_ACQUIRE) != ticket) {
		arch_cpu_relax();
		if (++turns == SPIN_LIMIT)
			spin_deadlock(l);
	}
	if (turns) {
		/* inside the lock: the counts are the holder's to write */
		l->waits++;
		l->turns += turns;
	}
}

/* Takes the lock only if nobody holds it or waits for it. */
static inline bool spin_trylock(struct spinlock *l)
{
	uint16_t serving = __atomic_load_n(&l->serving, __ATOMIC_RELAXED), free = serving;

	return __atomic_compare_exchange_n(&l->next, &free, (uint16_t)(serving + 1), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->serving, (uint16_t)(l->serving + 1), __ATOMIC_RELEASE);
}

#endif
