/*
 * bench_smp_bell (configs/bench_smp.c): the doorbell from one CPU to another. Vcpu 0 runs on
 * CPU 0, vcpu 1 on CPU 1, in windows at the same time. Each blocks (vint_block) until rung, so
 * the CPU it is on halts meanwhile:
 *   - smp_doorbell: vcpu 0 rings vcpu 1 (vint_doorbell, int $0x80 included) to the first
 *     instruction of vcpu 1's upcall, its rdtsc: the kernel's doorbell, the mailbox and kick
 *     (an IPI) to CPU 1, CPU 1's wake from its halt, its decision and the upcall's delivery;
 *   - smp_doorbell_reply: vcpu 1's upcall rings vcpu 0 back, as its second instruction after the
 *     first read, to vcpu 0's upcall: CPU 0 is then on its way back from its own ring, or blocked.
 * Both are differences of one TSC, which QEMU keeps for the whole machine (docs/bench.md). The
 * system partition: once the other partitions have reported and halted, it shuts the machine
 * down.
 */
#include <bulkhead.h>

#define RING_READ_TO_INT 3        /* rdtsc, movl, movl $13: then the int $0x80 */

_Static_assert(BH_HC_VINT_DOORBELL == 13, "the upcalls ring with hypercall 13");
_Static_assert(BH_HC_VINT_RETURN == 16, "the upcalls return with hypercall 16");
_Static_assert(BH_SELF == 0xffffffffu, "the reply rings BH_SELF");

/* Written by the upcalls below (low TSC words). */
volatile uint32_t bell_entered_0, bell_entered_1, bell_rung_0, bell_rung_1;
volatile uint8_t bell_answered, bell_done;

void bell_upcall_0(void);
void bell_upcall_1(void);

__asm__(".text\n"
	".globl bell_upcall_0, bell_upcall_1\n"
	/* vcpu 0's upcall: the reply has come */
	"bell_upcall_0:\n\t"
	"rdtsc\n\t"
	"movl %eax, bell_entered_0\n\t"
	"movb $1, bell_answered\n\t"
	"movl $16, %eax\n\t"
	"xorl %ebx, %ebx\n\t"
	"int $0x80\n\t"
	"ud2\n"
	/* vcpu 1's upcall: stamps its entry, rings vcpu 0 back with the same probe as the ring */
	"bell_upcall_1:\n\t"
	"rdtsc\n\t"
	"movl %eax, bell_entered_1\n\t"
	"movl $-1, %ebx\n\t"
	"xorl %ecx, %ecx\n\t"
	"rdtsc\n\t"
	"movl %eax, bell_rung_1\n\t"
	"movl $13, %eax\n\t"
	"int $0x80\n\t"
	"movl $16, %eax\n\t"
	"xorl %ebx, %ebx\n\t"
	"int $0x80\n\t"
	"ud2\n");

/* rdtsc; store it to *stamp; eax = doorbell; int $0x80: rings vcpu `vcpu` of this partition.
 * One copy (noinline), so that tools/bench.py finds the ring's int by its label in QEMU's
 * execution log. */
static __attribute__((noinline)) void ring_probe(uint32_t vcpu, volatile uint32_t *stamp)
{
	uint32_t result;

	__asm__ volatile("rdtsc\n\t"
			 "movl %%eax, (%2)\n\t"
			 "movl %3, %%eax\n"
			 ".globl bell_ring_int\n"
			 "bell_ring_int:\n\t"
			 "int $0x80"
			 : "=&a"(result)
			 : "b"(BH_SELF), "r"(stamp), "i"(BH_HC_VINT_DOORBELL), "c"(vcpu)
			 : "edx", "memory");
	(void)result;
}

static void take_doorbells(void (*upcall)(void))
{
	for (uint32_t line = 0; line < BH_VINT_LINES; line++)
		bh_vint_mask(line, line != BH_VINT_DOORBELL);
	bh_vint_set_upcall(upcall, 0);
	bh_vint_enable(1);
}

static uint32_t there_values[BENCH_SAMPLES], back_values[BENCH_SAMPLES];
static struct bh_samples there = BH_SAMPLES(there_values, BENCH_DROP_ABOVE);
static struct bh_samples back = BH_SAMPLES(back_values, BENCH_DROP_ABOVE);
static uint8_t answerer_stack[8192] __attribute__((aligned(16)));

/* Vcpu 1, on CPU 1: says it is ready, then sleeps between rings until told to stop. */
static void answerer(void *arg)
{
	(void)arg;
	take_doorbells(bell_upcall_1);
	bh_vint_doorbell(BH_SELF, 0);
	while (!bell_done)
		bh_vint_block();
}

static void wait_for_answer(void)
{
	while (!bell_answered)
		bh_vint_block();
	bell_answered = 0;
}

/* Every vcpu of the other partitions halts once it has reported (DOWN: its partition is still
 * loading, in its own windows, or has not started that vcpu yet). */
static int others_halted(void)
{
	uint32_t self = bh_partition_id();
	struct bh_partition_status st;

	for (uint32_t id = 0; bh_partition_status(id, &st) == 0; id++)
		for (uint32_t v = 0; id != self && v < st.vcpu_count; v++)
			if (st.vcpu_state[v] != BH_VCPU_HALTED)
				return 0;
	return 1;
}

int main(void)
{
	bh_set_mode(BH_MODE_NORMAL);
	take_doorbells(bell_upcall_0);
	bh_vcpu_start(1, answerer, NULL, answerer_stack, sizeof(answerer_stack));
	wait_for_answer();
	while (!bh_samples_full(&there) || !bh_samples_full(&back)) {
		ring_probe(1, &bell_rung_0);
		wait_for_answer();
		bh_samples_add(&there, bell_entered_1 - bell_rung_0 - RING_READ_TO_INT);
		bh_samples_add(&back, bell_entered_0 - bell_rung_1 - RING_READ_TO_INT);
	}
	bell_done = 1;
	bh_vint_doorbell(BH_SELF, 1);
	wait_for_answer();
	bh_samples_report("smp_doorbell", &there, RING_READ_TO_INT, NULL);
	bh_samples_report("smp_doorbell_reply", &back, RING_READ_TO_INT, NULL);
	while (!others_halted())
		bh_yield();
	printf("BENCH done\n");
	bh_shutdown();
	return 0;
}
