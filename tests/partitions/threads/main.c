/*
 * A partition's own thread scheduler on one vcpu (ABI v2, public/vint.h): three threads, each on
 * its own stack, run a loop that keeps patterns in every general register, in fs and gs and in
 * the flags (DF and the arithmetic ones), derived from an iteration count, and checks them all at
 * every iteration. A periodic timer upcall saves the interrupted thread's context from its frame
 * and resumes the next thread's (bh_upcall_resume): round robin, SWITCHES times, then main's.
 * A register a switch corrupted shows as a thread stopping at its check (thread_failed).
 */
#include <bulkhead.h>

#define THREADS 3
#define SWITCHES 300
#define PERIOD_NS 20000u
#define STACK_SIZE 1024

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static uint8_t stacks[THREADS][STACK_SIZE] __attribute__((aligned(16)));

/* Written by the threads' loops (the asm below). */
volatile uint32_t thread_sp[THREADS], thread_iterations[THREADS];
volatile uint32_t thread_failed, thread_failed_at;
void thread0_entry(void), thread1_entry(void), thread2_entry(void);

/*
 * THREAD k, x, f, seg: eax counts iterations, ebx..ebp are eax xor constants of x, eflags holds
 * f (plus IF and the reserved bit), fs and gs hold seg. The check of the flags comes first,
 * before any instruction changes them; then esp, each register, fs and gs.
 */
__asm__(".macro CHECK_REG reg, c\n\t"
	"pushl %eax\n\t xorl $\\c, (%esp)\n\t cmpl (%esp), \\reg\n\t jne 9f\n\t addl $4, %esp\n"
	".endm\n"
	".macro SET_REG reg, c\n\t"
	"movl %eax, \\reg\n\t xorl $\\c, \\reg\n"
	".endm\n"
	".macro THREAD k, x, f, seg\n"
	".globl thread\\k\\()_entry\n"
	"thread\\k\\()_entry:\n\t"
	"movl %esp, thread_sp + 4 * \\k\n\t"
	"xorl %eax, %eax\n\t"
	"jmp 2f\n"
	"1:\n\t"
	"pushfl\n\t cmpl $(0x202 | \\f), (%esp)\n\t jne 9f\n\t addl $4, %esp\n\t"
	"cmpl thread_sp + 4 * \\k, %esp\n\t jne 9f\n\t"
	"CHECK_REG %ebx, (\\x ^ 0x11111111)\n\t"
	"CHECK_REG %ecx, (\\x ^ 0x22222222)\n\t"
	"CHECK_REG %edx, (\\x ^ 0x33333333)\n\t"
	"CHECK_REG %esi, (\\x ^ 0x44444444)\n\t"
	"CHECK_REG %edi, (\\x ^ 0x55555555)\n\t"
	"CHECK_REG %ebp, (\\x ^ 0x66666666)\n\t"
	"pushl %fs\n\t cmpw $\\seg, (%esp)\n\t jne 9f\n\t addl $4, %esp\n\t"
	"pushl %gs\n\t cmpw $\\seg, (%esp)\n\t jne 9f\n\t addl $4, %esp\n\t"
	"incl %eax\n\t"
	"movl %eax, thread_iterations + 4 * \\k\n"
	"2:\n\t"
	"SET_REG %ebx, (\\x ^ 0x11111111)\n\t"
	"SET_REG %ecx, (\\x ^ 0x22222222)\n\t"
	"SET_REG %edx, (\\x ^ 0x33333333)\n\t"
	"SET_REG %esi, (\\x ^ 0x44444444)\n\t"
	"SET_REG %edi, (\\x ^ 0x55555555)\n\t"
	"SET_REG %ebp, (\\x ^ 0x66666666)\n\t"
	"pushl $\\seg\n\t popl %fs\n\t pushl $\\seg\n\t popl %gs\n\t"
	"pushl $(0x202 | \\f)\n\t popfl\n\t"
	"jmp 1b\n"
	"9:\n\t"
	"movl %eax, thread_failed_at\n\t"
	"movl $(\\k + 1), thread_failed\n"
	"8:\n\t"
	"jmp 8b\n"
	".endm\n"
	".text\n"
	"THREAD 0, 0x0badf00d, 0xcd5, 0x23\n"   /* CF PF AF ZF SF DF OF */
	"THREAD 1, 0x600dcafe, 0x000, 0\n"      /* none */
	"THREAD 2, 0x13579bdf, 0x491, 0x23\n"   /* CF AF SF DF */
	".purgem THREAD\n .purgem CHECK_REG\n .purgem SET_REG\n");

/* ctx[0]: main's context; ctx[1 + k]: thread k's, as its last upcall frame held it. */
static struct bh_upcall_frame ctx[1 + THREADS];
static uint32_t current, runs[1 + THREADS], progressed, last_iterations[THREADS];
static volatile uint32_t switches, done;

static void start_context(struct bh_upcall_frame *f, void (*entry)(void), uint8_t *stack)
{
	memset(f, 0, sizeof(*f));
	f->eip = BH_PTR(entry);
	f->esp = BH_PTR(stack + STACK_SIZE);
	f->eflags = 0x202;
	f->cs = BH_USER_CS;
	f->ss = f->ds = f->es = f->fs = f->gs = BH_USER_DS;
}

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	uint32_t next;

	if (line != BH_VINT_TIMER)
		return;
	ctx[current] = *frame;
	if (current) {
		uint32_t k = current - 1;

		progressed += thread_iterations[k] != last_iterations[k];
		last_iterations[k] = thread_iterations[k];
	}
	if (++switches > SWITCHES) {
		bh_vint_set_timer(0, 0);
		done = 1;
		next = 0;
	} else {
		next = current % THREADS + 1;
	}
	runs[next]++;
	current = next;
	bh_upcall_resume(&ctx[next]);
}

int main(void)
{
	start_context(&ctx[1], thread0_entry, stacks[0]);
	start_context(&ctx[2], thread1_entry, stacks[1]);
	start_context(&ctx[3], thread2_entry, stacks[2]);
	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_enable(1);
	bh_vint_set_timer(PERIOD_NS, 0);
	while (!done)
		;
	printf("threads: %u switches, runs %u %u %u, progress in %u of %u runs, iterations %u %u %u, "
	       "failed %u\n", switches - 1, runs[1], runs[2], runs[3], progressed, runs[1] + runs[2] +
	       runs[3], thread_iterations[0], thread_iterations[1], thread_iterations[2],
	       thread_failed);
	if (thread_failed)
		printf("thread %u failed its check at iteration %u\n", thread_failed - 1,
		       thread_failed_at);
	for (;;)
		bh_vint_block();
}
