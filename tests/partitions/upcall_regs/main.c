/*
 * An upcall preserves every register: the general registers, the segment registers fs/gs and
 * eflags (CF PF AF ZF SF DF OF) are loaded with patterns, a timer upcall interrupts a spin loop
 * that touches neither registers nor flags (an indirect jmp through memory), and every register
 * is compared afterwards. Repeated many times, the upcall overwriting the frame it was given:
 * vint_return resumes the context the kernel kept, not the one on the stack.
 *
 * Then an upcall entered without the runtime's trampoline checks the registers public/vint.h
 * defines at an upcall's entry (eax the line, ecx the frame's address, edx its missed count, ebx,
 * esi, edi and ebp zero, eflags IF only, every selector flat), though the interrupted code holds
 * patterns in every register, null es/fs/gs and DF, AC and the arithmetic flags set, and the
 * previous upcall returned with marks in its own registers and DF set.
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
#define USER_CS 0x1b
#define USER_DS 0x23

/*
 * What raw_upcall pushes at its entry, before it changes anything: the selectors, eflags and the
 * general registers, then the kernel's call frame above them.
 */
struct entry_state {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;   /* pushal order */
	uint32_t eflags, cs, ss, ds, es, fs, gs;
	uint32_t return_address, line;
	const struct bh_upcall_frame *frame;
};

volatile uint32_t raw_count, raw_defined;
static volatile uint32_t raw_target;      /* where the interrupted loop jumps: itself, or out */
void raw_upcall(void);
void raw_record(const struct entry_state *s);
extern char raw_spin[], raw_exit[];

/* Pushes the entry state, records it, then returns with marks in the registers and DF set, for
 * the next upcall to find none of them. */
__asm__(".text\n"
	".globl raw_upcall\n"
	"raw_upcall:\n\t"
	"pushl %gs\n\t pushl %fs\n\t pushl %es\n\t pushl %ds\n\t pushl %ss\n\t pushl %cs\n\t"
	"pushfl\n\t"
	"pushal\n\t"
	"pushl %esp\n\t"
	"call raw_record\n\t"
	"movl $0xbad0000b, %ecx\n\t movl $0xbad0000d, %edx\n\t movl $0xbad0005e, %esi\n\t"
	"movl $0xbad000d1, %edi\n\t movl $0xbad000bb, %ebp\n\t"
	"xorl %ebx, %ebx\n\t"                        /* vint_return(0) */
	"movl $16, %eax\n\t"                          /* BH_HC_VINT_RETURN */
	"std\n\t"
	"int $0x80\n\t"
	"ud2\n");

_Static_assert(BH_HC_VINT_RETURN == 16, "raw_upcall returns with hypercall 16");

void raw_record(const struct entry_state *s)
{
	/* esp before pushal: the 7 pushes of selectors and eflags below the kernel's call frame */
	uint32_t entry_esp = s->esp + 7 * 4;
	const struct bh_upcall_frame *f = s->frame;
	uint32_t ok = s->eax == BH_VINT_TIMER && s->line == BH_VINT_TIMER &&
		      s->ecx == BH_PTR(f) && entry_esp + 8 == BH_PTR(&s->frame) &&
		      (entry_esp + 4) % 16 == 0 && s->edx == f->missed &&
		      !s->ebx && !s->esi && !s->edi && !s->ebp && s->eflags == 0x202 &&
		      (s->cs & 0xffff) == USER_CS && (s->ss & 0xffff) == USER_DS &&
		      (s->ds & 0xffff) == USER_DS && (s->es & 0xffff) == USER_DS &&
		      (s->fs & 0xffff) == USER_DS && (s->gs & 0xffff) == USER_DS;

	if (!ok)
		printf("raw upcall %u: eax %x ecx %x (frame %p) edx %x (missed %u) ebx %x esi %x edi %x "
		       "ebp %x eflags %x cs %x ss %x ds %x es %x fs %x gs %x\n", raw_count, s->eax,
		       s->ecx, (const void *)f, s->edx, f->missed, s->ebx, s->esi, s->edi, s->ebp,
		       s->eflags, s->cs & 0xffff, s->ss & 0xffff, s->ds & 0xffff, s->es & 0xffff,
		       s->fs & 0xffff, s->gs & 0xffff);
	raw_defined += ok;
	raw_count++;
	raw_target = BH_PTR(raw_exit);
}

/* Upcalls interrupt a loop whose every register holds a pattern; returns how many found the
 * registers public/vint.h defines. */
static uint32_t upcall_context_checks(void)
{
	bh_vint_set_upcall(raw_upcall, BH_PTR(upcall_stack) + sizeof(upcall_stack));
	for (uint32_t k = 0; k < RAW_UPCALLS; k++) {
		raw_target = BH_PTR(raw_spin);
		bh_vint_set_timer(0, 20000 + k * 53);
		__asm__ volatile(
			"pushl %%ebp\n\t"
			"movl $0x1111aaaa, %%eax\n\t movl $0x2222bbbb, %%ebx\n\t"
			"movl $0x3333cccc, %%ecx\n\t movl $0x4444dddd, %%edx\n\t"
			"movl $0x5555eeee, %%esi\n\t movl $0x6666ffff, %%edi\n\t"
			"movl $0x77770000, %%ebp\n\t"
			"pushl $0\n\t popl %%es\n\t pushl $0\n\t popl %%fs\n\t pushl $0\n\t popl %%gs\n\t"
			"pushl $0x40cd5\n\t popfl\n\t"   /* AC, DF and the arithmetic flags */
			".globl raw_spin\n"
			"raw_spin:\n\t"
			"jmp *raw_target\n"
			".globl raw_exit\n"
			"raw_exit:\n\t"
			"pushl $0x202\n\t popfl\n\t"
			"pushl $" STR(USER_DS) "\n\t popl %%es\n\t"
			"pushl $" STR(USER_DS) "\n\t popl %%fs\n\t"
			"pushl $" STR(USER_DS) "\n\t popl %%gs\n\t"
			"popl %%ebp\n\t"
			: : : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
	}
	return raw_defined;
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
		uint32_t defined = upcall_context_checks();

		printf("upcall context: %u upcalls, the defined registers in %u\n", raw_count, defined);
	}
	for (;;)
		bh_vint_block();
}
