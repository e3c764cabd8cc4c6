/*
 * bench_vtimer (configs/bench.c): virtual timer latency (expiry to the first instruction of the upcall) and the
 * return from an upcall (vint_return's int $0x80 to the first instruction of the interrupted
 * code), both exact to the instruction under -icount.
 *
 * A one-shot timer is armed, then the vcpu spins in vtimer_spin, whose every instruction leaves
 * the last TSC read in eax. The timer interrupts the loop at its expiry; the upcall (our own
 * trampoline, registered with bh_vint_set_upcall: nothing runs before its first rdtsc) finds in
 * its frame the interrupted eip and eax, hence the TSC at the interruption: the read in eax plus
 * the loop instructions from that read to eip. After vint_return the loop goes on from eip to
 * its next read, a known number of instructions later.
 *
 * upcall_switch: the same spin loop is thread A; a raw upcall hands vint_return thread B's saved
 * context, whose first instruction reads the TSC: from A's interruption at the expiry to B's
 * first instruction, the upcall's own six instructions (test to int) included. B then saves A's
 * frame, rings its own doorbell, and that upcall resumes A, which leaves the loop.
 *
 * Under -icount the interruption is the expiry itself: the HPET fires on the clock the TSC
 * counts. Each sample also checks that the interruption lies where the armed expiry puts it
 * (on_time=N of the samples), which holds only when the TSC counts instructions.
 */
#include <bulkhead.h>

#define FIRST_EXPIRY_NS 5000u
#define HPET_TICK_NS 10u          /* QEMU's HPET: the expiry falls on a 10 ns grid */
#define RETURN_READ_TO_INT 3      /* rdtsc, movl, movl $16: then the int $0x80 */

_Static_assert(offsetof(struct bh_upcall_frame, line) == 0, "frame layout used by the asm");
_Static_assert(offsetof(struct bh_upcall_frame, eax) == 8, "frame layout used by the asm");
_Static_assert(offsetof(struct bh_upcall_frame, eip) == 40, "frame layout used by the asm");

/* Written by the asm below (low TSC words: every difference taken fits). */
volatile uint32_t vtimer_last, vtimer_after, vtimer_entered, vtimer_returning;
volatile uint32_t vtimer_line, vtimer_eax, vtimer_eip;
volatile uint8_t vtimer_fired;

void vtimer_spin(void);
void vtimer_upcall(void);
extern const char vtimer_spin_read[], vtimer_spin_store[], vtimer_spin_check[],
	vtimer_spin_branch[];

__asm__(".text\n"
	".globl vtimer_spin, vtimer_spin_read, vtimer_spin_store, vtimer_spin_check\n"
	".globl vtimer_spin_branch, vtimer_upcall\n"
	/* void vtimer_spin(void): reads the TSC until the upcall sets vtimer_fired */
	"vtimer_spin:\n"
	"vtimer_spin_read:\n\t"
	"rdtsc\n"
	"vtimer_spin_store:\n\t"
	"movl %eax, vtimer_last\n"
	"vtimer_spin_check:\n\t"
	"cmpb $0, vtimer_fired\n"
	"vtimer_spin_branch:\n\t"
	"je vtimer_spin_read\n\t"
	"rdtsc\n\t"
	"movl %eax, vtimer_after\n\t"
	"ret\n"
	/* the upcall: [esp + 4] = line, [esp + 8] = frame */
	"vtimer_upcall:\n\t"
	"rdtsc\n\t"
	"movl %eax, vtimer_entered\n\t"
	"movl 8(%esp), %ecx\n\t"
	"movl 0(%ecx), %eax\n\t"
	"movl %eax, vtimer_line\n\t"
	"movl 8(%ecx), %eax\n\t"
	"movl %eax, vtimer_eax\n\t"
	"movl 40(%ecx), %eax\n\t"
	"movl %eax, vtimer_eip\n\t"
	"movb $1, vtimer_fired\n\t"
	"rdtsc\n\t"
	"movl %eax, vtimer_returning\n\t"
	"movl $16, %eax\n\t"                   /* BH_HC_VINT_RETURN */
	"int $0x80\n\t"
	"ud2\n");

_Static_assert(BH_HC_VINT_RETURN == 16, "the upcall trampoline returns with hypercall 16");

/* upcall_switch needs ABI v2 (vint_return installing a context); `make bench-compare` builds this
 * file for an older kernel too, which then has no such figure. */
#if defined(BH_ABI_VERSION) && BH_ABI_VERSION >= 2
/*
 * upcall_switch. switch_upcall: the timer line (eax = 0 at an upcall's entry, public/vint.h)
 * installs thread B, keeping A's frame address (ecx); any other (the doorbell) resumes A.
 * switch_b: B's entry, on its own stack.
 */
volatile uint32_t switch_landed, switch_a_frame;
void switch_upcall(void);
void switch_b(void);
void switch_b_body(void) __attribute__((noreturn));
struct bh_upcall_frame switch_b_context, switch_a_context;

__asm__(".text\n"
	".globl switch_upcall, switch_b\n"
	"switch_upcall:\n\t"
	"testl %eax, %eax\n\t"
	"jnz 1f\n\t"
	"movl %ecx, switch_a_frame\n\t"
	"movl $switch_b_context, %ebx\n\t"
	"movl $16, %eax\n\t"                   /* BH_HC_VINT_RETURN */
	"int $0x80\n\t"
	"ud2\n"
	"1:\n\t"
	"movl $switch_a_context, %ebx\n\t"
	"movl $16, %eax\n\t"
	"int $0x80\n\t"
	"ud2\n"
	"switch_b:\n\t"
	"rdtsc\n\t"
	"movl %eax, switch_landed\n\t"
	"call switch_b_body\n");

_Static_assert(BH_VINT_TIMER == 0, "switch_upcall tests the timer line as eax = 0");

static uint8_t switch_b_stack[1024] __attribute__((aligned(16)));

void switch_b_body(void)
{
	/* the upcall stack is free again: keep A's frame before the doorbell's upcall overwrites it */
	switch_a_context = *(const struct bh_upcall_frame *)(uintptr_t)switch_a_frame;
	vtimer_fired = 1;
	bh_vint_doorbell(BH_SELF, 0);
	for (;;)
		;   /* the doorbell's upcall resumes A: B ends here, to start afresh next time */
}

#endif

/* Where the loop can be interrupted: how far from the last read, and from the next. */
struct spin_point {
	const char *eip;
	uint32_t since_read;      /* loop instructions run since the read, the read included */
	uint32_t to_next_read;    /* instructions from eip to the next read */
	int next_read_in_loop;    /* that read is the loop's (vtimer_last), else the final one */
};

static const struct spin_point *spin_point(uint32_t eip)
{
	static const struct spin_point points[] = {
		{ vtimer_spin_store, 1, 3, 0 },
		{ vtimer_spin_check, 2, 2, 0 },
		/* the cmp ran before the interruption, while vtimer_fired was 0: the je is taken */
		{ vtimer_spin_branch, 3, 1, 1 },
		{ vtimer_spin_read, 4, 0, 1 },
	};

	for (uint32_t i = 0; i < sizeof(points) / sizeof(points[0]); i++)
		if (BH_PTR(points[i].eip) == eip)
			return &points[i];
	return NULL;
}

static uint32_t latency_values[BENCH_SAMPLES], return_values[BENCH_SAMPLES];
static struct bh_samples latencies = BH_SAMPLES(latency_values, BENCH_DROP_ABOVE);
static struct bh_samples returns = BH_SAMPLES(return_values, BENCH_DROP_ABOVE);

#if defined(BH_ABI_VERSION) && BH_ABI_VERSION >= 2
static uint32_t switch_values[BENCH_SAMPLES];
static struct bh_samples switches = BH_SAMPLES(switch_values, BENCH_DROP_ABOVE);

/* upcall_switch's samples; returns how many samples were strays (not the timer, not the loop) */
static uint32_t measure_switches(void)
{
	uint32_t strays = 0;

	switch_b_context = (struct bh_upcall_frame){
		.eip = BH_PTR(switch_b), .esp = BH_PTR(switch_b_stack + sizeof(switch_b_stack)),
		.eflags = 0x202, .cs = BH_USER_CS, .ss = BH_USER_DS, .ds = BH_USER_DS,
		.es = BH_USER_DS, .fs = BH_USER_DS, .gs = BH_USER_DS,
	};
	bh_vint_mask(BH_VINT_DOORBELL, 0);
	bh_vint_set_upcall(switch_upcall, 0);
	while (!bh_samples_full(&switches)) {
		const struct bh_upcall_frame *a = &switch_a_context;
		const struct spin_point *at;

		vtimer_fired = 0;
		bh_vint_set_timer(0, FIRST_EXPIRY_NS);
		vtimer_spin();
		at = spin_point(a->eip);
		if (!at || a->line != BH_VINT_TIMER) {
			strays++;
			continue;
		}
		bh_samples_add(&switches, switch_landed - (a->eax + at->since_read));
	}
	bh_vint_mask(BH_VINT_DOORBELL, 1);
	return strays;
}

#endif

int main(void)
{
	uint32_t on_time = 0, strays = 0;
	char extra[48];

	bh_set_mode(BH_MODE_NORMAL);
	for (uint32_t line = 0; line < BH_VINT_LINES; line++)
		bh_vint_mask(line, line != BH_VINT_TIMER);
	bh_vint_set_upcall(vtimer_upcall, 0);
	bh_vint_enable(1);
	while (!bh_samples_full(&latencies) || !bh_samples_full(&returns)) {
		const struct spin_point *at;
		uint32_t armed_before, armed_after, expiry, landing;

		vtimer_fired = 0;
		armed_before = (uint32_t)bh_rdtsc();
		bh_vint_set_timer(0, FIRST_EXPIRY_NS);
		armed_after = (uint32_t)bh_rdtsc();
		vtimer_spin();
		at = spin_point(vtimer_eip);
		if (!at || vtimer_line != BH_VINT_TIMER) {
			strays++;
			continue;
		}
		expiry = vtimer_eax + at->since_read;
		landing = (at->next_read_in_loop ? vtimer_last : vtimer_after) - at->to_next_read;
		if (expiry - armed_before > FIRST_EXPIRY_NS - HPET_TICK_NS &&
		    expiry - armed_before <= armed_after - armed_before + FIRST_EXPIRY_NS)
			on_time++;
		bh_samples_add(&latencies, vtimer_entered - expiry);
		bh_samples_add(&returns, landing - (vtimer_returning + RETURN_READ_TO_INT));
	}
	snprintf(extra, sizeof(extra), "on_time=%u strays=%u", on_time, strays);
	bh_samples_report("vtimer_latency", &latencies, 0, extra);
	bh_samples_report("upcall_return", &returns, 0, NULL);
#if defined(BH_ABI_VERSION) && BH_ABI_VERSION >= 2
	strays = measure_switches();
	snprintf(extra, sizeof(extra), "strays=%u", strays);
	bh_samples_report("upcall_switch", &switches, 0, extra);
#endif
	bh_vint_set_timer(0, 0);
	bh_vint_enable(0);
	return 0;
}
