/*
 * A deployment: the partitions, their vcpus and memory, the cyclic schedule, the channels between
 * partitions, the shared memory areas and the health-monitor actions. Written as one const struct in configs/<name>.c with
 * designated initializers; the compiler checks its syntax, config_validate() its meaning (at
 * build time by tools/configtool, and again at boot).
 *
 * Lists end at the first entry whose name (or partition) is NULL, so nobody counts by hand; an
 * entry after that end is refused, not dropped. Names are printable ASCII, 1 to 31 characters.
 * Times are in nanoseconds; write them with US() and MS().
 */
#ifndef CORE_DEPLOYMENT_H
#define CORE_DEPLOYMENT_H

#include <stdint.h>
#include <stdbool.h>
#include <core/limits.h>

#define US(x) ((uint64_t)(x) * 1000u)
#define MS(x) ((uint64_t)(x) * 1000000u)
#define KIB(x) ((uint32_t)(x) << 10)
#define MIB(x) ((uint32_t)(x) << 20)

/* Health-monitor events: the 32 CPU exceptions by vector, then these. */
enum hm_event {
	HM_EVENT_DIVIDE_ERROR = 0,
	HM_EVENT_INVALID_OPCODE = 6,
	HM_EVENT_GENERAL_PROTECTION = 13,
	HM_EVENT_PAGE_FAULT = 14,
	HM_EVENT_APPLICATION_ERROR = 32,   /* reported by the partition (hm_report) */
	HM_EVENT_VCPU_MISUSE = 33,         /* the kernel stopped a vcpu for misusing an interface */
	HM_EVENT_STACK_OVERFLOW = 34,      /* a page fault in a guard page (ARINC 653 STACK_OVERFLOW) */
	HM_EVENT_COUNT = 35
};

#define HM_DELIVER(event) (1ull << (event))

enum hm_action {
	HM_ACTION_DEFAULT = 0,       /* = HM_ACTION_STOP */
	HM_ACTION_LOG,               /* log only; a faulting vcpu is halted, the others go on */
	HM_ACTION_STOP,              /* stop the partition */
	HM_ACTION_COLD_RESTART,
	HM_ACTION_WARM_RESTART,
	HM_ACTION_SHUTDOWN,          /* stop the whole system */
	HM_ACTION_COUNT
};

/* What restart_limit and restart_span_ns of 0 mean. */
#define DEFAULT_RESTART_LIMIT 3
#define DEFAULT_RESTART_SPAN_NS MS(1000)

struct partition_config {
	const char *name;                       /* unique; prefixes its console lines */
	/* a directory partitions/<image>/ or tests/partitions/<image>/, built into <image>.elf, its
	 * boot module; letters, digits, '_', '-' and '.' (it is a file name in GRUB and QEMU).
	 * Several partitions may run one image (redundant lanes), each from its own memory. */
	const char *image;
	uint32_t memory_base;                   /* physical, page aligned, >= 16 MiB */
	uint32_t memory_size;                   /* page multiple, at most 4 MiB, ending <= 256 MiB */
	/* vcpu 0's stack at the top of the memory, a page multiple; 0 = CONFIG_DEFAULT_STACK_SIZE.
	 * The page below it is an unmapped guard page: the image must end below that (the build
	 * checks each image's segments against it). */
	uint32_t stack_size;
	uint32_t vcpu_count;                    /* 1 .. CONFIG_MAX_VCPUS_PER_PARTITION */
	/* per vcpu, higher runs first; entries beyond vcpu_count stay 0 */
	uint32_t priority[CONFIG_MAX_VCPUS_PER_PARTITION];
	uint64_t quantum_ns;                    /* round robin among equal priorities (>= 10 us) */
	bool system;                            /* may shut down and read the others' status */
	uint8_t hm_actions[HM_EVENT_COUNT];     /* enum hm_action per enum hm_event */
	uint32_t restart_limit;                 /* restarts within restart_span_ns; 0 = 3 */
	uint64_t restart_span_ns;               /* 0 = 1 s */
	bool hm_quiet;                          /* print 1 health-monitor event in 1000 (all logged) */
	/* events (HM_DELIVER(e) bits) a vcpu's fault hands to the partition as BH_VINT_FAULT
	 * instead of taking hm_actions[e]; taken anyway when the vcpu cannot take the upcall */
	uint64_t hm_deliver;
	/* an APEX partition's limits (apex/): processes, and bytes of their stacks, taken from
	 * the memory above the image; both 0 for a partition without the APEX layer */
	struct apex_config {
		uint32_t processes;
		uint32_t stack_bytes;
	} apex;
	const char *doorbell_to[CONFIG_MAX_PARTITIONS];   /* partitions it may ring */
	/* the schedule (a schedules[] name, or "default") switched to at the end of the frame in
	 * which the health monitor stops this partition for good (its restart limit, or a STOP
	 * action): the degraded mode. NULL: no switch */
	const char *hm_stop_schedule;
	/* the CPU each vcpu runs on, as CPU(n); 0: the CPU of the partition's windows (refused
	 * when they are on several). A vcpu never runs on another CPU (docs/smp.md) */
	uint32_t vcpu_cpu[CONFIG_MAX_VCPUS_PER_PARTITION];
};

#define CPU(n) ((uint32_t)(n) + 1u)

struct window_config {
	const char *partition;                  /* a partition name */
	uint64_t offset_ns;                     /* from the start of the major frame */
	uint64_t duration_ns;
	uint32_t cpu;                           /* the CPU it is on, 0 .. cpus - 1 */
};

/*
 * One of several schedules (docs/schedules.md): a major frame and its windows, as the top-level
 * major_frame_ns and windows[] of a one-schedule deployment (which is the schedule "default",
 * id 0). Ids are indexes in schedules[], from 0. A partition without a window in a schedule does
 * not run while it is in force; a system partition switches (schedule_set) at a frame's end.
 * CONFIG_MAX_SCHEDULES (core/limits.h) is 4.
 */
#define SCHEDULE_DEFAULT_NAME "default"

struct schedule_config {
	const char *name;                       /* unique, printable, 1 to 31 characters */
	uint64_t major_frame_ns;
	struct window_config windows[CONFIG_MAX_WINDOWS];   /* in time order */
};

enum channel_kind {
	CHANNEL_NONE = 0,
	CHANNEL_SAMPLING,
	CHANNEL_QUEUING,
};

struct channel_config {
	const char *name;                       /* the port name both ends open: < BH_PORT_NAME_MAX */
	enum channel_kind kind;
	uint32_t max_message;                   /* bytes, 1 .. CONFIG_MAX_MESSAGE */
	uint32_t depth;                         /* queuing: messages held, 1 .. CONFIG_MAX_DEPTH */
	uint64_t refresh_ns;                    /* sampling: a message older than this is invalid */
	const char *source;                     /* the partition that writes */
	const char *destinations[CONFIG_MAX_PORTS_PER_CHANNEL - 1];   /* who reads (queuing: one) */
};

/*
 * A device given to one partition: its I/O ports, which that partition alone may `in`/`out`
 * while its vcpus run (every other port faults, as for any partition), and its interrupt line,
 * which the kernel masks, acknowledges and raises as a device vint line on one vcpu until the
 * partition's irq_done (public/vint.h). The kernel's own devices (its console UART, the 8259s, the
 * PIT, the debug-exit port, the trace UART, the timer's and the cascade's lines) cannot be given.
 */
struct io_range {
	uint16_t first;                         /* the first port */
	uint16_t count;                         /* ports from first on; 0 ends the list */
};

#define IRQ_LINE(n) ((uint32_t)(n) + 1u)

struct device_config {
	const char *name;                       /* unique; names the device in reports and QEMU */
	const char *partition;                  /* the partition that drives it */
	struct io_range io[CONFIG_MAX_IO_RANGES];
	uint32_t irq;                           /* IRQ_LINE(n): its hardware (8259) line n; 0: none */
	uint32_t vint_line;                     /* BH_VINT_DEVICE_FIRST..LAST with an irq, else 0 */
	uint32_t vcpu;                          /* the vcpu the line is raised on */
	/* the QEMU -device that emulates it, given a chardev named after the device (a UART: make
	 * run connects it to a socket, the tests to files); NULL: the machine has it already */
	const char *qemu_device;
};

#define CONFIG_MAX_MESSAGE 1024
#define CONFIG_MAX_DEPTH 64

/*
 * A shared memory area (public/shm.h): physical memory of no partition that the listed users map,
 * each at its own address in its shared window [BH_SHM_WINDOW_BASE, + BH_SHM_WINDOW_SIZE), with
 * its access. Nobody else maps it; a cold restart does not clear it.
 */
#define CONFIG_MAX_SHARED_AREAS 8

struct shared_area_config {
	const char *name;                       /* what shm_open takes: < BH_SHM_NAME_MAX */
	uint32_t base;                          /* physical, page aligned, >= 16 MiB, in RAM */
	uint32_t size;                          /* a page multiple, 1 page .. BH_SHM_WINDOW_SIZE */
	struct shared_area_user {
		const char *partition;              /* a partition name, once an area */
		uint32_t address;                   /* page aligned, inside the shared window */
		bool writable;                      /* false: read-only, a write is a page fault */
	} users[CONFIG_MAX_PARTITIONS];
};

/*
 * Event classes of the schedule trace (core/trace.c, docs/trace.md), one bit each in
 * struct deployment's trace_classes.
 */
enum trace_class {
	TRACE_CLASS_WINDOW = 1u << 0,     /* window start and end */
	TRACE_CLASS_VCPU = 1u << 1,       /* dispatched, preempted, blocked, woken, stopped */
	TRACE_CLASS_VINT = 1u << 2,       /* virtual interrupts delivered */
	TRACE_CLASS_PORT = 1u << 3,       /* port messages sent and received */
	TRACE_CLASS_HEALTH = 1u << 4,     /* health-monitor events, partition restarts */
	TRACE_CLASS_ALL = (1u << 5) - 1,
};
#define TRACE_PARTITIONS_ALL 0xffffffffu

struct deployment {
	const char *name;
	struct partition_config partitions[CONFIG_MAX_PARTITIONS];
	uint64_t major_frame_ns;
	struct window_config windows[CONFIG_MAX_WINDOWS];   /* in time order */
	/* several schedules instead of the two fields above (a deployment sets one form), and the
	 * one in force at boot (NULL: schedules[0]); run_frames counts frames across switches */
	struct schedule_config schedules[CONFIG_MAX_SCHEDULES];
	const char *initial_schedule;
	struct channel_config channels[CONFIG_MAX_CHANNELS];
	struct device_config devices[CONFIG_MAX_DEVICES];
	uint32_t run_frames;                    /* shut down after this many major frames; 0 = never */
	/*
	 * The schedule trace: which event classes (enum trace_class bits) of which partitions (bit i:
	 * partitions[i], or TRACE_PARTITIONS_ALL) are recorded. Both 0: tracing off, and the hooks
	 * cost a test and a branch. Set both or neither. The kernel command line options
	 * trace_classes= and trace_partitions= override them.
	 */
	uint32_t trace_classes;
	uint32_t trace_partitions;
	struct shared_area_config shared_areas[CONFIG_MAX_SHARED_AREAS];
	/* the CPUs the deployment needs, 1 .. CONFIG_MAX_CPUS (0 = 1): booted on fewer, the kernel
	 * starts nothing; make run and the tests give QEMU this many (configtool cpus) */
	uint32_t cpus;
};

/* The deployment compiled into this kernel (configs/<name>.c). */
extern const struct deployment deployment;

struct config_error {
	char field[64];     /* e.g. "partitions[1].vcpu_count" */
	char reason[192];
};

/* Told each problem, in the order of the checks; `err` lives only for the call. */
typedef void config_report(const struct config_error *err, void *context);

/*
 * Checks the meaning of a deployment against the kernel's limits and `ram_end` (the first byte of
 * physical memory partitions may not use), hands every problem to `report` and returns how many
 * there were. A check that builds on a field already found wrong is skipped (priorities beyond a
 * wrong vcpu count, overlaps of a wrong memory range, the partition left without a window when a
 * window names an unknown partition), and with no partition at all nothing else is judged.
 */
uint32_t config_check_all(const struct deployment *d, uint64_t ram_end, config_report *report,
			  void *context);
/* The same checks; returns 0, or -1 with the first problem in `err`. */
int config_validate(const struct deployment *d, uint64_t ram_end, struct config_error *err);

uint32_t deployment_partition_count(const struct deployment *d);
uint32_t deployment_window_count(const struct deployment *d);
uint32_t deployment_channel_count(const struct deployment *d);
uint32_t deployment_shared_area_count(const struct deployment *d);
/* The first entry of `partition` among the area's users, or NULL. */
const struct shared_area_user *deployment_area_user(const struct shared_area_config *area,
						   const char *partition);
uint32_t deployment_device_count(const struct deployment *d);

/* A schedule of either form, as the kernel and the tools read it. */
struct schedule_view {
	const char *name;
	uint64_t major_frame_ns;
	const struct window_config *windows;
	uint32_t window_count;
};
/* schedules[]'s entries, or 1: the top-level form's "default". */
uint32_t deployment_schedule_count(const struct deployment *d);
/* Schedule `id` (< deployment_schedule_count). */
void deployment_schedule(const struct deployment *d, uint32_t id, struct schedule_view *out);
/* The id of the schedule called `name`, or -1. */
int deployment_find_schedule(const struct deployment *d, const char *name);
/* The id of the schedule in force at boot (initial_schedule; validated), or -1. */
int deployment_initial_schedule(const struct deployment *d);
/* The CPU vcpu `vcpu` of partitions[partition] runs on: its vcpu_cpu, else the CPU of the
 * partition's first window in any schedule (0 if it has none). */
uint32_t deployment_vcpu_cpu(const struct deployment *d, uint32_t partition, uint32_t vcpu);
/* Index of the partition called `name`, or -1. */
int deployment_find_partition(const struct deployment *d, const char *name);

#endif
