/*
 * An upcall preserves every register: the general registers, the segment registers fs/gs and
 * eflags (CF PF AF ZF SF DF OF) are loaded with patterns, a timer upcall interrupts a spin loop
 * that touches neither registers nor flags (an indirect jmp through memory), and every register
 * is compared afterwards. Repeated many times, the upcall overwriting the frame it was given:
 * vint_return resumes the context the kernel kept, not the one on the stack.
 *
 * Then an upcall entered without the runtime's trampoline checks that upcalls run on a register
 * context of their own (public/vint.h): the partition's flat fs although the interrupted code
 * holds a null one, and esi as the previous upcall left it.
 */
#include <bulkhead.h>

#define ROUNDS 200

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t spin_target;   /* where the spin loop jumps: itself, until the upcall */
static volatile uint32_t upcalls;
extern char spin_loop[], spin_exit[];

struct snapshot {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;   /* pushal order */
	uint32_t eflags, fs, gs;
};

/* Inputs and output of the asm below, in memory: it needs every register for itself. */
uint32_t pattern __attribute__((used));   /* global: the asm names it */
struct snapshot result __attribute__((used));

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	if (line != BH_VINT_TIMER)
		return;
	upcalls++;
	spin_target = (uint32_t)spin_exit;
	memset((void *)frame, 0xee, sizeof(*frame));
}

#define STR_(x) #x
#define STR(x) STR_(x)
#define RAW_UPCALLS 4
#define ESI_MARK 0x5eed0000u
#define USER_DATA_SELECTOR 0x23

/* Written by raw_upcall: per upcall, the esi and fs it found on entry. */
volatile uint32_t raw_count;
volatile uint32_t raw_esi[RAW_UPCALLS], raw_fs[RAW_UPCALLS];
void raw_upcall(void);

__asm__(".text\n"
	".globl raw_upcall\n"
	"raw_upcall:\n\t"
	"movl raw_count, %eax\n\t"
	"cmpl $" STR(RAW_UPCALLS) ", %eax\n\t"
	"jae 1f\n\t"
	"movl %esi, raw_esi(,%eax,4)\n\t"
	"movl %fs, %ecx\n\t"
	"movl %ecx, raw_fs(,%eax,4)\n\t"
	"leal " STR(ESI_MARK) "(%eax), %esi\n\t"   /* for the next upcall to find */
	"incl raw_count\n"
	"1:\n\t"
	"movl $16, %eax\n\t"                          /* BH_HC_VINT_RETURN */
	"int $0x80\n\t"
	"ud2\n");

_Static_assert(BH_HC_VINT_RETURN == 16, "raw_upcall returns with hypercall 16");

/* Upcalls interrupt code running with a null fs; returns how many found what public/vint.h says. */
static uint32_t upcall_context_checks(uint32_t *carried)
{
	uint32_t flat = 0;

	bh_vint_set_upcall(raw_upcall, BH_PTR(upcall_stack) + sizeof(upcall_stack));
	__asm__ volatile("pushl $0\n\t popl %%fs" : : : "memory");
	for (uint32_t k = 0; k < RAW_UPCALLS; k++) {
		bh_vint_set_timer(0, 20000);
		while (raw_count == k)
			;
	}
	__asm__ volatile("pushl $" STR(USER_DATA_SELECTOR) "\n\t popl %%fs" : : : "memory");
	*carried = 0;
	for (uint32_t k = 0; k < RAW_UPCALLS; k++) {
		flat += raw_fs[k] == USER_DATA_SELECTOR;
		*carried += k > 0 && raw_esi[k] == ESI_MARK + k - 1;
	}
	return flat;
}

/* Loads the patterns, spins until an upcall redirects the loop, and records the registers. */
static void round_trip(uint32_t seed)
{
	spin_target = (uint32_t)spin_loop;
	pattern = seed * 0x01010101u;
	bh_vint_set_timer(0, 20000 + seed * 37);
	__asm__ volatile(
		"pushl %%ebp\n\t"
		"pushl $result\n\t"                 /* the result's address, found again via esp */
		"movl pattern, %%eax\n\t"
		"movl %%eax, %%ebx\n\t xorl $0x11111111, %%ebx\n\t"
		"movl %%eax, %%ecx\n\t xorl $0x22222222, %%ecx\n\t"
		"movl %%eax, %%edx\n\t xorl $0x33333333, %%edx\n\t"
		"movl %%eax, %%esi\n\t xorl $0x44444444, %%esi\n\t"
		"movl %%eax, %%edi\n\t xorl $0x55555555, %%edi\n\t"
		"movl %%eax, %%ebp\n\t xorl $0x66666666, %%ebp\n\t"
		"pushl $0\n\t popl %%fs\n\t"        /* fs: null selector, gs: the user data selector */
		"pushl $0x23\n\t popl %%gs\n\t"
		"pushl $0xcd5\n\t popfl\n\t"       /* CF PF AF ZF SF DF OF all set, IF kept by the kernel */
		".globl spin_loop\n"
		"spin_loop:\n\t"
		"jmp *spin_target\n"
		".globl spin_exit\n"
		"spin_exit:\n\t"
		"pushfl\n\t"
		"cld\n\t"
		"pushal\n\t"                        /* esp here: 8 registers, eflags, the pointer */
		"movl 36(%%esp), %%ebp\n\t"         /* the result pointer */
		"movl 0(%%esp), %%eax\n\t movl %%eax, 0(%%ebp)\n\t"
		"movl 4(%%esp), %%eax\n\t movl %%eax, 4(%%ebp)\n\t"
		"movl 8(%%esp), %%eax\n\t movl %%eax, 8(%%ebp)\n\t"
		"movl 12(%%esp), %%eax\n\t movl %%eax, 12(%%ebp)\n\t"
		"movl 16(%%esp), %%eax\n\t movl %%eax, 16(%%ebp)\n\t"
		"movl 20(%%esp), %%eax\n\t movl %%eax, 20(%%ebp)\n\t"
		"movl 24(%%esp), %%eax\n\t movl %%eax, 24(%%ebp)\n\t"
		"movl 28(%%esp), %%eax\n\t movl %%eax, 28(%%ebp)\n\t"
		"movl 32(%%esp), %%eax\n\t movl %%eax, 32(%%ebp)\n\t"
		"movl %%fs, %%eax\n\t movl %%eax, 36(%%ebp)\n\t"
		"movl %%gs, %%eax\n\t movl %%eax, 40(%%ebp)\n\t"
		"addl $40, %%esp\n\t"
		"popl %%ebp\n\t"
		"pushl $0x23\n\t popl %%fs\n\t"
		: : : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
}

int main(void)
{
	uint32_t bad = 0;

	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_enable(1);
	for (uint32_t round = 1; round <= ROUNDS; round++) {
		const struct snapshot s = (round_trip(round), result);
		uint32_t p = round * 0x01010101u;

		if (s.eax != p || s.ebx != (p ^ 0x11111111u) || s.ecx != (p ^ 0x22222222u) ||
		    s.edx != (p ^ 0x33333333u) || s.esi != (p ^ 0x44444444u) ||
		    s.edi != (p ^ 0x55555555u) || s.ebp != (p ^ 0x66666666u) ||
		    (s.eflags & 0xcd5) != 0xcd5 || s.fs != 0 || s.gs != 0x23) {
			bad++;
			printf("round %u: eax %x ebx %x ecx %x edx %x esi %x edi %x ebp %x eflags %x fs %x gs %x\n",
			       round, s.eax, s.ebx, s.ecx, s.edx, s.esi, s.edi, s.ebp, s.eflags, s.fs, s.gs);
		}
	}
	printf("registers: %u rounds, %u upcalls, %u corrupted\n", ROUNDS, upcalls, bad);
	{
		uint32_t carried, flat = upcall_context_checks(&carried);

		printf("upcall context: %u upcalls, fs flat in %u, esi carried over in %u of %u\n",
		       raw_count, flat, carried, RAW_UPCALLS - 1);
	}
	for (;;)
		bh_vint_block();
}
