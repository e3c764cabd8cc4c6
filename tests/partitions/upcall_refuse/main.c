/*
 * vint_return(frame) refusals (public/vint.h): inside one timer upcall, contexts with a bad frame
 * address, eip, esp, selector or eflags bit are each refused with their error, the upcall going
 * on; then vint_return(0) resumes what the timer interrupted. Then four upcalls each hand back
 * the interrupted context with AC, DF, ID or every arithmetic flag added, which must be installed:
 * a landing pad records the flags it starts with and goes back to the interrupted code.
 * Uses its own upcall entry (the runtime's halts the vcpu on a refusal).
 */
#include <bulkhead.h>

#define MEMORY_END (BH_PARTITION_BASE + 256 * 1024)   /* tests/configs/abi2.c */
#define OUTSIDE 0x00001000u

#define TF 0x100u
#define IOPL3 0x3000u
#define NT 0x4000u
#define RF 0x10000u
#define VM 0x20000u
#define AC 0x40000u
#define VIF 0x80000u
#define VIP 0x100000u
#define ID 0x200000u
#define DF 0x400u
#define ARITHMETIC 0x8d5u                  /* CF PF AF ZF SF OF */

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

void raw_upcall(void);
const struct bh_upcall_frame *refuse_upcall(const struct bh_upcall_frame *f);
void accept_landing(void);
/* Between the upcall and the landing pad (the asm names them). */
volatile uint32_t interrupted_eip, interrupted_eflags, landed_flags, landed, accept_error;

/* The upcall calls refuse_upcall(frame) and hands vint_return what it returns; a refused
 * (accepted-case) frame comes back with its error, kept, then vint_return(0). */
__asm__(".text\n"
	".globl raw_upcall, accept_landing\n"
	"raw_upcall:\n\t"
	"subl $8, %esp\n\t"
	"pushl %ecx\n\t"                          /* the frame: ecx at an upcall's entry */
	"call refuse_upcall\n\t"
	"movl %eax, %ebx\n\t"
	"movl $16, %eax\n\t"                      /* BH_HC_VINT_RETURN */
	"int $0x80\n\t"
	"movl %eax, accept_error\n\t"
	"xorl %ebx, %ebx\n\t"
	"movl $16, %eax\n\t"
	"int $0x80\n\t"
	"ud2\n"
	/* the accepted context starts here: records its flags, then resumes the interrupted code */
	"accept_landing:\n\t"
	"pushfl\n\t"
	"popl landed_flags\n\t"
	"movl $1, landed\n\t"
	"pushl interrupted_eflags\n\t"
	"popfl\n\t"
	"jmp *interrupted_eip\n");

_Static_assert(BH_HC_VINT_RETURN == 16, "raw_upcall returns with hypercall 16");

enum change { FRAME_AT, EIP, ESP, CS, SS, DS, FS, FLAGS_CLEAR, FLAGS_SET };

static const struct refusal {
	const char *name;
	enum change change;
	uint32_t value;
	int32_t want;
} refusals[] = {
	{ "frame outside memory", FRAME_AT, OUTSIDE, BH_EFAULT },
	{ "frame across the end of memory", FRAME_AT, MEMORY_END - 8, BH_EFAULT },
	{ "eip outside memory", EIP, OUTSIDE, BH_EFAULT },
	{ "eip at the end of memory", EIP, MEMORY_END, BH_EFAULT },
	{ "esp outside memory", ESP, OUTSIDE, BH_EFAULT },
	{ "esp past the end of memory", ESP, MEMORY_END + 4, BH_EFAULT },
	{ "cs 0x08", CS, 0x08, BH_EINVAL },
	{ "ss 0x10", SS, 0x10, BH_EINVAL },
	{ "ds 0x10", DS, 0x10, BH_EINVAL },
	{ "fs the code selector", FS, BH_USER_CS, BH_EINVAL },
	{ "IF clear", FLAGS_CLEAR, 0x200, BH_EINVAL },
	{ "TF", FLAGS_SET, TF, BH_EINVAL },
	{ "IOPL 3", FLAGS_SET, IOPL3, BH_EINVAL },
	{ "NT", FLAGS_SET, NT, BH_EINVAL },
	{ "RF", FLAGS_SET, RF, BH_EINVAL },
	{ "VM", FLAGS_SET, VM, BH_EINVAL },
	{ "VIF", FLAGS_SET, VIF, BH_EINVAL },
	{ "VIP", FLAGS_SET, VIP, BH_EINVAL },
};
#define REFUSALS (sizeof(refusals) / sizeof(refusals[0]))

static const struct acceptance {
	const char *name;
	uint32_t flags;
} acceptances[] = {
	{ "AC", AC }, { "DF", DF }, { "ID", ID }, { "arithmetic flags", ARITHMETIC },
};
#define ACCEPTANCES (sizeof(acceptances) / sizeof(acceptances[0]))

static int32_t got[REFUSALS], busy_after;
static uint32_t frame_kept;
static struct bh_upcall_frame candidate, accepted;
static volatile uint32_t mode;           /* 0: the refusals; 1 + i: acceptances[i] */
static volatile uint32_t refusals_done;

static int32_t vint_return(const void *frame)
{
	return bh_hypercall(BH_HC_VINT_RETURN, BH_PTR(frame), 0, 0, 0);
}

const struct bh_upcall_frame *refuse_upcall(const struct bh_upcall_frame *f)
{
	struct bh_upcall_frame before = *f;

	if (mode) {
		accepted = *f;
		accepted.eflags |= acceptances[mode - 1].flags;
		accepted.eip = BH_PTR(accept_landing);
		interrupted_eip = f->eip;
		interrupted_eflags = f->eflags;
		return &accepted;
	}
	for (uint32_t i = 0; i < REFUSALS; i++) {
		const struct refusal *r = &refusals[i];
		const void *at = &candidate;

		candidate = *f;
		switch (r->change) {
		case FRAME_AT: at = (const void *)(uintptr_t)r->value; break;
		case EIP: candidate.eip = r->value; break;
		case ESP: candidate.esp = r->value; break;
		case CS: candidate.cs = r->value; break;
		case SS: candidate.ss = r->value; break;
		case DS: candidate.ds = r->value; break;
		case FS: candidate.fs = r->value; break;
		case FLAGS_CLEAR: candidate.eflags &= ~r->value; break;
		case FLAGS_SET: candidate.eflags |= r->value; break;
		}
		got[i] = vint_return(at);
	}
	/* still inside the upcall: delivery stays off until vint_return succeeds */
	busy_after = bh_vint_enable(1);
	frame_kept = memcmp(&before, f, sizeof(before)) == 0;
	refusals_done = 1;
	return NULL;
}

int main(void)
{
	uint32_t ok = 0;

	for (uint32_t line = 0; line < BH_VINT_LINES; line++)
		bh_vint_mask(line, line != BH_VINT_TIMER);
	bh_vint_set_upcall(raw_upcall, BH_PTR(upcall_stack) + sizeof(upcall_stack));
	bh_vint_enable(1);
	bh_vint_set_timer(0, 20000);
	while (!refusals_done)
		;
	for (uint32_t i = 0; i < REFUSALS; i++) {
		ok += got[i] == refusals[i].want;
		printf("refuse %s: got %d want %d %s\n", refusals[i].name, got[i], refusals[i].want,
		       got[i] == refusals[i].want ? "ok" : "FAIL");
	}
	printf("after the refusals: vint_enable(1) %d in the upcall, frame %s, resumed\n", busy_after,
	       frame_kept ? "unchanged" : "CHANGED");
	for (uint32_t i = 0; i < ACCEPTANCES; i++) {
		uint32_t flags = acceptances[i].flags, pass;

		mode = 1 + i;
		landed = 0;
		accept_error = 0;
		bh_vint_set_timer(0, 20000);
		while (!landed && !accept_error)
			;
		pass = landed && (landed_flags & flags) == flags;
		ok += pass;
		printf("accept %s: error %d, landed with eflags %x %s\n", acceptances[i].name,
		       accept_error, landed_flags, pass ? "ok" : "FAIL");
	}
	printf("vint_return: %u of %u refusals and acceptances as the ABI says\n", ok,
	       (uint32_t)(REFUSALS + ACCEPTANCES));
	for (;;)
		bh_vint_block();
}
