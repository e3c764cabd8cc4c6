/*
 * The APEX layer's inside: what its service files share. Applications see only ARINC653.h.
 *
 * The APEX layer is a small guest kernel inside the partition: it runs the partition's processes
 * on its vcpus, switching them on virtual interrupts (ABI v2 upcalls that resume another
 * context), and blocks a vcpu in the kernel when none of its processes is ready.
 *
 * Every piece of APEX state is guarded by one lock, apex_lock(): held, no upcall runs on this
 * vcpu and no other vcpu of the partition is inside the layer. A service takes it, checks its
 * arguments, changes state, and releases it; a process switch that the change calls for (a
 * higher priority process made ready, the caller blocked) happens at apex_unlock(), once.
 */
#ifndef APEX_INTERNAL_H
#define APEX_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <ARINC653.h>
#include <bulkhead.h>

struct apex_process;

/* A queue of waiting processes, in FIFO or PRIORITY order (equal priorities: FIFO). */
struct apex_wait_queue {
	struct apex_process *first;
	QUEUING_DISCIPLINE_TYPE discipline;
};

/*
 * What a waiter and its waker exchange, beyond the wake itself: an object's service sets these
 * on the current process before apex_wait and reads them after; the waker (apex_wake_first's
 * caller) reads and writes the woken process's.
 */
struct apex_wait_exchange {
	MESSAGE_ADDR_TYPE buffer;     /* a receiver's buffer, or a sender's message */
	MESSAGE_SIZE_TYPE length;     /* its length (what the waker copied, for a receiver) */
	APEX_UNSIGNED value;          /* object-specific (e.g. an event's mask) */
};

/* Takes the layer's lock (see above). Not recursive. Never spins across vcpus: a vcpu that
 * finds it taken sleeps in the kernel until the holder rings it. */
void apex_lock(void);
/* Releases it, then switches process if a change made under it calls for that. */
void apex_unlock(void);

/* The calling process (its status, its exchange); NULL in the partition's initialization
 * (main) before NORMAL mode, and in error-free code outside any process. */
struct apex_process *apex_current(void);
struct apex_wait_exchange *apex_exchange(struct apex_process *p);
PROCESS_ID_TYPE apex_process_id(const struct apex_process *p);
PRIORITY_TYPE apex_process_priority(const struct apex_process *p);

/* The partition's operating mode (creation services are INVALID_MODE in NORMAL). */
OPERATING_MODE_TYPE apex_mode(void);
/* The caller may not wait (INVALID_MODE for a service with a timeout other than 0): it holds
 * the preemption lock or a mutex, or it is the error handler, or it is the initialization. */
bool apex_may_not_wait(void);

/*
 * Mutexes (apex/mutex.c) and the core: a process holding a mutex runs at the mutex's priority
 * (apex_set_current_priority moves it in the queue it is in, as SET_PRIORITY does, and calls
 * for a switch if that is due) and may not wait; apex_mutex_count keeps how many it holds.
 * STOP and a restart of a process release what it holds (apex_mutexes_release, mutex.c's).
 */
void apex_set_current_priority(struct apex_process *p, PRIORITY_TYPE priority);
PRIORITY_TYPE apex_base_priority(const struct apex_process *p);
void apex_mutex_count(struct apex_process *p, int change);
void apex_mutexes_release(struct apex_process *p);
/* q is a mutex's queue of waiters (SUSPEND refuses a process waiting in one: INVALID_MODE). */
bool apex_mutex_queue(const struct apex_wait_queue *q);

void apex_wait_queue_init(struct apex_wait_queue *q, QUEUING_DISCIPLINE_TYPE discipline);
/* How many processes wait in q. */
WAITING_RANGE_TYPE apex_waiting(const struct apex_wait_queue *q);
/*
 * With the lock held: the calling process waits in q until woken or until `timeout` ns have
 * passed (INFINITE_TIME_VALUE: no limit; the caller handles 0 itself, and apex_may_not_wait).
 * The lock is released while it waits and held again when apex_wait returns: NO_ERROR when
 * woken by apex_wake_first/apex_wake_all, TIMED_OUT when the time ran out (out of q then).
 * A process stopped while it waits never returns (STOP removes it from q).
 */
RETURN_CODE_TYPE apex_wait(struct apex_wait_queue *q, SYSTEM_TIME_TYPE timeout);
/* With the lock held: the first waiter of q, not yet woken (NULL if none): its exchange may
 * be used, then apex_wake_first wakes it. */
struct apex_process *apex_first_waiter(const struct apex_wait_queue *q);
/* With the lock held: wakes q's first waiter (its apex_wait returns NO_ERROR); returns it or
 * NULL. A woken process of a higher priority than the caller runs at apex_unlock. */
struct apex_process *apex_wake_first(struct apex_wait_queue *q);
/* With the lock held: wakes every waiter of q; returns how many. */
WAITING_RANGE_TYPE apex_wake_all(struct apex_wait_queue *q);

/* Nanoseconds on Bulkhead's clock (boot = 0), from the shared vcpu page: no hypercall. */
SYSTEM_TIME_TYPE apex_now(void);

/*
 * Memory for objects (buffers' and blackboards' messages), from the partition's memory above
 * its image, 16-byte aligned, never freed (as the objects are never deleted); NULL when the
 * memory is exhausted (the service then says INVALID_CONFIG). Initialization only.
 */
void *apex_alloc(uint32_t bytes);

/* Copies a NAME_TYPE (not necessarily NUL-terminated) and compares two. */
void apex_name_copy(NAME_TYPE to, const NAME_TYPE from);
bool apex_name_equal(const NAME_TYPE a, const NAME_TYPE b);

/*
 * Called by the core, with the lock held, when the port line (BH_VINT_PORT) arrives: a message
 * arrived or a full queue has room. The ports service wakes whoever waits on its ports, to try
 * again (apex/queuing.c).
 */
void apex_ports_changed(void);

/*
 * Processes, for the error service (apex/error.c): the error handler is a process like
 * CREATE_PROCESS's (DORMANT until started) but, with `error_handler`, of a priority above every
 * other process's, never preempted by them, and not counted against the deployment's limit.
 * apex_process_hold keeps a faulted process from ever running again until STOP (its saved
 * context is the faulting one). apex_process_by_id: NULL for an identifier of no process.
 */
struct apex_process *apex_process_create(const PROCESS_ATTRIBUTE_TYPE *attributes,
					 bool error_handler, RETURN_CODE_TYPE *rc);
void apex_process_start(struct apex_process *p);
bool apex_process_dormant(const struct apex_process *p);
void apex_process_hold(struct apex_process *p);
struct apex_process *apex_process_by_id(PROCESS_ID_TYPE id);

/*
 * CONFIGURE_ERROR_HANDLER's PROCESSES_PAUSE (apex/error.c): while the error handler runs, no
 * process runs on the partition's other vcpus. The core asks before each pick; the error service
 * calls apex_reschedule_all as the handler starts and stops.
 */
bool apex_processes_paused(uint32_t vcpu);
/* With the lock held, by the core: the error handler just stopped. Errors still queued start it
 * again; what PROCESSES_PAUSE held back may run. */
void apex_error_handler_stopped(void);
/* With the lock held: every vcpu of the layer looks at its processes again. */
void apex_reschedule_all(void);

/*
 * Called by the core, with the lock held, when BH_VINT_FAULT arrives on this vcpu: `p` is the
 * process it interrupted (its saved context the faulting one; NULL for the initialization or
 * an idle loop). apex/error.c reads the fault (hm_fault_read) and raises the error.
 */
void apex_fault_arrived(struct apex_process *p);

/*
 * Raises a process-level error (ERROR_CODE_TYPE) for process p (the caller: apex_current()):
 * the error handler runs if there is one, else the deployment's partition-level action applies
 * (apex/error.c). With the lock held.
 */
void apex_raise_error(ERROR_CODE_TYPE code, struct apex_process *p, SYSTEM_ADDRESS_TYPE address,
		      const char *message, MESSAGE_SIZE_TYPE length);

#endif
