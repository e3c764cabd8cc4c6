/*
 * The partition runtime: what a partition program includes. Hypercall wrappers (one `int $0x80`
 * each, inline), console printf, and vcpu start-up helpers. The ABI itself is in include/public/.
 */
#ifndef BULKHEAD_RUNTIME_H
#define BULKHEAD_RUNTIME_H

#include <stdarg.h>
#include <stddef.h>
#include <hypercall.h>
#include <vint.h>
#include <ports.h>
#include <shm.h>
#include <health.h>
#include <string.h>

/* A partition's main: runs on vcpu 0 after crt0 set up the C environment. */
int main(void);

static inline int32_t bh_hypercall5(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3,
				    uint32_t a4, uint32_t a5)
{
	int32_t ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5)
			 : "memory");
	return ret;
}

#define BH_PTR(p) ((uint32_t)(uintptr_t)(p))
#define bh_hypercall(nr, a1, a2, a3, a4) bh_hypercall5(nr, a1, a2, a3, a4, 0)

static inline int32_t bh_nop(void) { return bh_hypercall(BH_HC_NOP, 0, 0, 0, 0); }
static inline int32_t bh_console_write(const void *buf, uint32_t len)
{
	return bh_hypercall(BH_HC_CONSOLE_WRITE, BH_PTR(buf), len, 0, 0);
}
static inline int32_t bh_yield(void) { return bh_hypercall(BH_HC_YIELD, 0, 0, 0, 0); }
static inline uint64_t bh_time_ns(void)
{
	struct bh_time t = { 0 };

	bh_hypercall(BH_HC_GET_TIME, BH_PTR(&t), 0, 0, 0);
	return t.ns;
}
static inline uint32_t bh_partition_id(void) { return (uint32_t)bh_hypercall(BH_HC_WHOAMI, 0, 0, 0, 0) >> 8; }
static inline uint32_t bh_vcpu_index(void) { return (uint32_t)bh_hypercall(BH_HC_WHOAMI, 0, 0, 0, 0) & 0xff; }
static inline int32_t bh_vcpu_up(uint32_t index, void (*entry)(void), uint32_t stack)
{
	return bh_hypercall(BH_HC_VCPU_UP, index, BH_PTR(entry), stack, 0);
}
static inline void bh_vcpu_halt(void) { bh_hypercall(BH_HC_VCPU_HALT, 0, 0, 0, 0); }
static inline int32_t bh_vcpu_pause(uint32_t index) { return bh_hypercall(BH_HC_VCPU_PAUSE, index, 0, 0, 0); }
static inline int32_t bh_vcpu_resume(uint32_t index) { return bh_hypercall(BH_HC_VCPU_RESUME, index, 0, 0, 0); }
static inline int32_t bh_vcpu_reset(uint32_t index) { return bh_hypercall(BH_HC_VCPU_RESET, index, 0, 0, 0); }
static inline int32_t bh_partition_status(uint32_t id, struct bh_partition_status *out)
{
	return bh_hypercall(BH_HC_PARTITION_STATUS, id, BH_PTR(out), 0, 0);
}
static inline int32_t bh_set_mode(uint32_t mode) { return bh_hypercall(BH_HC_PARTITION_SET_MODE, mode, 0, 0, 0); }
static inline int32_t bh_shutdown(void) { return bh_hypercall(BH_HC_SYSTEM_SHUTDOWN, 0, 0, 0, 0); }

static inline int32_t bh_vint_set_upcall(void (*entry)(void), uint32_t stack)
{
	return bh_hypercall(BH_HC_VINT_SET_UPCALL, BH_PTR(entry), stack, 0, 0);
}
static inline int32_t bh_vint_enable(uint32_t on) { return bh_hypercall(BH_HC_VINT_ENABLE, on, 0, 0, 0); }
static inline int32_t bh_vint_mask(uint32_t line, uint32_t masked) { return bh_hypercall(BH_HC_VINT_MASK, line, masked, 0, 0); }
static inline int32_t bh_vint_doorbell(uint32_t partition, uint32_t vcpu) { return bh_hypercall(BH_HC_VINT_DOORBELL, partition, vcpu, 0, 0); }
static inline int32_t bh_vint_set_timer(uint64_t period_ns, uint64_t first_ns)
{
	return bh_hypercall(BH_HC_VINT_SET_TIMER, (uint32_t)period_ns, (uint32_t)(period_ns >> 32),
			    (uint32_t)first_ns, (uint32_t)(first_ns >> 32));
}
static inline int32_t bh_vint_block(void) { return bh_hypercall(BH_HC_VINT_BLOCK, 0, 0, 0, 0); }
static inline int32_t bh_abi_version(void) { return bh_hypercall(BH_HC_ABI_VERSION, 0, 0, 0, 0); }
static inline int32_t bh_vint_set_info(struct bh_vcpu_info *info)
{
	return bh_hypercall(BH_HC_VINT_SET_INFO, BH_PTR(info), 0, 0, 0);
}

static inline int32_t bh_port_open(const char *name, struct bh_port_info *info)
{
	return bh_hypercall(BH_HC_PORT_OPEN, BH_PTR(name), BH_PTR(info), 0, 0);
}
static inline int32_t bh_sampling_write(int32_t h, const void *buf, uint32_t len)
{
	return bh_hypercall(BH_HC_SAMPLING_WRITE, (uint32_t)h, BH_PTR(buf), len, 0);
}
static inline int32_t bh_sampling_read(int32_t h, void *buf, uint32_t size, struct bh_sample_info *info)
{
	return bh_hypercall(BH_HC_SAMPLING_READ, (uint32_t)h, BH_PTR(buf), size, BH_PTR(info));
}
static inline int32_t bh_queuing_send(int32_t h, const void *buf, uint32_t len)
{
	return bh_hypercall(BH_HC_QUEUING_SEND, (uint32_t)h, BH_PTR(buf), len, 0);
}
static inline int32_t bh_queuing_receive(int32_t h, void *buf, uint32_t size, uint32_t timeout_us)
{
	return bh_hypercall(BH_HC_QUEUING_RECEIVE, (uint32_t)h, BH_PTR(buf), size, timeout_us);
}
static inline int32_t bh_hm_report(uint32_t code) { return bh_hypercall(BH_HC_HM_REPORT, code, 0, 0, 0); }
static inline int32_t bh_hm_read_log(uint32_t index, struct bh_hm_record *out)
{
	return bh_hypercall(BH_HC_HM_READ_LOG, index, BH_PTR(out), 0, 0);
}

/* Where the shared area `name` lies in this partition's space, its size and access (shm.h). */
static inline int32_t bh_shm_open(const char *name, struct bh_shm_info *out)
{
	return bh_hypercall(BH_HC_SHM_OPEN, BH_PTR(name), BH_PTR(out), 0, 0);
}

static inline int32_t bh_partition_info(struct bh_partition_info *out)
{
	return bh_hypercall(BH_HC_PARTITION_INFO, BH_PTR(out), 0, 0, 0);
}
static inline int32_t bh_hm_fault_read(struct bh_hm_record *out)
{
	return bh_hypercall(BH_HC_HM_FAULT_READ, BH_PTR(out), 0, 0, 0);
}
static inline int32_t bh_hm_fault_escalate(void) { return bh_hypercall(BH_HC_HM_FAULT_ESCALATE, 0, 0, 0, 0); }
static inline int32_t bh_port_status(int32_t h, struct bh_port_status *out)
{
	return bh_hypercall(BH_HC_PORT_STATUS, (uint32_t)h, BH_PTR(out), 0, 0);
}
static inline int32_t bh_queuing_clear(int32_t h) { return bh_hypercall(BH_HC_QUEUING_CLEAR, (uint32_t)h, 0, 0, 0); }
static inline int32_t bh_irq_done(uint32_t line) { return bh_hypercall(BH_HC_IRQ_DONE, line, 0, 0, 0); }

/* Several schedules (docs/schedules.md): asks for schedule `id` from the end of this frame on
 * (system partitions), reads which runs, finds one by name. */
static inline int32_t bh_schedule_set(uint32_t id) { return bh_hypercall(BH_HC_SCHEDULE_SET, id, 0, 0, 0); }
static inline int32_t bh_schedule_status(struct bh_schedule_status *out)
{
	return bh_hypercall(BH_HC_SCHEDULE_STATUS, BH_PTR(out), 0, 0, 0);
}
static inline int32_t bh_schedule_find(const char *name)
{
	return bh_hypercall(BH_HC_SCHEDULE_FIND, BH_PTR(name), 0, 0, 0);
}

/*
 * Sets the access of this partition's pages [addr, addr + len) (both page aligned) to prot: BH_PROT_NONE,
 * BH_PROT_READ, BH_PROT_READ | BH_PROT_WRITE or BH_PROT_READ | BH_PROT_EXEC (never write and
 * execute at once: to run code it wrote, a partition makes its page READ | EXEC afterwards).
 * Returns 0, BH_EINVAL or BH_EFAULT. A restart puts back the image's layout: text read and
 * execute, rodata read, everything else read and write, and the guard page below vcpu 0's stack.
 */
/* memory_protect over the whole range (the kernel takes at most 64 pages a call): 0 or the
 * first error. */
static inline int32_t bh_memory_protect(const void *addr, uint32_t len, uint32_t prot)
{
	for (uint32_t done = 0; done < len;) {
		int32_t n = bh_hypercall(BH_HC_MEMORY_PROTECT, BH_PTR(addr) + done, len - done, prot, 0);

		if (n <= 0)
			return n;
		done += (uint32_t)n;
	}
	return 0;
}
/*
 * Makes the page at `base` (page aligned) a guard page: any access to it stops the vcpu with a
 * stack overflow event for the health monitor. Put one at the low end of each stack given to
 * bh_vcpu_start, e.g. for a 16 KiB stack with its guard:
 *     static uint8_t stack[5 * BH_PAGE_SIZE] __attribute__((aligned(BH_PAGE_SIZE)));
 *     bh_stack_guard(stack);
 *     bh_vcpu_start(1, fn, arg, stack + BH_PAGE_SIZE, 4 * BH_PAGE_SIZE);
 */
static inline int32_t bh_stack_guard(void *base)
{
	return bh_memory_protect(base, BH_PAGE_SIZE, BH_PROT_NONE);
}

/* printf to the console (through console_write; lines are prefixed with the partition's name). */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int puts(const char *s);
/* The name of a hypercall's result: "BH_EINVAL" for BH_EINVAL, "success" for any result >= 0. */
const char *bh_strerror(int32_t code);

/*
 * Starts vcpu `index` of this partition running fn(arg) on the stack [stack, stack + size).
 * When fn returns, the vcpu halts.
 */
int32_t bh_vcpu_start(uint32_t index, void (*fn)(void *), void *arg, void *stack, uint32_t size);

/*
 * Upcalls: registers `handler` for this vcpu's virtual interrupts (run on `stack` if not NULL)
 * through the runtime's trampoline, which calls handler(line, frame) then returns from the upcall.
 * A NULL handler keeps the one registered before (the runtime still watches windows).
 */
typedef void (*bh_upcall_handler)(uint32_t line, const struct bh_upcall_frame *frame);
int32_t bh_upcall_register(bh_upcall_handler handler, void *stack, uint32_t size);
/*
 * Called from a handler: when the upcall ends, this vcpu resumes the context in `frame` (a copy
 * the partition kept of an earlier upcall's frame: another thread) instead of the interrupted one.
 * The kernel checks it (public/vint.h); a refused frame halts the vcpu with a message. NULL
 * resumes the interrupted context, as without the call.
 */
void bh_upcall_resume(const struct bh_upcall_frame *frame);

/*
 * The shared vcpu page (public/vint.h): bh_vint_set_info(&info) registers one; then the vcpu may
 * read its pending lines and set its mask and enable flag in it without a hypercall.
 * bh_vint_sync() makes the kernel look now (delivering a line just unmasked or enabled);
 * bh_info_time_ns reads the time from it without a hypercall.
 */
static inline void bh_vint_sync(const volatile struct bh_vcpu_info *info)
{
	if (info->enabled && (info->pending & ~info->mask))
		bh_nop();
}

static inline uint64_t bh_rdtsc(void);

static inline uint64_t bh_info_time_ns(const volatile struct bh_vcpu_info *info)
{
	uint32_t version, mul;
	uint64_t tsc, ns, delta;
	int32_t shift;

	do {
		version = info->time_version;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		tsc = info->time_tsc;
		ns = info->time_ns;
		mul = info->tsc_mul;
		shift = info->tsc_shift;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} while ((version & 1) || version != info->time_version);
	delta = bh_rdtsc() - tsc;
	delta = shift >= 0 ? delta << shift : delta >> -shift;
	/* (delta * mul) >> 32 in two 32 x 32 products */
	return ns + (((delta & 0xffffffffu) * mul) >> 32) + (delta >> 32) * mul;
}

/*
 * Window watching: after bh_watch_windows() on a vcpu, the runtime takes the BH_VINT_WINDOW_START
 * upcall and records, once per window of the partition (whichever vcpu runs first), the window's
 * number and the time the partition first ran in it.
 */
/* Registers the runtime's upcall (if none yet) on this vcpu, with `stack`, and enables delivery. */
int32_t bh_watch_windows(void *stack, uint32_t size);
/* The newest window's number (0: none seen yet) and, consistently with it, its start time. */
uint32_t bh_window_current(uint64_t *start_ns);
/* Sleeps (vint_block) until a window after `seen` has started; returns it, with its start time.
 * Other virtual interrupts wake the vcpu too: it sleeps again until the window changes. */
uint32_t bh_window_next(uint32_t seen, uint64_t *start_ns);
/* Without upcalls: spins until the partition has entered a window after `seen`; returns its
 * number (the partition's windows_entered). */
uint32_t bh_window_wait_after(uint32_t seen);

/* Deterministic pseudo-random numbers (splitmix64): the same seed gives the same sequence. */
struct bh_random {
	uint64_t state;
};
void bh_random_seed(struct bh_random *r, uint64_t seed);
uint32_t bh_random_next(struct bh_random *r);
/* Uniform in [0, bound). */
uint32_t bh_random_below(struct bh_random *r, uint32_t bound);

/* Raw cycle counter (one per instruction under QEMU -icount). */
static inline uint64_t bh_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/*
 * Measuring from ring 3 (runtime/measure.c; the benchmark partitions use it). Samples are TSC
 * deltas kept in the caller's array; one above `drop_above` is not kept but counted as dropped
 * (a sample cut by the end of the partition's window would only measure the rest of the frame).
 */
struct bh_samples {
	uint32_t *value;
	uint32_t capacity;
	uint32_t drop_above;
	uint32_t count;
	uint32_t dropped;
};
#define BH_SAMPLES(array, drop_above) \
	{ (array), sizeof(array) / sizeof((array)[0]), (drop_above), 0, 0 }

void bh_samples_add(struct bh_samples *s, uint32_t value);
static inline int bh_samples_full(const struct bh_samples *s) { return s->count == s->capacity; }
/* The median of the samples kept so far; sorts them. */
uint32_t bh_samples_median(struct bh_samples *s);
/*
 * Sorts the samples and prints their statistics as one console line, for tools/bench.py:
 *   BENCH metric=<name> samples=<n> min=<a> median=<b> p99=<c> max=<d> overhead=<o> dropped=<k>
 * then `extra` (more name=value fields) if not NULL. Percentiles are nearest-rank.
 */
void bh_samples_report(const char *metric, struct bh_samples *s, uint32_t overhead,
		       const char *extra);
/* The TSC delta of two back-to-back bh_rdtsc() calls (the median of many): what timing
 * t1 - t0 around an operation adds to it by itself. */
uint32_t bh_rdtsc_overhead(void);
/*
 * Reads the TSC in a tight loop until two consecutive reads are more than `limit` apart: the
 * vcpu was interrupted, or its window ended. Returns the low words of the read before the gap in
 * *before and of the one after it in *after. With limit 0 it returns one turn of the loop.
 */
void bh_spin_until_gap(uint32_t limit, uint32_t *before, uint32_t *after);

#endif
