/*
 * A ring-3 iret whose frame has EFLAGS.VM set (found by insn_fuzz, seed 0x1a5e0001, sequence 445:
 * "inc esp; pop edx; iret" over a scratch stack). A CPU ignores VM below ring 0; QEMU enters
 * virtual-8086 mode, even with IOPL 3. There the first instruction fetch faults (nothing below
 * 1 MiB is a partition's), and the CPU stores a virtual-8086 frame: 16 bytes longer than a
 * ring-3 frame, with the V86 code segment where the kernel looks for the caller's privilege.
 * The kernel must take it as this partition's fault, whatever those bits say: round 1 with an
 * even code segment, round 2 with an odd one. Then, with interrupts on in the frame, 3000 rounds
 * with a virtual timer due 10 ns later each 20 rounds and the escape one instruction later each
 * round, so that some interrupts arrive on the first V86 instruction boundary, before the fetch
 * faults: the frame is the same, the vector is not. The kernel reads the clock for the timer
 * somewhere inside the vint_set_timer call, so only delays up to that call's length (and the
 * 120 ns or so of the kernel's way out after it, where the timer is set: 12 ticks more) can meet
 * the escape: the first timer round measures it (the TSC counts instructions under -icount) and
 * the rounds sweep those delays over and over, each pass meeting the boundary at a different
 * phase of the 10 ns clock tick. The deployment warm-restarts it on each fault.
 */
#include <bulkhead.h>

#define EFLAGS_VM_IOPL3 0x00023002u
#define EFLAGS_IF 0x200u
#define TIMER_ROUNDS 3000
#define PADS 20                        /* single nops added before the escape */

static uint32_t round;
static uint32_t delays;                /* 10 ns timer ticks swept, measured in the first round */
extern char pad_end[];

/* A sled of nops: calling pad_end - n executes exactly n of them. */
__asm__(".text\n"
	".fill 32, 1, 0x90\n"
	".globl pad_end\n"
	"pad_end:\n\t"
	"ret\n");

static void escape(uint32_t cs, uint32_t eflags, uint32_t pad)
{
	void (*nops)(void) = (void (*)(void))(pad_end - pad);

	nops();
	__asm__ volatile("pushl $0\n\t pushl $0\n\t pushl $0\n\t pushl $0\n\t"   /* gs fs ds es */
			 "pushl $0\n\t pushl $0x100\n\t"                          /* ss esp */
			 "pushl %1\n\t pushl %0\n\t pushl $0x1000\n\t"            /* eflags cs eip */
			 "iret"
			 : : "r"(cs), "r"(eflags) : "memory");
	printf("round %u: still in protected mode: wrong\n", round);
}

int main(void)
{
	uint32_t step;

	round++;
	if (round <= 2) {
		printf("round %u: iret to virtual-8086 mode, cs 0x%x\n", round, round == 1 ? 0 : 3);
		escape(round == 1 ? 0x0000 : 0x0003, EFLAGS_VM_IOPL3, 0);
	}
	step = round - 3;
	if (!delays) {
		uint64_t start = bh_rdtsc();

		bh_vint_set_timer(0, 0);
		delays = (uint32_t)(bh_rdtsc() - start) / 10 + 12;
		printf("timer delays swept: 0 to %u ticks\n", delays - 1);
	}
	if (step < TIMER_ROUNDS) {
		/* a timer due in 10 ns steps, then nops one by one: every instruction boundary is met */
		bh_vint_set_timer(0, 1 + 10 * ((step / PADS) % delays));
		escape(0x0000, EFLAGS_VM_IOPL3 | EFLAGS_IF, step % PADS);
	}
	printf("survived %u escapes to virtual-8086 mode\n", round - 1);
	for (;;)
		bh_yield();
}
