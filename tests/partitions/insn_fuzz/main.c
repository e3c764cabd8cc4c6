/*
 * Instruction fuzzer. From a seed (INSN_FUZZ_SEED, printed at start; mk/reliability.mk builds
 * another), vcpu 0 writes a sequence of random bytes into a code page it owns, followed by a jump
 * back, and runs it with random registers on a scratch stack, again and again. Most sequences
 * fault (invalid opcodes, privileged instructions, stray memory accesses, int n, ...); one in
 * eight also has a hypercall planted at a random place: `mov $n, %eax; int $0x80` with n a random
 * hypercall number (never vcpu_halt or partition_set_mode, below) and whatever the other registers
 * hold by then.
 * The deployment has the health monitor warm-restart the partition on every event: memory is kept,
 * so main resumes with the iteration counter and the generator's state where they were. It stops
 * itself after INSN_FUZZ_FAULTS faults as the kernel counts them (partition_status).
 *
 * Sequences that loop forever: a periodic virtual timer upcall (its own stack, only the timer
 * line unmasked), re-armed before each sequence (a planted call may have changed it), checks that
 * the iteration counter moved since the last tick; if not, it warm-restarts the partition itself
 * (partition_set_mode), so a loop costs at most two periods.
 *
 * What can still stop it, rarely enough to accept (a given seed either does or does not): a
 * sequence that happens to build eax = 6 (vcpu_halt: no upcall reaches a halted vcpu) or eax = 8
 * with ebx = 0, 1 or 2 (set_mode IDLE, cold or warm start) before an `int $0x80` of its own; eax is
 * never drawn as either, ebx never below 3. Or one that turns the upcall off and then loops. The
 * memory it writes at random addresses is mostly far from its own state: 4 GiB of addresses,
 * 1 MiB of memory, its code and counters in the first few pages.
 */
#include <bulkhead.h>

#ifndef INSN_FUZZ_SEED
#define INSN_FUZZ_SEED 0x1a5e0001u
#endif
#ifndef INSN_FUZZ_FAULTS
#define INSN_FUZZ_FAULTS 100000u
#endif

#define PAGE 4096u
#define LONGEST 24                     /* random bytes per sequence (+ 7 planted) */
#define ENTRY 2048                     /* where a sequence starts in the code page */
#define TRAP_FILL 0xcc                 /* int3 around it: a short jump out lands on a fault */
#define WATCH_PERIOD_NS 50000u
#define PROGRESS_EVERY 10000u
#define SCRATCH_OFFSET (256u << 10)    /* registers point around here, the stack just below */
#define SCRATCH_SPAN (256u << 10)

/* Kept across warm restarts: the partition's memory is. */
static struct bh_random rng;
static uint32_t started, sequences, completed, stalls, reported;
static volatile uint32_t progress, watched;
static uint8_t code[2 * PAGE] __attribute__((aligned(PAGE)));
static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

/* For the trampoline below. */
uint32_t insn_registers[7];            /* eax ebx ecx edx esi edi ebp */
uint32_t insn_saved_esp, insn_entry, insn_stack;
extern void insn_landing(void);
void insn_run(void);

/*
 * Runs the sequence at insn_entry with insn_registers and esp = insn_stack; a sequence that
 * finishes jumps to insn_landing, which restores the data segments (it may have loaded others),
 * the direction flag and the C stack.
 */
__asm__(".text\n"
	".globl insn_run\n"
	"insn_run:\n\t"
	"pushl %ebp\n\t pushl %ebx\n\t pushl %esi\n\t pushl %edi\n\t"
	"movl %esp, insn_saved_esp\n\t"
	"movl insn_stack, %esp\n\t"
	"movl insn_registers + 4, %ebx\n\t"
	"movl insn_registers + 8, %ecx\n\t"
	"movl insn_registers + 12, %edx\n\t"
	"movl insn_registers + 16, %esi\n\t"
	"movl insn_registers + 20, %edi\n\t"
	"movl insn_registers + 24, %ebp\n\t"
	"movl insn_registers, %eax\n\t"
	"jmp *insn_entry\n"
	".globl insn_landing\n"
	"insn_landing:\n\t"
	"movl %ss, %eax\n\t"
	"movl %eax, %ds\n\t movl %eax, %es\n\t movl %eax, %fs\n\t movl %eax, %gs\n\t"
	"cld\n\t"
	"movl insn_saved_esp, %esp\n\t"
	"popl %edi\n\t popl %esi\n\t popl %ebx\n\t popl %ebp\n\t"
	"ret\n");

static uint32_t memory_end;

/* Any number up to 31 but those that would stop the fuzzer for good. */
static uint32_t hypercall_number(void)
{
	uint32_t n;

	do
		n = bh_random_below(&rng, 32);
	while (n == BH_HC_VCPU_HALT || n == BH_HC_PARTITION_SET_MODE);
	return n;
}

static uint32_t draw_register(uint32_t which)
{
	uint32_t scratch = BH_PARTITION_BASE + SCRATCH_OFFSET;

	switch (bh_random_below(&rng, 4)) {
	case 0:
		return scratch + bh_random_below(&rng, SCRATCH_SPAN);
	case 1:
		return which == 0 ? hypercall_number() : 3 + bh_random_below(&rng, 29);
	default:
		return bh_random_next(&rng);
	}
}

static void prepare(void)
{
	uint8_t *at = code + ENTRY;
	uint32_t length = 1 + bh_random_below(&rng, LONGEST);
	int32_t back;

	/* W^X: the code pages are writable while the sequence is written, executable while it runs */
	bh_memory_protect(code, sizeof(code), BH_PROT_READ | BH_PROT_WRITE);
	memset(code, TRAP_FILL, sizeof(code));
	for (uint32_t i = 0; i < length; i++)
		at[i] = (uint8_t)bh_random_next(&rng);
	if (bh_random_below(&rng, 8) == 0) {
		uint32_t where = bh_random_below(&rng, length), n = hypercall_number();

		at[where] = 0xb8;                       /* mov $n, %eax */
		memcpy(at + where + 1, &n, sizeof(n));
		at[where + 5] = 0xcd;                   /* int $0x80 */
		at[where + 6] = 0x80;
		if (where + 7 > length)
			length = where + 7;
	}
	/* jmp rel32 to the landing */
	back = (int32_t)(BH_PTR(insn_landing) - BH_PTR(at + length + 5));
	at[length] = 0xe9;
	memcpy(at + length + 1, &back, sizeof(back));
	for (int r = 0; r < 7; r++)
		insn_registers[r] = draw_register((uint32_t)r);
	insn_entry = BH_PTR(at);
	bh_memory_protect(code, sizeof(code), BH_PROT_READ | BH_PROT_EXEC);
	insn_stack = BH_PARTITION_BASE + SCRATCH_OFFSET - 16 * bh_random_below(&rng, 16);
}

/* The watchdog: a tick without progress means the sequence loops; start over at main. */
static void on_tick(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line != BH_VINT_TIMER)
		return;
	if (progress != watched) {
		watched = progress;
		return;
	}
	stalls++;
	bh_set_mode(BH_MODE_WARM_START);
}

static void watch(void)
{
	watched = progress;
	bh_upcall_register(on_tick, upcall_stack, sizeof(upcall_stack));
	for (uint32_t line = 0; line < BH_VINT_LINES; line++)
		bh_vint_mask(line, line != BH_VINT_TIMER);
	bh_vint_enable(1);
}

static void report(const struct bh_partition_status *st)
{
	printf("%u sequences, %u faults, %u restarts by the health monitor and %u by the watchdog, "
	       "%u sequences completed\n", sequences, st->faults, st->restarts, stalls, completed);
}

int main(void)
{
	struct bh_partition_status st;
	uint32_t esp;

	__asm__ volatile("movl %%esp, %0" : "=r"(esp));
	memory_end = (esp + PAGE - 1) & ~(PAGE - 1);
	if (!started) {
		started = 1;
		bh_random_seed(&rng, INSN_FUZZ_SEED);
		printf("seed 0x%x, until %u faults; memory [0x%x, 0x%x)\n", INSN_FUZZ_SEED,
		       INSN_FUZZ_FAULTS, BH_PARTITION_BASE, memory_end);
		bh_set_mode(BH_MODE_NORMAL);
	}
	bh_partition_status(BH_SELF, &st);
	if (st.faults >= INSN_FUZZ_FAULTS) {
		report(&st);
		printf("%u faults survived, seed 0x%x, done\n", st.faults, INSN_FUZZ_SEED);
		bh_set_mode(BH_MODE_IDLE);
	}
	if (st.faults / PROGRESS_EVERY > reported) {
		reported = st.faults / PROGRESS_EVERY;
		report(&st);
	}
	watch();
	for (;;) {
		prepare();
		sequences++;
		progress++;
		bh_vint_set_timer(WATCH_PERIOD_NS, WATCH_PERIOD_NS);
		insn_run();
		completed++;
	}
}
