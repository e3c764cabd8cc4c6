/*
 * A stand-in for the APEX layer's core (apex/internal.h) on the host, for the object services'
 * unit tests: processes the test makes and switches between itself, a lock that must be free
 * when taken, wait queues in FIFO or PRIORITY order, and a wait that, instead of blocking,
 * runs what the test scripted for "while it waits" and then returns woken or timed out.
 */
#ifndef APEX_CORE_FAKE_H
#define APEX_CORE_FAKE_H

#include <stdbool.h>
#include <stdint.h>
#include "internal.h"

struct apex_process {
	PROCESS_ID_TYPE id;
	PRIORITY_TYPE priority;             /* current */
	PRIORITY_TYPE base;
	int mutexes;                        /* apex_mutex_count's */
	struct apex_wait_exchange exchange;
	struct apex_process *next;          /* in the queue it waits in */
	bool woken;
};

#define FAKE_PROCESSES 8

extern struct apex_process fake_processes[FAKE_PROCESSES];   /* ids 1..FAKE_PROCESSES */
extern struct apex_process *fake_current;                     /* NULL: the initialization */
extern OPERATING_MODE_TYPE fake_mode;
extern bool fake_no_wait;              /* apex_may_not_wait, beyond a mutex held / the init */
extern LOCK_LEVEL_TYPE fake_lock_level;
extern uint32_t fake_alloc_left;       /* bytes apex_alloc may still hand out */
extern SYSTEM_TIME_TYPE fake_last_timeout;                    /* apex_wait's, -2 if none */
extern int fake_waits;                                        /* apex_wait calls */

/* Sets every process to priority and base `priority`, no mutex, and the fake to NORMAL mode,
 * process 1 running, nothing scripted. */
void fake_reset(PRIORITY_TYPE priority);
struct apex_process *fake_process(PROCESS_ID_TYPE id);

/* What runs the next time a process waits (once): as other processes, with the lock free. */
extern void (*fake_while_waiting)(void);

#endif
