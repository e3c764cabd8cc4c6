/*
 * What the APEX layer's core files share (processes, vcpus, the scheduler, the lock), beyond
 * internal.h's contract with the service files. docs/apex.md tells the design.
 */
#ifndef APEX_CORE_H
#define APEX_CORE_H

#include "internal.h"

#define APEX_VCPUS BH_MAX_VCPUS_PER_PARTITION
/* "no such time": no timeout, no deadline, no pending release */
#define APEX_NEVER INT64_MAX
/* the error handler's priority: above every process's */
#define APEX_HANDLER_PRIORITY (MAX_PRIORITY_VALUE + 1)
/* t + d for d >= 0, at most APEX_NEVER: a huge timeout or capacity means no end, not a wrap */
static inline SYSTEM_TIME_TYPE apex_time_add(SYSTEM_TIME_TYPE t, SYSTEM_TIME_TYPE d)
{
	return d > APEX_NEVER - t ? APEX_NEVER : t + d;
}
#define APEX_FPU_AREA 512

/* Why a started process does not run (besides a suspension). */
enum apex_block {
	APEX_RUNS,          /* ready (or running) unless suspended or held */
	APEX_IN_QUEUE,      /* apex_wait: in an object's queue, maybe with a timeout (wake_at) */
	APEX_DELAYED,       /* TIMED_WAIT: until wake_at */
	APEX_RELEASE,       /* PERIODIC_WAIT or a delayed start: released at wake_at */
	APEX_AT_NORMAL,     /* started in a start mode: released when NORMAL is set (aperiodic) */
	APEX_AT_ANCHOR,     /* periodic, started before the first release point is known */
};

struct apex_process {
	/* where it resumes, as an upcall frame that vint_return installs */
	struct bh_upcall_frame context;
	uint8_t fpu[APEX_FPU_AREA] __attribute__((aligned(16)));   /* its fxsave image */
	PROCESS_ATTRIBUTE_TYPE attributes;
	PROCESS_ID_TYPE id;
	PROCESS_INDEX_TYPE index;          /* creation order among CREATE_PROCESS's, from 1 */
	uint32_t vcpu;                     /* its core affinity: it runs on this vcpu only */
	bool error_handler;
	bool dormant;
	bool suspended;
	bool suspended_self;                /* the suspension is its own (SUSPEND_SELF) */
	bool held;                         /* faulted: never runs again until STOP */
	bool fresh;                        /* its context was reset: the saved one is not its */
	uint8_t block;                     /* enum apex_block */
	PRIORITY_TYPE priority;            /* current */
	PRIORITY_TYPE retained;            /* what it goes back to as it releases its mutexes */
	int mutexes;
	struct apex_process *ready_next;   /* its vcpu's ready queue (the running one included) */
	bool ready;
	struct apex_wait_queue *queue;     /* the queue it waits in (APEX_IN_QUEUE) */
	struct apex_process *queue_next;
	SYSTEM_TIME_TYPE wake_at;          /* a timeout, a delay's end, a release; APEX_NEVER */
	SYSTEM_TIME_TYPE delay;            /* a start's delay, for a release not yet timed */
	SYSTEM_TIME_TYPE release;          /* its present release point */
	SYSTEM_TIME_TYPE deadline;         /* APEX_NEVER: none */
	RETURN_CODE_TYPE wait_rc;          /* how its wait ended */
	struct apex_wait_exchange exchange;
	uint8_t *stack;                    /* [stack, stack + stack_size), a guard page below */
	uint32_t stack_size;
};

/* A vcpu of the partition, as the layer runs it. */
struct apex_vcpu {
	struct bh_vcpu_info info __attribute__((aligned(8)));   /* the shared page */
	struct apex_process *current;      /* NULL: the initialization or the idle loop runs */
	struct bh_upcall_frame idle;       /* the idle loop's context while a process runs */
	/* what the upcall resumes: a copy made under the lock, which vint_return reads after it
	 * (another vcpu may restart the process meanwhile) */
	struct bh_upcall_frame resume;
	uint8_t idle_fpu[APEX_FPU_AREA] __attribute__((aligned(16)));
	struct apex_process *ready;        /* by priority, then by the time it became ready */
	LOCK_LEVEL_TYPE lock_level;        /* LOCK_PREEMPTION's, on this vcpu */
	struct apex_process *lock_owner;   /* the process that holds it */
	SYSTEM_TIME_TYPE timer_at;         /* what its one-shot virtual timer is set for */
	uint32_t deferred;                 /* lines an upcall left for the lock's holder (atomic) */
	uint32_t kick;                     /* 1: ring it at the lock's release (atomic) */
	/* its process faulted while the lock was taken: that context, kept for the lock's turn,
	 * while the idle loop runs */
	struct bh_upcall_frame fault_frame;
	bool faulted;
	bool started;
};

struct apex_core {
	struct bh_partition_info partition;
	OPERATING_MODE_TYPE mode;
	START_CONDITION_TYPE start_condition;
	SYSTEM_TIME_TYPE anchor;           /* the first release point; APEX_NEVER until known */
	struct apex_process *processes;    /* [0, count): CREATE_PROCESS order; the handler too */
	uint32_t count, capacity;
	uint32_t limit;                    /* CREATE_PROCESS's (the deployment's apex.processes) */
	PROCESS_INDEX_TYPE created;        /* CREATE_PROCESS's so far (the handler not counted) */
	uint32_t owner;                    /* the lock: 0 free, else the holder's vcpu + 1 (atomic) */
	struct apex_vcpu vcpu[APEX_VCPUS];
};

extern struct apex_core apex_core;

static inline struct apex_vcpu *apex_vcpu_of(uint32_t index) { return &apex_core.vcpu[index]; }
/* This vcpu's index, kept where the kernel never reads (start.c): no hypercall. */
uint32_t apex_vcpu_index(void);
static inline struct apex_vcpu *apex_this_vcpu(void) { return apex_vcpu_of(apex_vcpu_index()); }

/* The lock's two sides for the upcall handler, which never waits for it (lock.c). */
bool apex_lock_try(void);
void apex_lock_release(void);
/* With the lock held: vcpu `v` must look at its processes again (ringed at the release). */
void apex_kick(uint32_t v);

/* The scheduler (sched.c), with the lock held. */
void apex_ready_insert(struct apex_process *p);
void apex_ready_remove(struct apex_process *p);
/* p may run again (its block and suspension are over): into its vcpu's ready queue */
void apex_make_ready(struct apex_process *p);
/* p's wait, delay or suspension ended now with rc: it runs if nothing else holds it */
void apex_unblock(struct apex_process *p, RETURN_CODE_TYPE rc);
/* p must not run for now: out of the ready queue, its vcpu told */
void apex_make_unready(struct apex_process *p);
/* the upcall handler that the runtime calls on every vcpu of the layer */
void apex_upcall(uint32_t line, const struct bh_upcall_frame *frame);
/* A time of p's (a wake, a deadline) changed to t: its vcpu's timer may need to be earlier. */
void apex_timer_changed(const struct apex_process *p, SYSTEM_TIME_TYPE t);
/* With the lock held by the running process p, which has just made itself unable to run:
 * releases the lock, so that its vcpu switches away, and takes it again once p runs again;
 * returns how its wait ended (wait_rc). */
RETURN_CODE_TYPE apex_block_current(struct apex_process *p);
/* p's priority changed: its place in its ready queue (and a PRIORITY wait queue) follows, as
 * the newest of its priority, or the oldest (`first`) */
void apex_requeue(struct apex_process *p, bool first);

/* The vcpus (vcpu.c). */
/* Their stacks out of the memory above the image; false if it is too small. */
bool apex_vcpus_init(void);
/* On the calling vcpu: its shared page, the upcall handler on its own stack, delivery. */
void apex_vcpu_setup(void);
/* Starts, each in its idle loop, the vcpus other than 0 that processes are bound to. */
void apex_vcpus_start(void);
/* The pages [stack, stack + size) are a stack of vcpu `vcpu` (apex_vcpu_index). */
void apex_stack_owner(const uint8_t *stack, uint32_t size, uint32_t vcpu);
/* the idle loop: delivery enabled, blocked in the kernel until an upcall switches away */
void apex_idle(void) __attribute__((noreturn));

/* Processes (process.c), with the lock held. */
/* Keeps the FPU/SSE state every process starts with (at the layer's start). */
void apex_processes_init(void);
/* Puts p back to its entry point, with its base priority, its stack and FPU state fresh. */
void apex_process_reset(struct apex_process *p);
/* Stops p (DORMANT): out of every queue, its mutexes released, no timer. */
void apex_process_stop(struct apex_process *p);
/* Releases p (its delayed start or periodic release point reached, or NORMAL set): it runs. */
void apex_process_release(struct apex_process *p, SYSTEM_TIME_TYPE at);
/* Its first release: `delay` after NORMAL (aperiodic) or the next release point (periodic). */
void apex_process_schedule_start(struct apex_process *p, SYSTEM_TIME_TYPE delay);

/* Wait queues (wait.c): p enters q in its order, or leaves the queue it waits in. */
void apex_queue_enter(struct apex_wait_queue *q, struct apex_process *p);
void apex_queue_leave(struct apex_process *p);

/* Memory above the image (memory.c). */
void apex_memory_init(uint32_t start, uint32_t end);
/* Page-aligned pages with a guard page below (NULL when exhausted); for the layer's stacks. */
uint8_t *apex_pages(uint32_t bytes);
/* Sets the process stacks' part aside: apex.stack_bytes at the top (less if less is left). */
void apex_memory_reserve(uint32_t stack_bytes);
/* A process stack of `bytes` (a page multiple), with its guard page, out of apex.stack_bytes. */
uint8_t *apex_stack_alloc(uint32_t bytes);

/* Time (time.c): the first release point at or after `t`, once the anchor is known. */
SYSTEM_TIME_TYPE apex_next_release_point(SYSTEM_TIME_TYPE t);
/* The anchor is known (the first window after NORMAL began): periodic starts are timed. */
void apex_anchor_set(SYSTEM_TIME_TYPE anchor);

#endif
