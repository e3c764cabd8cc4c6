/*
 * Bulkhead public ABI: hypercalls. This directory is the only part of the kernel a partition sees.
 *
 * Calling convention: `int $0x80` from ring 3 (the only vector a partition may raise).
 *   eax = hypercall number, ebx, ecx, edx, esi, edi = arguments 1..5.
 *   eax on return = result: >= 0 on success, a BH_E* code (errno.h) on failure.
 *   Every other register is preserved.
 * Every pointer argument is a partition virtual address and must lie, with its length, inside
 * the calling partition's own memory (its private memory: not a shared area, shm.h), else
 * BH_EFAULT. Nothing a partition passes can reach another partition or the kernel.
 */
#ifndef BULKHEAD_PUBLIC_HYPERCALL_H
#define BULKHEAD_PUBLIC_HYPERCALL_H

#include "errno.h"
#include "types.h"

#define BH_HYPERCALL_VECTOR 0x80

/* The version of this ABI. A partition built for another may misread the kernel: the runtime
 * compares it with abi_version() at start and stops if they differ. 2: vint_return may install
 * a context, the shared vcpu page, defined upcall registers. 3: partition_info, faults handed to
 * the partition (BH_VINT_FAULT, hm_fault_read, hm_fault_escalate), port_status, queuing_clear,
 * the port line for a sender whose full queue has room again. 4: several schedules
 * (schedule_set, schedule_status, schedule_find, BH_VINT_SCHEDULE). */
#define BH_ABI_VERSION 4

/* Partition address space: every partition is linked at this address (runtime/partition.ld). */
#define BH_PARTITION_BASE 0x40000000u

enum bh_hypercall {
	/* nop(): returns 0. The cheapest round trip, for measuring the entry path. */
	BH_HC_NOP = 0,
	/* console_write(buf, len): writes bytes to the serial console; each line is prefixed with
	 * "[partition] ". Lines longer than 120 bytes are split. The console is ASCII: each byte
	 * outside 0x20..0x7e (control characters, DEL, and every byte above, UTF-8 included) is
	 * shown as '.', so that no line can forge or hide another. One call takes at most one line:
	 * it returns how many bytes it took (len, or fewer up to the end of the first line ended;
	 * a line split at 120 bytes ends there, and the call takes the next byte with it, the
	 * first of the next line);
	 * write the rest with further calls (the runtime's printf does). Ended lines wait in the
	 * partition's console buffer for the port; BH_EAGAIN: it is full, nothing was taken, call
	 * again later. */
	BH_HC_CONSOLE_WRITE = 1,
	/* yield(): gives the CPU to the next runnable vcpu of the partition of the same priority, in
	 * round robin (a lower priority runs only while no vcpu of a higher one can; with no other
	 * of its priority, the caller goes on); returns 0 when this vcpu runs again. */
	BH_HC_YIELD = 2,
	/* get_time(struct bh_time *out): nanoseconds since boot (64-bit). */
	BH_HC_GET_TIME = 3,
	/* whoami(): (partition id << 8) | vcpu index of the caller. */
	BH_HC_WHOAMI = 4,
	/* vcpu_up(index, entry, stack): starts a DOWN vcpu of the caller's partition at entry with
	 * esp = stack. BH_EINVAL for a bad index, BH_EBUSY if it is not DOWN, BH_EFAULT if entry or
	 * stack is outside the partition. */
	BH_HC_VCPU_UP = 5,
	/* vcpu_halt(): halts the calling vcpu; it stays HALTED until the partition restarts or a
	 * sibling resets it. Does not return. */
	BH_HC_VCPU_HALT = 6,
	/* partition_status(id, struct bh_partition_status *out): id BH_SELF for the caller.
	 * Another partition's status is readable by system partitions only (else BH_EPERM). */
	BH_HC_PARTITION_STATUS = 7,
	/* partition_set_mode(mode): BH_MODE_NORMAL (from a start mode), BH_MODE_WARM_START
	 * (restart now, memory kept), BH_MODE_COLD_START (restart: the memory is reloaded from the
	 * image inside the partition's own windows, then vcpu 0 starts), BH_MODE_IDLE (stop). */
	BH_HC_PARTITION_SET_MODE = 8,
	/* system_shutdown(): stops the machine. System partitions only (else BH_EPERM). */
	BH_HC_SYSTEM_SHUTDOWN = 9,

	/* --- virtual interrupts (vint.h) --- */
	/* vint_set_upcall(entry, stack): the entry point (and stack, 0 = interrupted stack) for
	 * upcalls of the calling vcpu. entry 0 disables delivery. */
	BH_HC_VINT_SET_UPCALL = 10,
	/* vint_enable(on): sets the vcpu's virtual interrupt-enable flag; returns the old one. */
	BH_HC_VINT_ENABLE = 11,
	/* vint_mask(line, masked): masks (1) or unmasks (0) one line; returns the old state. */
	BH_HC_VINT_MASK = 12,
	/* vint_doorbell(partition, vcpu): raises BH_VINT_DOORBELL on vcpu `vcpu` of the caller's
	 * partition (partition = BH_SELF or its own id), or BH_VINT_PARTITION_DOORBELL on vcpu
	 * `vcpu` of another partition when the deployment's doorbell_to allows it (else BH_EPERM).
	 * BH_ENOENT for no such partition, BH_EINVAL for no such vcpu. A doorbell to a vcpu that
	 * has not started yet (DOWN while its partition loads) is lost, as an interrupt to a CPU
	 * that is not up. */
	BH_HC_VINT_DOORBELL = 13,
	/* vint_set_timer(period_ns_low, period_ns_high, first_ns_low, first_ns_high): one-shot
	 * (period 0) or periodic virtual timer of the calling vcpu, first expiry `first` ns from
	 * now (first = 0: one period). first = 0 and period = 0 cancels it. BH_EINVAL for a
	 * period under 10 us, or a period or first expiry over an hour. */
	BH_HC_VINT_SET_TIMER = 14,
	/* vint_block(): blocks the vcpu until a virtual interrupt is pending and unmasked. */
	BH_HC_VINT_BLOCK = 15,
	/* vint_return(frame): ends the running upcall; frame 0 resumes the interrupted context
	 * exactly, else the context of the struct bh_upcall_frame at `frame`, once checked (vint.h
	 * says how; BH_EINVAL or BH_EFAULT leave the upcall running). BH_EINVAL outside an upcall. */
	BH_HC_VINT_RETURN = 16,

	/* --- vcpu lifecycle --- */
	/* vcpu_pause(index) / vcpu_resume(index): another vcpu of the caller's partition. */
	BH_HC_VCPU_PAUSE = 17,
	BH_HC_VCPU_RESUME = 18,
	/* vcpu_reset(index): stops a sibling vcpu and puts it back DOWN, ready for vcpu_up. */
	BH_HC_VCPU_RESET = 19,

	/* --- ports (ports.h) --- */
	/* port_open(name, struct bh_port_info *out): returns a handle for a port the deployment
	 * gives to this partition (BH_ENOENT otherwise). */
	BH_HC_PORT_OPEN = 20,
	/* sampling_write(handle, buf, len) */
	BH_HC_SAMPLING_WRITE = 21,
	/* sampling_read(handle, buf, size, struct bh_sample_info *info): returns the length. */
	BH_HC_SAMPLING_READ = 22,
	/* queuing_send(handle, buf, len): BH_ENOSPC when full. */
	BH_HC_QUEUING_SEND = 23,
	/* queuing_receive(handle, buf, size, timeout_us): returns the length; timeout 0 returns
	 * BH_EAGAIN at once when empty, BH_WAIT_FOREVER waits; BH_ETIMEDOUT when time ran out.
	 * BH_EMSGSIZE when the oldest message is larger than size (it stays queued), also for a
	 * receive that was waiting when it arrived. */
	BH_HC_QUEUING_RECEIVE = 24,

	/* --- health monitor (health.h) --- */
	/* hm_report(code): reports an application error; the configured action is taken. */
	BH_HC_HM_REPORT = 25,
	/* hm_read_log(index, struct bh_hm_record *out): record `index` counted from the oldest
	 * still held; BH_ENOENT past the newest. System partitions only. */
	BH_HC_HM_READ_LOG = 26,

	/* --- memory --- */
	/* memory_protect(addr, len, prot): sets the access of the caller's own pages [addr, +len),
	 * both page aligned, to prot (BH_PROT_*): BH_PROT_NONE makes guard pages (a fault in one is
	 * a stack overflow for the health monitor), BH_PROT_READ, BH_PROT_READ | BH_PROT_WRITE or
	 * BH_PROT_READ | BH_PROT_EXEC; never writable and executable at once. BH_EINVAL for an
	 * unaligned address or length or another prot (checked first), BH_EFAULT for a range not
	 * inside the partition's memory (len 0 changes nothing). One call changes at most 64 pages:
	 * it returns how many bytes it changed from addr on (len, or 64 pages of it); the runtime's
	 * bh_memory_protect calls again for the rest. It binds the partition's own
	 * accesses: a hypercall's buffers are checked against the memory's range only. On a CPU
	 * without no-execute every readable page is executable. A restart, warm or cold, puts back
	 * the image's layout: text read and execute, rodata read, data, bss and the rest read and
	 * write, the guard page below vcpu 0's stack none. */
	BH_HC_MEMORY_PROTECT = 27,

	/* abi_version(): BH_ABI_VERSION of the kernel. */
	BH_HC_ABI_VERSION = 28,
	/* vint_set_info(struct bh_vcpu_info *info): registers the calling vcpu's shared page (vint.h),
	 * 8-byte aligned and inside the partition (BH_EINVAL, BH_EFAULT); 0 unregisters it. The
	 * kernel fills it at once (pending, the time; mask and enabled as they are). A restart of the
	 * partition or of the vcpu unregisters it. */
	BH_HC_VINT_SET_INFO = 29,

	/* --- for guest kernels such as the APEX layer (ABI 3) --- */
	/* partition_info(struct bh_partition_info *out): what the deployment gives the calling
	 * partition (its memory, stack, vcpus, schedule figures, APEX limits) and how it started. */
	BH_HC_PARTITION_INFO = 30,
	/* hm_fault_read(struct bh_hm_record *out): the fault the health monitor last handed this
	 * vcpu as BH_VINT_FAULT (health.h); BH_ENOENT if none was handed since it started. */
	BH_HC_HM_FAULT_READ = 31,
	/* hm_fault_escalate(): the partition declines the fault it was handed: the health monitor
	 * applies the deployment's action for that event as if it had never been handed (logged
	 * again, with that action). BH_ENOENT if none is held. Returns only if that action lets the
	 * vcpu go on. */
	BH_HC_HM_FAULT_ESCALATE = 32,
	/* port_status(handle, struct bh_port_status *out): a port's present state (ports.h). */
	BH_HC_PORT_STATUS = 33,
	/* queuing_clear(handle): a queuing port's destination discards every message queued for
	 * it; returns how many. BH_EPERM at the source. */
	BH_HC_QUEUING_CLEAR = 34,

	/* --- shared memory (shm.h) --- */
	/* shm_open(name, struct bh_shm_info *out): where the shared area `name` lies in the caller's
	 * space, its size and the caller's access; BH_ENOENT for a name the deployment does not list
	 * the caller for (whether or not another partition has it), BH_EINVAL for a name without
	 * its NUL within BH_SHM_NAME_MAX bytes, BH_EFAULT for a name or `out` outside the caller's
	 * private memory. */
	BH_HC_SHM_OPEN = 35,
	/* --- devices (vint.h's device lines) --- */
	/* irq_done(line): the partition has served the device whose interrupt arrives on its
	 * device line `line`: the kernel unmasks the hardware line again. The line is masked from
	 * boot until the first call: a driver calls it once when it is ready (and again after a
	 * restart; a call for a line not masked changes nothing).
	 * BH_EINVAL for a line outside BH_VINT_DEVICE_FIRST..LAST, BH_EPERM for one that is no
	 * device line of the caller's partition. */
	BH_HC_IRQ_DONE = 36,
	/* --- several schedules (docs/schedules.md) --- */
	/* schedule_set(id): the deployment's schedule `id` (an index in its schedules[], from 0)
	 * is in force from the end of the current major frame on: its frame 0 starts exactly at
	 * that boundary. A second request before the boundary replaces the first; asking for the
	 * schedule in force cancels a pending switch. Returns 0. BH_EPERM for a caller that is not
	 * a system partition, BH_EINVAL for an unknown id. */
	BH_HC_SCHEDULE_SET = 37,
	/* schedule_status(struct bh_schedule_status *out): the schedule in force, the one from the
	 * next frame on, the last switch and the frame number; any partition may read it.
	 * BH_EFAULT for `out` outside the caller's memory. */
	BH_HC_SCHEDULE_STATUS = 38,
	/* schedule_find(name): the id of the schedule called `name` (a one-schedule deployment's
	 * is "default", id 0). BH_ENOENT for no such schedule, BH_EINVAL for a name without its
	 * NUL within BH_SCHEDULE_NAME_MAX bytes, BH_EFAULT for a name outside the caller's memory. */
	BH_HC_SCHEDULE_FIND = 39,

	BH_HC_COUNT
};

#define BH_SELF 0xffffffffu

/* A schedule's name, with its NUL, fits this (the deployment's names have at most 31 bytes). */
#define BH_SCHEDULE_NAME_MAX 32

struct bh_schedule_status {
	uint32_t current;          /* the id of the schedule in force */
	uint32_t next;             /* the one from the next frame on: a pending switch, or current */
	uint64_t last_switch_ns;   /* when the last switch took effect (a frame's start); 0: none */
	uint64_t frame;            /* the current major frame's number, counted from boot */
	uint64_t frame_start_ns;   /* when it started */
	uint64_t major_frame_ns;   /* the schedule in force's */
	uint32_t switches;         /* switches since boot */
	uint32_t count;            /* schedules in the deployment */
};

/* memory_protect's access bits */
#define BH_PROT_NONE 0u
#define BH_PROT_READ 1u
#define BH_PROT_WRITE 2u
#define BH_PROT_EXEC 4u
#define BH_PAGE_SIZE 4096u

struct bh_time {
	uint64_t ns;
};

enum bh_partition_mode {
	BH_MODE_IDLE = 0,
	BH_MODE_COLD_START = 1,
	BH_MODE_WARM_START = 2,
	BH_MODE_NORMAL = 3,
};

enum bh_vcpu_state {
	BH_VCPU_DOWN = 0,
	BH_VCPU_RUNNABLE = 1,
	BH_VCPU_RUNNING = 2,
	BH_VCPU_BLOCKED = 3,
	BH_VCPU_PAUSED = 4,
	BH_VCPU_HALTED = 5,
};

#define BH_MAX_VCPUS_PER_PARTITION 4

/* How a partition's present run began (partition_info). */
enum bh_start_condition {
	BH_START_NORMAL = 0,               /* the first start since boot */
	BH_START_PARTITION_RESTART = 1,    /* the partition asked (partition_set_mode) */
	BH_START_HM_MODULE_RESTART = 2,    /* reserved: a restart of the whole module */
	BH_START_HM_PARTITION_RESTART = 3, /* the health monitor restarted it */
};

struct bh_partition_info {
	uint32_t id;
	uint32_t memory_size;      /* bytes of memory from BH_PARTITION_BASE */
	uint32_t image_end;        /* partition address just past the image (bss included) */
	uint32_t stack_size;       /* vcpu 0's stack: the top of the memory; a guard page below it */
	uint32_t vcpu_count;
	uint32_t start_condition;  /* enum bh_start_condition */
	uint64_t period_ns;        /* the major frame */
	uint64_t duration_ns;      /* the partition's window time in one major frame */
	uint64_t first_window_ns;  /* offset of its first window in the major frame */
	uint32_t apex_processes;   /* the deployment's APEX limits (0, 0: not an APEX partition) */
	uint32_t apex_stack_bytes;
};

struct bh_partition_status {
	uint32_t id;
	uint32_t mode;                                  /* enum bh_partition_mode */
	uint32_t vcpu_count;
	uint32_t vcpu_state[BH_MAX_VCPUS_PER_PARTITION]; /* enum bh_vcpu_state */
	uint32_t restarts;         /* by the health monitor */
	uint32_t faults;
	uint64_t window_start_ns;  /* start of the current (or last) window of this partition */
	uint64_t window_end_ns;
	uint64_t major_frame_ns;
	uint32_t windows_entered;
	uint32_t system;           /* 1 for a system partition */
	uint32_t requested_restarts;   /* by the partition itself (partition_set_mode) */
};

#endif
