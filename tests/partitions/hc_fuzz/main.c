/*
 * Hypercall fuzzer. Two vcpus make HC_FUZZ_CALLS hypercalls in all, numbers and arguments drawn
 * from a seed toward the values that break kernels: 0, -1, 0x7fffffff, the kernel's addresses,
 * other partitions' physical memory, the first and last bytes of this partition's memory and its
 * page boundaries, lengths that wrap around 4 GiB or end exactly at the end of memory, indices and
 * handles just past the valid ones, and valid pointers into its own memory. Every result is
 * counted per hypercall and error code; the counts are printed every 50,000 calls of a vcpu and
 * at the end, then the partition stops itself (the referee partition then ends the run).
 *
 * The seed is HC_FUZZ_SEED, printed at start: a compile-time constant, because a partition sees
 * no command line. `make CONFIG=hc_fuzz HC_FUZZ_SEED=n` builds the fuzzer with another seed (see
 * mk/reliability.mk). vcpu i draws from the stream (seed, i), and no draw depends on a result, so
 * the same seed makes the same calls with the same arguments, whatever the timing: each vcpu
 * prints a hash of all it drew.
 *
 * Made harmless, because they would legitimately stop the fuzzer itself (everything else is called
 * with whatever the draw gives, and each of these is still called with bad arguments):
 *  - vcpu_halt is never called; partition_set_mode never with IDLE, COLD_START or WARM_START.
 *    system_shutdown is called: a non-system partition is refused.
 *  - vint_set_upcall: the entry is 0 (delivery off), the runtime's trampoline, or an address
 *    outside the partition, never another valid address, which would divert the vcpu into data.
 *    A valid upcall stack lies in the calling vcpu's own upcall area, which nothing else writes.
 *  - vcpu_up/pause/resume/reset: the other fuzzing vcpu's index is replaced by the victim's
 *    (vcpu 2, which only waits); vcpu_up's valid entry and stacks are the victim's own.
 *  - vint_block: first delivery off and an unmasked one-shot timer 20 us ahead, so the block ends
 *    (with delivery on, an upcall could take the timer's line before the block begins).
 *  - queuing_receive on the fuzzer's own queue with a buffer smaller than the queue's messages
 *    waits at most 1 ms: no message is ever handed to such a waiter, it would wait forever.
 *  - memory_protect: a range it would accept lies in the calling vcpu's own outputs, and is
 *    given read and write only (what it has): any other access, or another range, would stop
 *    the fuzzer on its next own access there. Invalid accesses go with every range.
 * Output pointers inside the partition point only at memory nothing uses: between the end of the
 * image and the top of memory (the first stack, which main leaves at once). Each fuzzing vcpu has
 * its own part of it, a page apart, because each checks what it received: a message the kernel
 * copied into a blocked receiver's buffer, or one just received when the quantum ends, must not
 * be overwritten by the other vcpu's outputs before its receiver reads it. vcpu 1's part ends at
 * the end of memory, so the kernel's check at that end is still drawn toward.
 */
#include <bulkhead.h>

#ifndef HC_FUZZ_SEED
#define HC_FUZZ_SEED 0x5eed0001u
#endif
#ifndef HC_FUZZ_CALLS
#define HC_FUZZ_CALLS 1000000u
#endif

#define FUZZERS 2
#define VICTIM 2                       /* the third vcpu: target of vcpu_up/pause/resume/reset */
#define VCPUS 3                        /* from the deployment */
#define PROGRESS_EVERY 50000u
#define PAGE 4096u
#define KERNEL_IMAGE 0x00100000u       /* where the kernel is loaded, physically = virtually */
#define KERNEL_SPAN 0x00300000u
#define OTHER_PARTITIONS 0x01000000u   /* the other partitions' physical memory starts here */
#define HPET 0xfed00000u
#define NUMBERS (BH_HC_COUNT + 1)      /* the last bucket counts unknown numbers */

static const int32_t codes[] = { BH_EPERM, BH_ENOENT, BH_EAGAIN, BH_EFAULT, BH_EBUSY, BH_EINVAL,
				 BH_ENOSPC, BH_ENOSYS, BH_EMSGSIZE, BH_ETIMEDOUT };
static const char *const result_names[] = { "ok", "EPERM", "ENOENT", "EAGAIN", "EFAULT", "EBUSY",
					    "EINVAL", "ENOSPC", "ENOSYS", "EMSGSIZE", "ETIMEDOUT",
					    "other" };
#define CODES (sizeof(codes) / sizeof(codes[0]))
#define RESULTS (CODES + 2)            /* ok, the codes, anything else */

static const char *const number_names[NUMBERS] = {
	"nop", "console_write", "yield", "get_time", "whoami", "vcpu_up", "vcpu_halt",
	"partition_status", "partition_set_mode", "system_shutdown", "vint_set_upcall",
	"vint_enable", "vint_mask", "vint_doorbell", "vint_set_timer", "vint_block", "vint_return",
	"vcpu_pause", "vcpu_resume", "vcpu_reset", "port_open", "sampling_write", "sampling_read",
	"queuing_send", "queuing_receive", "hm_report", "hm_read_log", "memory_protect",
	"abi_version", "vint_set_info", "partition_info", "hm_fault_read", "hm_fault_escalate",
	"port_status", "queuing_clear", "shm_open", "irq_done", "schedule_set", "schedule_status",
	"schedule_find", "unknown",
};

/* The ports the deployment gives this partition (tests/configs/hc_fuzz.c), opened in this order. */
static const char *const own_ports[] = { "fuzz_out_q", "fuzz_out_s", "fuzz_in_q", "fuzz_in_s" };
#define IN_QUEUE 2
static const char *const port_names[] = {
	"fuzz_out_q", "fuzz_out_s", "fuzz_in_q", "fuzz_in_s", "altitude", "commands", "nosuchport",
	"", "abcdefghijklmnopqrstuvwxyz01234",      /* 31 characters: the longest a name may be */
	"abcdefghijklmnopqrstuvwxyz012345",         /* 32: one too long */
};

struct upcall_area {
	uint8_t guard[1024];           /* the upcall's own frames may run below the stack's base */
	uint8_t stack[2048];
} __attribute__((aligned(16)));

struct fuzzer {
	uint32_t index;
	struct bh_random rng;
	uint32_t calls;
	uint32_t wrong;                /* results that contradict the ABI */
	uint32_t last_sequence;        /* + 1: of the peer's messages this vcpu received */
	uint32_t output_start;         /* [output_start, output_end): where its outputs go */
	uint32_t output_end;
	uint32_t hash;                 /* FNV-1a of every call drawn: the same for the same seed */
	volatile uint32_t done;
	uint32_t tally[NUMBERS][RESULTS];
};

extern void bh_upcall_entry(void);     /* the runtime's upcall trampoline */
extern char __partition_end[];

static struct fuzzer fuzzers[FUZZERS];
static struct upcall_area upcall_areas[FUZZERS + 1];   /* the last is the victim's */
static uint8_t stacks[FUZZERS][8192] __attribute__((aligned(16)));
static uint8_t victim_stack[2048] __attribute__((aligned(16)));
static uint8_t message[64] = "a message from hc_fuzz";
/* each fuzzer's shared vcpu page, when vint_set_info registers one: written by the kernel only */
static struct bh_vcpu_info infos[FUZZERS];
static uint32_t memory_end;            /* BH_PARTITION_BASE + the memory size */
static uint32_t self_id;
static uint32_t in_queue_max, in_queue_depth;

static uint32_t below(struct fuzzer *f, uint32_t bound)
{
	return bh_random_below(&f->rng, bound);
}

static uint32_t pick(struct fuzzer *f, const uint32_t *values, uint32_t count)
{
	return values[below(f, count)];
}

#define PICK(f, ...) ({ static const uint32_t v_[] = { __VA_ARGS__ }; \
	pick(f, v_, sizeof(v_) / sizeof(v_[0])); })

static int inside(uint32_t address)
{
	return address >= BH_PARTITION_BASE && address < memory_end;
}

/* An address outside this partition's memory. */
static uint32_t foreign_address(struct fuzzer *f)
{
	uint32_t a;

	switch (below(f, 12)) {
	case 0: return 0;
	case 1: return 1 + below(f, PAGE);                            /* the null page */
	case 2: return 0xffffffffu - below(f, 64);                    /* wraps at 4 GiB */
	case 3: return 0x7fffffffu - below(f, 16);
	case 4: return 0x80000000u + below(f, 16);
	case 5: return KERNEL_IMAGE + below(f, KERNEL_SPAN);          /* the kernel */
	case 6: return 0xc0000000u + below(f, 0x100000);
	case 7: return OTHER_PARTITIONS + below(f, 8u << 20);         /* others, physically */
	case 8: return BH_PARTITION_BASE - 1 - below(f, 64);          /* just below this one */
	case 9: return memory_end + below(f, 64);                     /* just past its end */
	case 10: return HPET + below(f, PAGE);
	default:
		a = bh_random_next(&f->rng);
		return inside(a) ? a ^ 0x80000000u : a;
	}
}

/* Anywhere in `[start, end)`, drawn toward its first and last bytes and page boundaries. */
static uint32_t own_address_in(struct fuzzer *f, uint32_t start, uint32_t end)
{
	uint32_t pages = (end - start) / PAGE;

	switch (below(f, 5)) {
	case 0: return start + below(f, 64);
	case 1: return end - 1 - below(f, 64);
	case 2: return start + (1 + below(f, pages - 1)) * PAGE - 8 + below(f, 16);
	default: return start + below(f, end - start);
	}
}

/* A pointer the kernel only reads from: anywhere, in or out of the partition. */
static uint32_t input_pointer(struct fuzzer *f)
{
	switch (below(f, 8)) {
	case 0: case 1: case 2: return foreign_address(f);
	case 3: return BH_PTR(message);
	default: return own_address_in(f, BH_PARTITION_BASE, memory_end);
	}
}

/* A pointer the kernel may write to: outside, or in this vcpu's part of the memory nothing uses. */
static uint32_t output_pointer(struct fuzzer *f)
{
	return below(f, 8) < 3 ? foreign_address(f) : own_address_in(f, f->output_start, f->output_end);
}

/* Optional output: NULL (allowed: nothing written) or a pointer. */
static uint32_t optional_output(struct fuzzer *f)
{
	return below(f, 4) == 0 ? 0 : output_pointer(f);
}

static uint32_t length(struct fuzzer *f, uint32_t pointer)
{
	switch (below(f, 10)) {
	case 0: return 0u - pointer;                           /* ends exactly at 4 GiB: wraps to 0 */
	case 1: return 0u - pointer + 1 + below(f, 16);        /* wraps past 0 */
	case 2: return memory_end - pointer;                   /* ends exactly at the end of memory */
	case 3: return memory_end - pointer + 1 + below(f, 4); /* just past it */
	case 4: return bh_random_next(&f->rng);
	default:
		return PICK(f, 0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257,
			    1023, 1024, 1025, 4095, 4096, 0x7fffffff, 0x80000000u, 0xfffffff0u,
			    0xffffffffu);
	}
}

static uint32_t any(struct fuzzer *f)
{
	switch (below(f, 4)) {
	case 0: return PICK(f, 0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
			    0x10000, 0x7fffffff, 0x80000000u, 0xfffffffeu, 0xffffffffu);
	case 1: return foreign_address(f);
	case 2: return own_address_in(f, BH_PARTITION_BASE, memory_end);
	default: return bh_random_next(&f->rng);
	}
}

/* A vcpu index of this partition: its own, the victim's, just past the last, or far off. */
static uint32_t vcpu_index(struct fuzzer *f)
{
	uint32_t i = PICK(f, 0, 1, VICTIM, VCPUS, BH_MAX_VCPUS_PER_PARTITION, 0x7fffffff,
			  0x80000000u, 0xffffffffu, 0xfffffffeu, 0x100);

	return (i < FUZZERS && i != f->index) ? VICTIM : i;
}

static uint32_t partition_id(struct fuzzer *f)
{
	if (below(f, 2))
		return below(f, 8);                                   /* every real one, and more */
	return PICK(f, BH_SELF, 8, 99, 0x7fffffff, 0x80000000u, 0xfffffffeu, 0x100);
}

static uint32_t handle(struct fuzzer *f)
{
	return PICK(f, 0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 15, 16, 255, 256, 0x7fffffff, 0xffffffffu,
		    0x80000000u);
}

static uint64_t nanoseconds(struct fuzzer *f)
{
	static const uint64_t values[] = {
		0, 1, 9999, 10000, 10001, 20000, 1000000, 1000000000, 3600000000000ull,
		3600000000001ull, 0xffffffffull, 0x100000000ull, 0x7fffffffffffffffull,
		0xffffffffffffffffull,
	};

	if (below(f, 5) == 0)
		return (uint64_t)bh_random_next(&f->rng) << 32 | bh_random_next(&f->rng);
	return values[below(f, sizeof(values) / sizeof(values[0]))];
}

static uint32_t number(struct fuzzer *f)
{
	uint32_t n;

	if (below(f, 16) == 0) {
		if (below(f, 8) == 0)
			return bh_random_next(&f->rng) | 0x100;
		return PICK(f, BH_HC_COUNT, BH_HC_COUNT + 1, 0x80, 0xff, 0x7fffffff, 0x80000000u,
			    0xffffffffu);
	}
	do
		n = below(f, BH_HC_COUNT);
	while (n == BH_HC_VCPU_HALT);
	return n;
}

static uint32_t upcall_stack(struct fuzzer *f)
{
	const struct upcall_area *u = &upcall_areas[f->index];
	uint32_t top = BH_PTR(u->stack + sizeof(u->stack)), base = BH_PTR(u->stack);

	switch (below(f, 6)) {
	case 0: return 0;                                   /* the interrupted stack */
	case 1: return foreign_address(f);
	case 2: return base + below(f, 128);                /* too close to a base for the frame? */
	default: return top - PICK(f, 0, 1, 4, 15, 16, 17, 63, 64, 1000);
	}
}

static void victim(void) __attribute__((noreturn));

/* The draw for one call: number and five arguments, made harmless where the header says. */
static uint32_t draw(struct fuzzer *f, uint32_t a[5])
{
	uint32_t n = number(f);
	uint64_t t0, t1;

	for (int i = 0; i < 5; i++)
		a[i] = any(f);
	switch (n) {
	case BH_HC_CONSOLE_WRITE:
		a[0] = input_pointer(f);
		a[1] = length(f, a[0]);
		break;
	case BH_HC_GET_TIME:
		a[0] = output_pointer(f);
		break;
	case BH_HC_VCPU_UP:
		a[0] = vcpu_index(f);
		a[1] = below(f, 2) ? BH_PTR(victim) : foreign_address(f);
		switch (below(f, 4)) {
		case 0: a[2] = foreign_address(f); break;
		case 1: a[2] = PICK(f, BH_PARTITION_BASE, BH_PARTITION_BASE + 3, 4, 0); break;
		default: a[2] = BH_PTR(victim_stack + sizeof(victim_stack)) - PICK(f, 4, 20, 1028);
		}
		break;
	case BH_HC_PARTITION_STATUS:
		a[0] = partition_id(f);
		a[1] = output_pointer(f);
		break;
	case BH_HC_PARTITION_SET_MODE:
		a[0] = PICK(f, BH_MODE_NORMAL, 4, 5, 0x100, 0x7fffffff, 0x80000000u, 0xffffffffu,
			    0xfffffffdu);
		break;
	case BH_HC_VINT_SET_UPCALL:
		switch (below(f, 3)) {
		case 0: a[0] = 0; break;
		case 1: a[0] = BH_PTR(bh_upcall_entry); break;
		default: a[0] = foreign_address(f);
		}
		a[1] = upcall_stack(f);
		break;
	case BH_HC_VINT_MASK:
		a[0] = PICK(f, 0, 1, 2, 3, 4, 5, 6, 31, 32, 0xffffffffu);
		break;
	case BH_HC_VINT_DOORBELL:
		a[0] = below(f, 2) ? BH_SELF : partition_id(f);
		a[1] = vcpu_index(f);
		break;
	case BH_HC_VINT_SET_TIMER:
		t0 = nanoseconds(f);
		t1 = nanoseconds(f);
		a[0] = (uint32_t)t0;
		a[1] = (uint32_t)(t0 >> 32);
		a[2] = (uint32_t)t1;
		a[3] = (uint32_t)(t1 >> 32);
		break;
	case BH_HC_VCPU_PAUSE:
	case BH_HC_VCPU_RESUME:
	case BH_HC_VCPU_RESET:
		a[0] = vcpu_index(f);
		break;
	case BH_HC_SHM_OPEN:       /* a name as port_open's: this partition has no shared area */
	case BH_HC_SCHEDULE_FIND:  /* the same names: its deployment has "default" only */
	case BH_HC_PORT_OPEN:
		switch (below(f, 4)) {
		case 0: a[0] = input_pointer(f); break;
		case 1: a[0] = memory_end - 1 - below(f, 40); break;   /* runs off the end unterminated? */
		default: a[0] = BH_PTR(port_names[below(f, sizeof(port_names) / sizeof(port_names[0]))]);
		}
		a[1] = optional_output(f);
		break;
	case BH_HC_SAMPLING_WRITE:
	case BH_HC_QUEUING_SEND:
		a[0] = handle(f);
		a[1] = input_pointer(f);
		a[2] = below(f, 2) ? PICK(f, 0, 1, 4, 8, 16, 31, 32, 33, 63, 64, 65) : length(f, a[1]);
		break;
	case BH_HC_SAMPLING_READ:
		a[0] = handle(f);
		a[1] = output_pointer(f);
		a[2] = below(f, 2) ? PICK(f, 0, 1, 3, 4, 8, 16, 32, 64, 4096) : length(f, a[1]);
		a[3] = optional_output(f);
		break;
	case BH_HC_QUEUING_RECEIVE:
		a[0] = handle(f);
		a[1] = output_pointer(f);
		a[2] = below(f, 2) ? PICK(f, 0, 1, 3, 4, 8, 15, 16, 17, 64, 4096) : length(f, a[1]);
		a[3] = PICK(f, 0, 0, 1, 10, 100, 1000, 0x7fffffff, 0xfffffffeu, BH_WAIT_FOREVER);
		if (a[0] == IN_QUEUE && a[2] < in_queue_max && a[3] > 1000)
			a[3] = 1000;
		break;
	case BH_HC_HM_READ_LOG:
	case BH_HC_PORT_STATUS:
		if (n == BH_HC_PORT_STATUS)
			a[0] = handle(f);
		a[1] = output_pointer(f);
		break;
	case BH_HC_PARTITION_INFO:
	case BH_HC_HM_FAULT_READ:
	case BH_HC_SCHEDULE_STATUS:
		a[0] = output_pointer(f);
		break;
	case BH_HC_QUEUING_CLEAR:
		a[0] = handle(f);
		break;
	case BH_HC_VINT_SET_INFO:
		switch (below(f, 5)) {
		case 0: a[0] = 0; break;
		case 1: a[0] = BH_PTR(&infos[f->index]); break;
		case 2: a[0] = BH_PTR(&infos[f->index]) + 4; break;    /* misaligned */
		case 3: a[0] = foreign_address(f); break;
		default: a[0] = memory_end - 8;                         /* runs past the end */
		}
		break;
	case BH_HC_MEMORY_PROTECT:
		if (below(f, 2))
			a[0] = own_address_in(f, f->output_start, f->output_end) &
			       ~(below(f, 4) ? PAGE - 1 : 0);
		a[1] = below(f, 2) ? PAGE * below(f, 4) : length(f, a[0]);
		/* a range it accepts: read and write only, and only on this vcpu's own outputs */
		if (a[0] % PAGE == 0 && a[1] % PAGE == 0 && inside(a[0]) && a[1] <= memory_end - a[0])
			a[2] = a[0] >= f->output_start && a[0] < f->output_end &&
			       a[1] <= f->output_end - a[0] && below(f, 2) ?
			       BH_PROT_READ | BH_PROT_WRITE :
			       PICK(f, BH_PROT_WRITE, BH_PROT_EXEC, BH_PROT_WRITE | BH_PROT_EXEC,
				    BH_PROT_READ | BH_PROT_WRITE | BH_PROT_EXEC, 8, 0xffffffffu);
		break;
	}
	return n;
}

static uint32_t result_bucket(int32_t r)
{
	if (r >= 0)
		return 0;
	for (uint32_t i = 0; i < CODES; i++)
		if (r == codes[i])
			return 1 + i;
	return RESULTS - 1;
}

/*
 * The peer numbers its messages on the fuzzer's queue 0, 1, 2...: whichever vcpu receives them,
 * each vcpu must see its share in increasing order (a queue is FIFO).
 */
static int in_order(struct fuzzer *f, const uint32_t a[5], int32_t r)
{
	uint32_t sequence;

	if (a[0] != IN_QUEUE || r != sizeof(sequence))
		return 1;
	memcpy(&sequence, (const void *)a[1], sizeof(sequence));
	if (sequence + 1 <= f->last_sequence) {
		/* one wrong read above the rest makes the later ones look wrong: show which came first */
		if (f->wrong < 20)
			printf("\nvcpu %u read sequence %u after %u\n", f->index, sequence,
			       f->last_sequence - 1);
		return 0;
	}
	f->last_sequence = sequence + 1;
	return 1;
}

/* What the ABI promises, where a wrong answer is cheap to see. */
static int plausible(struct fuzzer *f, uint32_t n, const uint32_t a[5], int32_t r)
{
	if (n >= BH_HC_COUNT)
		return r == BH_ENOSYS;
	switch (n) {
	case BH_HC_SYSTEM_SHUTDOWN:
	case BH_HC_HM_READ_LOG:
		return r == BH_EPERM;              /* not a system partition */
	case BH_HC_VINT_RETURN:
		return r == BH_EINVAL;             /* never inside an upcall */
	case BH_HC_ABI_VERSION:
		return r == BH_ABI_VERSION;
	case BH_HC_WHOAMI:
		return (uint32_t)r == (self_id << 8 | f->index);
	case BH_HC_CONSOLE_WRITE:
		return r < 0 || ((uint32_t)r <= a[1] && r <= 256);
	case BH_HC_VINT_ENABLE:
	case BH_HC_VINT_MASK:
		return r < 0 || r <= 1;
	case BH_HC_HM_FAULT_READ:
	case BH_HC_HM_FAULT_ESCALATE:
		return r == BH_ENOENT || r == BH_EFAULT;   /* no fault is ever handed to it */
	case BH_HC_QUEUING_CLEAR:
		return r < 0 || r <= (int32_t)in_queue_depth;
	case BH_HC_PORT_OPEN:
		return r < (int32_t)(sizeof(own_ports) / sizeof(own_ports[0]));
	case BH_HC_SAMPLING_READ:
		return r < 0 || ((uint32_t)r <= a[2] && r <= 64);
	case BH_HC_QUEUING_RECEIVE:
		return r < 0 || ((uint32_t)r <= a[2] && r <= 64 && in_order(f, a, r));
	case BH_HC_MEMORY_PROTECT:
		/* the bytes it changed: the range, or its first 64 pages */
		return r < 0 || (uint32_t)r == (a[1] < 64 * PAGE ? a[1] : 64 * PAGE);
	default:
		return r <= 0;                     /* the others return 0 on success */
	}
}

static int32_t invoke(uint32_t n, const uint32_t a[5])
{
	if (n == BH_HC_VINT_BLOCK) {
		/* scaffolding, not counted: an unmasked timer line ends the block, and delivery is
		 * off so that no upcall consumes the line before the block begins */
		bh_vint_enable(0);
		bh_vint_mask(BH_VINT_TIMER, 0);
		bh_vint_set_timer(0, 20000);
	}
	return bh_hypercall5(n, a[0], a[1], a[2], a[3], a[4]);
}

/*
 * The fuzzed console writes leave the partition's console line unfinished: each report starts
 * with a newline of its own. Only the final report is sure to be clean (the other vcpu is done).
 */
static void end_fuzzed_line(void)
{
	bh_console_write("\n", 1);
}

/* "label: name=count ..." for the non-zero counts, a new line before the console's 120 columns. */
static void print_counts(const char *label, const uint32_t counts[RESULTS])
{
	char line[128], item[32];
	int used = snprintf(line, sizeof(line), "%s:", label), n;

	for (uint32_t i = 0; i < RESULTS; i++) {
		if (!counts[i])
			continue;
		n = snprintf(item, sizeof(item), " %s=%u", result_names[i], counts[i]);
		if (used + n > 110) {
			printf("%s\n", line);
			used = snprintf(line, sizeof(line), "%s:", label);
		}
		memcpy(line + used, item, (uint32_t)n + 1);
		used += n;
	}
	printf("%s\n", line);
}

static void sum_by_result(const struct fuzzer *f, uint32_t counts[RESULTS])
{
	for (uint32_t n = 0; n < NUMBERS; n++)
		for (uint32_t i = 0; i < RESULTS; i++)
			counts[i] += f->tally[n][i];
}

static void fuzz(struct fuzzer *f, uint32_t calls)
{
	uint32_t a[5];

	while (f->calls < calls) {
		uint32_t n = draw(f, a);
		int32_t r = invoke(n, a);

		f->hash = (f->hash ^ n) * 16777619u;
		for (int i = 0; i < 5; i++)
			f->hash = (f->hash ^ a[i]) * 16777619u;

		f->tally[n < BH_HC_COUNT ? n : BH_HC_COUNT][result_bucket(r)]++;
		if (!plausible(f, n, a, r) && f->wrong++ < 20)
			printf("\nvcpu %u call %u: %s(0x%x, 0x%x, 0x%x, 0x%x, 0x%x) returned %d: wrong\n",
			       f->index, f->calls, number_names[n < BH_HC_COUNT ? n : BH_HC_COUNT],
			       a[0], a[1], a[2], a[3], a[4], r);
		if (++f->calls % PROGRESS_EVERY == 0) {
			uint32_t counts[RESULTS] = { 0 };
			char label[48];

			sum_by_result(f, counts);
			end_fuzzed_line();
			snprintf(label, sizeof(label), "vcpu %u after %u calls, hash 0x%08x", f->index,
				 f->calls, f->hash);
			print_counts(label, counts);
		}
	}
}

static void victim(void)
{
	bh_watch_windows(upcall_areas[FUZZERS].stack, sizeof(upcall_areas[FUZZERS].stack));
	for (;;)
		bh_vint_block();
}

static void second_fuzzer(void *arg)
{
	struct fuzzer *f = arg;

	fuzz(f, HC_FUZZ_CALLS / 2);
	f->done = 1;
}

static void report(void)
{
	uint32_t totals[RESULTS] = { 0 }, calls = 0, wrong = 0;
	char label[48];

	end_fuzzed_line();
	for (uint32_t n = 0; n < NUMBERS; n++) {
		uint32_t counts[RESULTS] = { 0 }, sum = 0;

		for (int v = 0; v < FUZZERS; v++)
			for (uint32_t i = 0; i < RESULTS; i++)
				counts[i] += fuzzers[v].tally[n][i];
		for (uint32_t i = 0; i < RESULTS; i++)
			sum += counts[i];
		snprintf(label, sizeof(label), "nr %u %s, %u calls", n, number_names[n], sum);
		print_counts(label, counts);
	}
	for (int v = 0; v < FUZZERS; v++) {
		sum_by_result(&fuzzers[v], totals);
		calls += fuzzers[v].calls;
		wrong += fuzzers[v].wrong;
	}
	for (uint32_t i = 0; i < RESULTS; i++)
		printf("total %s: %u\n", result_names[i], totals[i]);
	for (int v = 0; v < FUZZERS; v++)
		printf("vcpu %u: %u calls drawn, hash 0x%08x\n", v, fuzzers[v].calls, fuzzers[v].hash);
	printf("wrong results: %u\n", wrong);
	printf("%u calls, seed 0x%x, done\n", calls, HC_FUZZ_SEED);
}

static void first_fuzzer(void)
{
	fuzz(&fuzzers[0], HC_FUZZ_CALLS - HC_FUZZ_CALLS / 2);
	while (!fuzzers[1].done)
		bh_yield();
	report();
	bh_set_mode(BH_MODE_IDLE);
	for (;;)
		;
}

/* Moves vcpu 0 off the stack at the top of memory, which the fuzzers use as output buffers. */
static void __attribute__((noreturn)) run_on(uint8_t *stack_top, void (*fn)(void))
{
	__asm__ volatile("movl %0, %%esp\n\tcall *%1" : : "r"(stack_top), "r"(fn) : "memory");
	__builtin_unreachable();
}

int main(void)
{
	struct bh_port_info info;
	uint32_t esp, free_start, part;

	/* vcpu 0 starts with esp at the top of memory: main's frame is in its last page */
	__asm__ volatile("movl %%esp, %0" : "=r"(esp));
	memory_end = (esp + PAGE - 1) & ~(PAGE - 1);
	free_start = (BH_PTR(__partition_end) + 2 * PAGE - 1) & ~(PAGE - 1);
	part = (memory_end - free_start) / FUZZERS & ~(PAGE - 1);
	self_id = bh_partition_id();
	printf("seed 0x%x, %u calls on %u vcpus; memory [0x%x, 0x%x), unused from 0x%x\n",
	       HC_FUZZ_SEED, HC_FUZZ_CALLS, FUZZERS, BH_PARTITION_BASE, memory_end, free_start);
	/* the kernel agrees on the end: an empty write at the last byte passes, at the end fails */
	printf("empty writes at the last byte and at the end: %d %d\n",
	       bh_console_write((const void *)(memory_end - 1), 0),
	       bh_console_write((const void *)memory_end, 0));
	for (uint32_t i = 0; i < sizeof(own_ports) / sizeof(own_ports[0]); i++) {
		int32_t h = bh_port_open(own_ports[i], &info);

		if (h != (int32_t)i)
			printf("port %s: handle %d, expected %u\n", own_ports[i], h, i);
		if (i == IN_QUEUE) {
			in_queue_max = info.max_message;
			in_queue_depth = info.depth;
		}
	}
	for (uint32_t i = 0; i < FUZZERS; i++) {
		fuzzers[i].index = i;
		fuzzers[i].hash = 2166136261u;
		/* a page between the parts: a write near the end of one stays out of the next */
		fuzzers[i].output_start = free_start + i * part;
		fuzzers[i].output_end = i + 1 < FUZZERS ? fuzzers[i].output_start + part - PAGE
							 : memory_end;
		printf("vcpu %u writes its outputs to [0x%x, 0x%x)\n", i, fuzzers[i].output_start,
		       fuzzers[i].output_end);
		bh_random_seed(&fuzzers[i].rng, (uint64_t)i << 32 | HC_FUZZ_SEED);
	}
	/* vcpu 1's outputs run to the end of memory: through vcpu 0's first stack, which main
	 * leaves, and its guard page below (the default 16 KiB stack), made writable again */
	printf("guard page opened: %d\n", bh_memory_protect((const void *)(memory_end - 16 * 1024 - PAGE),
							     PAGE, BH_PROT_READ | BH_PROT_WRITE));
	bh_set_mode(BH_MODE_NORMAL);
	bh_vcpu_up(VICTIM, victim, BH_PTR(victim_stack + sizeof(victim_stack)) - 4);
	bh_vcpu_start(1, second_fuzzer, &fuzzers[1], stacks[1], sizeof(stacks[1]));
	run_on(stacks[0] + sizeof(stacks[0]), first_fuzzer);
}
