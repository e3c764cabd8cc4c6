/*
 * Exact edges of the kernel's rules, from inside:
 *  - every pointer a hypercall takes: a range ending exactly at the end of this partition's
 *    memory is accepted, one ending a byte past it refused (BH_EFAULT);
 *  - virtual interrupts: lowest pending line first, also once a masked line is unmasked;
 *    vint_mask returns the old state as 0 or 1; vint_block ignores a pending masked line;
 *  - timers: missed periods counted in a window (delivery off) and across the gaps between
 *    windows; a warm restart clears the vcpu's timer;
 *  - the runtime: registering a NULL upcall handler keeps the one registered before.
 * Phase 1 runs on vcpu 0 and ends in a warm restart (memory is kept, so `restarted` tells the
 * second run). Phase 2 runs on vcpu 1, vcpu 0 put back DOWN, so the top of memory (vcpu 0's
 * stack) is free for buffers that end exactly there.
 */
#include <bulkhead.h>

#define MEMORY_SIZE 0x40000u            /* from the deployment (tests/configs/edges.c) */
#define END (BH_PARTITION_BASE + MEMORY_SIZE)
#define AT(offset) ((void *)(uintptr_t)(END - (offset)))
#define LOG_MAX 64

static uint32_t checks, failures;
static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static uint8_t worker_stack[4096] __attribute__((aligned(16)));
static volatile uint32_t restarted;

/* What the upcall handler saw: lines other than the window start, the timer's deliveries. */
static volatile uint32_t lines[LOG_MAX], line_count;
static volatile uint32_t timer_count, timer_missed[LOG_MAX];
static volatile uint64_t timer_time[LOG_MAX];
static volatile uint32_t unmask_timer_on_doorbell;

/* A vcpu started here halts at once, touching no stack (eax = BH_HC_VCPU_HALT). */
void halt_now(void);
__asm__(".pushsection .text\n"
	".globl halt_now\n"
	"halt_now:\n"
	"\tmovl $6, %eax\n"
	"\tint $0x80\n"
	"1:\tjmp 1b\n"
	".popsection\n");

static void expect(const char *what, int32_t got, int32_t want)
{
	checks++;
	if (got != want)
		failures++;
	printf("check %s: got %d want %d %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

static int32_t raw(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4)
{
	return bh_hypercall(nr, a1, a2, a3, a4);
}

static void on_upcall(uint32_t line, const struct bh_upcall_frame *frame)
{
	if (line == BH_VINT_WINDOW_START)
		return;
	if (line_count < LOG_MAX)
		lines[line_count++] = line;
	if (line == BH_VINT_TIMER && timer_count < LOG_MAX) {
		timer_time[timer_count] = bh_time_ns();
		timer_missed[timer_count++] = frame->missed;
	}
	if (line == BH_VINT_DOORBELL && unmask_timer_on_doorbell)
		bh_vint_mask(BH_VINT_TIMER, 0);
}

/* The lines delivered since line_count was cleared, as decimal digits: 0, 3, 5 -> 35. */
static int32_t delivered(void)
{
	int32_t digits = 0;

	for (uint32_t i = 0; i < line_count; i++)
		digits = digits * 10 + (int32_t)lines[i];
	return digits;
}

static void spin_until(uint64_t t)
{
	while (bh_time_ns() < t)
		;
}

static void order_and_masks(void)
{
	struct bh_partition_status st = { 0 };
	uint64_t t0;

	/* a handler, then a NULL one: the first stays (runtime/include/bulkhead.h) */
	expect("register the handler", bh_upcall_register(on_upcall, upcall_stack, sizeof(upcall_stack)), 0);
	expect("register NULL", bh_upcall_register(NULL, upcall_stack, sizeof(upcall_stack)), 0);
	/* the peer's messages would raise the port line at any time */
	bh_vint_mask(BH_VINT_PORT, 1);
	line_count = 0;
	expect("enable delivery", bh_vint_enable(1), 0);
	bh_vint_doorbell(BH_SELF, 0);
	expect("a doorbell reaches the handler registered before a NULL one", delivered(), BH_VINT_DOORBELL);

	expect("mask doorbell: old state", bh_vint_mask(BH_VINT_DOORBELL, 1), 0);
	expect("mask doorbell again: old state 1", bh_vint_mask(BH_VINT_DOORBELL, 1), 1);
	expect("unmask doorbell: old state 1", bh_vint_mask(BH_VINT_DOORBELL, 0), 1);
	expect("unmask doorbell again: old state", bh_vint_mask(BH_VINT_DOORBELL, 0), 0);
	expect("mask health: old state", bh_vint_mask(BH_VINT_HEALTH, 1), 0);
	expect("mask health again: old state 1", bh_vint_mask(BH_VINT_HEALTH, 1), 1);
	expect("unmask health: old state 1", bh_vint_mask(BH_VINT_HEALTH, 0), 1);

	/* what follows takes about 2 ms: all of it inside one window */
	bh_partition_status(BH_SELF, &st);
	bh_window_wait_after(st.windows_entered);

	/* several lines pending at once: the lowest first */
	expect("disable delivery", bh_vint_enable(0), 1);
	line_count = 0;
	bh_hm_report(5);                       /* health line (this is a system partition) */
	bh_vint_doorbell(BH_SELF, 0);          /* doorbell line */
	bh_vint_set_timer(0, 20000);           /* timer line, in 20 us */
	spin_until(bh_time_ns() + 40000);
	bh_vint_enable(1);
	expect("three lines pending at once: delivered lowest first", delivered(), 35);

	/* a pending masked line does not end vint_block; an unmasked one does */
	bh_vint_enable(0);
	bh_vint_mask(BH_VINT_DOORBELL, 1);
	bh_vint_doorbell(BH_SELF, 0);
	t0 = bh_time_ns();
	bh_vint_set_timer(0, 300000);
	bh_vint_block();
	expect("vint_block waits past a pending masked line (for the timer, 300 us)",
	       bh_time_ns() - t0 >= 300000, 1);

	/* timer and doorbell pending; health too. The timer masked, the doorbell unmasked: the
	 * doorbell's handler unmasks the timer, which then comes before the health line */
	bh_hm_report(6);
	bh_vint_mask(BH_VINT_TIMER, 1);
	bh_vint_mask(BH_VINT_DOORBELL, 0);
	unmask_timer_on_doorbell = 1;
	line_count = 0;
	bh_vint_enable(1);
	unmask_timer_on_doorbell = 0;
	expect("doorbell, then the timer unmasked in its handler, then health", delivered(), 305);
}

static void missed_periods(void)
{
	uint64_t t0, armed, last;
	uint32_t periods = 0, most = 0, later = 0;

	/* in the window, delivery off: 10 expiries of a 100 us timer, one delivery telling 9 */
	bh_vint_enable(0);
	timer_count = 0;
	t0 = bh_time_ns();
	bh_vint_set_timer(100000, 0);
	spin_until(t0 + 1050000);
	bh_vint_enable(1);
	expect("deliveries of 10 expiries held back", (int32_t)timer_count, 1);
	expect("missed periods told with that delivery", (int32_t)timer_missed[0], 9);
	spin_until(t0 + 1360000);
	for (uint32_t i = 1; i < timer_count; i++)
		later += timer_missed[i];
	expect("deliveries on time after it", (int32_t)timer_count, 4);
	expect("missed periods told with them", (int32_t)later, 0);
	bh_vint_set_timer(0, 0);

	/* across the gaps between windows: every period is delivered or counted missed */
	timer_count = 0;
	armed = bh_time_ns();
	bh_vint_set_timer(330000, 0);
	spin_until(armed + 25000000);
	bh_vint_set_timer(0, 0);
	for (uint32_t i = 0; i < timer_count; i++) {
		periods += 1 + timer_missed[i];
		if (timer_missed[i] > most)
			most = timer_missed[i];
	}
	last = timer_time[timer_count - 1];
	printf("timer across windows: armed %llu period 330000 deliveries %u periods %u last %llu "
	       "most missed %u\n", armed, timer_count, periods, last, most);
}

static void boundaries(void *arg)
{
	struct bh_partition_status st = { 0 };
	const uint32_t status_size = sizeof(struct bh_partition_status);
	const uint32_t info_size = sizeof(struct bh_port_info);
	const uint32_t sample_info_size = sizeof(struct bh_sample_info);
	const uint32_t record_size = sizeof(struct bh_hm_record);
	uint32_t value = 0;
	int32_t h;

	(void)arg;
	/* vcpu 0 back DOWN: the top of memory, its stack, is ours */
	expect("vcpu 0 reset", bh_vcpu_reset(0), 0);

	memcpy(AT(4), "end\n", 4);
	expect("console_write ending at the end", bh_console_write(AT(4), 4), 4);
	expect("console_write a byte past", bh_console_write(AT(3), 4), BH_EFAULT);

	expect("get_time ending at the end", raw(BH_HC_GET_TIME, END - 8, 0, 0, 0), 0);
	expect("get_time a byte past", raw(BH_HC_GET_TIME, END - 7, 0, 0, 0), BH_EFAULT);

	expect("partition_status ending at the end",
	       raw(BH_HC_PARTITION_STATUS, BH_SELF, END - status_size, 0, 0), 0);
	expect("partition_status a byte past",
	       raw(BH_HC_PARTITION_STATUS, BH_SELF, END - status_size + 1, 0, 0), BH_EFAULT);

	/* a stack top may be the end of memory (the stack grows down from it), not a byte past */
	expect("vcpu_up stack top at the end", bh_vcpu_up(0, halt_now, END), 0);
	for (int i = 0; i < 10; i++)
		bh_yield();
	bh_partition_status(BH_SELF, &st);
	expect("that vcpu ran and halted", (int32_t)st.vcpu_state[0], BH_VCPU_HALTED);
	bh_vcpu_reset(0);
	expect("vcpu_up stack top a byte past the end", bh_vcpu_up(0, halt_now, END + 1), BH_EFAULT);
	expect("vcpu_up stack top less than 4 bytes above the base",
	       bh_vcpu_up(0, halt_now, BH_PARTITION_BASE + 3), BH_EFAULT);
	expect("vcpu_up entry at the end", raw(BH_HC_VCPU_UP, 0, END, END, 0), BH_EFAULT);

	expect("vint_set_upcall stack top at the end", bh_vint_set_upcall(halt_now, END), 0);
	expect("vint_set_upcall stack top a byte past", bh_vint_set_upcall(halt_now, END + 1), BH_EFAULT);
	expect("vint_set_upcall entry at the last byte", raw(BH_HC_VINT_SET_UPCALL, END - 1, 0, 0, 0), 0);
	expect("vint_set_upcall entry a byte past", raw(BH_HC_VINT_SET_UPCALL, END, 0, 0, 0), BH_EFAULT);
	bh_vint_set_upcall(0, 0);

	/* a name whose terminating NUL is the last byte; one whose NUL would be a byte past */
	memcpy(AT(9), "to_edges", 9);
	expect("port_open name ending at the end", raw(BH_HC_PORT_OPEN, END - 9, 0, 0, 0), 0);
	memcpy(AT(8), "to_edges", 8);
	expect("port_open name a byte past", raw(BH_HC_PORT_OPEN, END - 8, 0, 0, 0), BH_EFAULT);
	expect("port_open info ending at the end",
	       raw(BH_HC_PORT_OPEN, BH_PTR("to_edges"), END - info_size, 0, 0), 0);
	expect("port_open info a byte past",
	       raw(BH_HC_PORT_OPEN, BH_PTR("to_edges"), END - info_size + 1, 0, 0), BH_EFAULT);

	h = bh_port_open("from_edges", NULL);
	expect("sampling_write buffer ending at the end", bh_sampling_write(h, AT(16), 16), 0);
	expect("sampling_write a byte past", bh_sampling_write(h, AT(15), 16), BH_EFAULT);

	h = bh_port_open("to_edges", NULL);
	while (bh_sampling_read(h, &value, sizeof(value), NULL) == BH_EAGAIN)
		bh_yield();
	expect("sampling_read buffer ending at the end", bh_sampling_read(h, AT(4), 4, NULL), 4);
	expect("the sample read there", memcmp(AT(4), &value, 4), 0);
	expect("sampling_read buffer a byte past", bh_sampling_read(h, AT(3), 4, NULL), BH_EFAULT);
	expect("sampling_read info ending at the end",
	       bh_sampling_read(h, &value, 4, AT(sample_info_size)), 4);
	expect("sampling_read info a byte past",
	       bh_sampling_read(h, &value, 4, AT(sample_info_size - 1)), BH_EFAULT);

	h = bh_port_open("q_from_edges", NULL);
	expect("queuing_send buffer ending at the end", bh_queuing_send(h, AT(8), 8), 0);
	expect("queuing_send a byte past", bh_queuing_send(h, AT(7), 8), BH_EFAULT);

	h = bh_port_open("q_to_edges", NULL);
	expect("queuing_receive buffer ending at the end", bh_queuing_receive(h, AT(8), 8, 0), 8);
	expect("the message received there", memcmp(AT(8), "message1", 8), 0);
	expect("queuing_receive a byte past", bh_queuing_receive(h, AT(7), 8, 0), BH_EFAULT);

	expect("hm_read_log record ending at the end",
	       raw(BH_HC_HM_READ_LOG, 0, END - record_size, 0, 0), 0);
	expect("hm_read_log a byte past", raw(BH_HC_HM_READ_LOG, 0, END - record_size + 1, 0, 0), BH_EFAULT);

	printf("edges: %u checks, %u failed\n", checks, failures);
	for (;;)
		bh_yield();
}

int main(void)
{
	uint64_t t0;

	if (!restarted) {
		order_and_masks();
		missed_periods();
		/* a periodic timer running into a warm restart */
		bh_vint_set_timer(100000, 0);
		restarted = 1;
		bh_set_mode(BH_MODE_WARM_START);
	}
	/* after the restart: nothing of the old timer may arrive */
	bh_upcall_register(on_upcall, upcall_stack, sizeof(upcall_stack));
	bh_vint_mask(BH_VINT_PORT, 1);
	timer_count = 0;
	bh_vint_enable(1);
	t0 = bh_time_ns();
	spin_until(t0 + 1000000);
	expect("timer deliveries in 1 ms after a warm restart", (int32_t)timer_count, 0);
	bh_vint_enable(0);
	bh_set_mode(BH_MODE_NORMAL);
	bh_vcpu_start(1, boundaries, NULL, worker_stack, sizeof(worker_stack));
	bh_vcpu_halt();
	return 0;
}
