/*
 * No kernel byte reaches a partition. Every hypercall that copies a structure out (get_time,
 * partition_status of itself and of another partition, port_open's info for both kinds of port,
 * sampling_read's data and info, queuing_receive's data, hm_read_log) and the upcall frame the
 * kernel builds on the partition's stack are checked three ways:
 *  - written whole: each is captured twice, into buffers pre-filled with two different patterns;
 *    a byte that shows its pre-fill both times was not written (padding included), and nothing
 *    past the structure or the message may change;
 *  - no run of the kernel stacks' fill pattern (0xa5 0xa5, arch/x86/arch_vcpu.c);
 *  - every field holds what it must, unused ones zero: stale kernel data in a written byte
 *    shows there.
 * A call that fails must leave its output untouched. A system partition, so that it may read the
 * log and another partition's status.
 */
#include <bulkhead.h>

#define FILL_A 0x5c
#define FILL_B 0xc3
#define KERNEL_STACK_FILL 0xa5
#define GUARD 16
#define CAPTURE_MAX 128
#define REPORTED_CODE 0x1234u

struct capture {
	uint8_t a[CAPTURE_MAX + GUARD], b[CAPTURE_MAX + GUARD];
	int32_t result_a, result_b;
};

extern char __partition_end[];

static uint32_t probes, problems, fields_wrong, self;
static int32_t altitude, stream;
static struct capture upcall_capture;
static uint8_t upcall_area[1024] __attribute__((aligned(16)));
static volatile int upcall_round;     /* 0: capture into a, 1: into b */

/* A field of the structure under test: counts the wrong ones and names them. */
static void field(const char *probe, const char *name, int ok)
{
	if (!ok) {
		fields_wrong++;
		printf("probe %s: field %s wrong\n", probe, name);
	}
}

static int in_image(uint32_t address)
{
	return address >= BH_PARTITION_BASE && address < BH_PTR(__partition_end);
}

/* The verdict on a capture whose first `length` bytes the kernel must have written. */
static void judge(const char *probe, const struct capture *c, uint32_t length)
{
	uint32_t unwritten = 0, beyond = 0, pattern = 0;

	for (uint32_t i = 0; i < length; i++)
		unwritten += c->a[i] == FILL_A && c->b[i] == FILL_B;
	for (uint32_t i = length; i < length + GUARD; i++)
		beyond += c->a[i] != FILL_A || c->b[i] != FILL_B;
	for (uint32_t i = 0; i + 1 < length; i++)
		pattern += (c->a[i] == KERNEL_STACK_FILL && c->a[i + 1] == KERNEL_STACK_FILL) ||
			   (c->b[i] == KERNEL_STACK_FILL && c->b[i + 1] == KERNEL_STACK_FILL);
	probes++;
	problems += unwritten + beyond + pattern + fields_wrong;
	printf("probe %s: %u bytes; unwritten %u, changed beyond %u, stack pattern %u, wrong fields %u\n",
	       probe, length, unwritten, beyond, pattern, fields_wrong);
	fields_wrong = 0;
}

/* A failing call: its result, and no byte of its output changed. */
static void judge_untouched(const char *probe, int32_t result, int32_t expected, const uint8_t *out,
			    uint32_t size)
{
	uint32_t changed = 0;

	for (uint32_t i = 0; i < size; i++)
		changed += out[i] != FILL_A;
	probes++;
	problems += changed + (result != expected);
	printf("probe %s: result %d, expected %d; bytes changed %u\n", probe, result, expected,
	       changed);
}

static void fill(uint8_t *buffer, uint32_t size, uint8_t value)
{
	memset(buffer, value, size);
}

static void time_probe(void)
{
	struct capture c;
	struct bh_time t[2];
	uint64_t before = bh_time_ns();

	fill(c.a, sizeof(c.a), FILL_A);
	c.result_a = bh_hypercall(BH_HC_GET_TIME, BH_PTR(c.a), 0, 0, 0);
	fill(c.b, sizeof(c.b), FILL_B);
	c.result_b = bh_hypercall(BH_HC_GET_TIME, BH_PTR(c.b), 0, 0, 0);
	memcpy(&t[0], c.a, sizeof(t[0]));
	memcpy(&t[1], c.b, sizeof(t[1]));
	field("get_time", "result", c.result_a == 0 && c.result_b == 0);
	field("get_time", "ns", before <= t[0].ns && t[0].ns <= t[1].ns && t[1].ns - before < 1000000);
	judge("get_time", &c, sizeof(struct bh_time));
}

static void status_probe(const char *probe, uint32_t id)
{
	struct capture c;
	struct bh_partition_status s, other;
	int own = id == BH_SELF;

	fill(c.a, sizeof(c.a), FILL_A);
	c.result_a = bh_partition_status(id, (struct bh_partition_status *)c.a);
	fill(c.b, sizeof(c.b), FILL_B);
	c.result_b = bh_partition_status(id, (struct bh_partition_status *)c.b);
	memcpy(&s, c.a, sizeof(s));
	bh_partition_status(own ? 0 : BH_SELF, &other);
	field(probe, "result", c.result_a == 0 && c.result_b == 0);
	field(probe, "id", own ? s.id == self : s.id == id);
	field(probe, "mode", s.mode == BH_MODE_NORMAL);
	field(probe, "vcpu_count", s.vcpu_count == 1);
	field(probe, "vcpu_state[0]", own ? s.vcpu_state[0] == BH_VCPU_RUNNING :
	      s.vcpu_state[0] == BH_VCPU_RUNNABLE || s.vcpu_state[0] == BH_VCPU_BLOCKED);
	for (uint32_t v = 1; v < BH_MAX_VCPUS_PER_PARTITION; v++)
		field(probe, "vcpu_state[] of a vcpu it does not have", s.vcpu_state[v] == 0);
	field(probe, "restarts, faults", s.restarts == 0 && s.faults == 0);
	field(probe, "window_start_ns", s.window_start_ns > 0 && s.window_start_ns < bh_time_ns());
	/* the end of the current window for itself; none for a partition outside its window */
	field(probe, "window_end_ns", own ? s.window_end_ns > bh_time_ns() : s.window_end_ns == 0);
	field(probe, "major_frame_ns", s.major_frame_ns > 0 && s.major_frame_ns == other.major_frame_ns);
	field(probe, "windows_entered", s.windows_entered >= 1);
	field(probe, "system", s.system == (uint32_t)own);
	judge(probe, &c, sizeof(s));
}

static int32_t port_probe(const char *probe, const char *name, uint32_t kind)
{
	struct capture c;
	struct bh_port_info info;

	fill(c.a, sizeof(c.a), FILL_A);
	c.result_a = bh_port_open(name, (struct bh_port_info *)c.a);
	fill(c.b, sizeof(c.b), FILL_B);
	c.result_b = bh_port_open(name, (struct bh_port_info *)c.b);
	memcpy(&info, c.a, sizeof(info));
	field(probe, "result", c.result_a >= 0 && c.result_b == c.result_a);
	field(probe, "kind", info.kind == kind);
	field(probe, "direction", info.direction == BH_PORT_DESTINATION);
	field(probe, "max_message", info.max_message >= 4 && info.max_message <= 1024);
	/* each kind has a field the other leaves unused */
	if (kind == BH_PORT_SAMPLING)
		field(probe, "depth (unused)", info.depth == 0 && info.refresh_ns > 0);
	else
		field(probe, "refresh_ns (unused)", info.refresh_ns == 0 && info.depth > 0);
	judge(probe, &c, sizeof(info));
	return c.result_a;
}

static void sample_probe(void)
{
	struct capture data, info;
	struct bh_sample_info i;
	uint32_t value[2];

	fill(data.a, sizeof(data.a), FILL_A);
	fill(info.a, sizeof(info.a), FILL_A);
	data.result_a = bh_sampling_read(altitude, data.a, 16, (struct bh_sample_info *)info.a);
	fill(data.b, sizeof(data.b), FILL_B);
	fill(info.b, sizeof(info.b), FILL_B);
	data.result_b = bh_sampling_read(altitude, data.b, 16, (struct bh_sample_info *)info.b);
	memcpy(&i, info.a, sizeof(i));
	memcpy(&value[0], data.a, 4);
	memcpy(&value[1], data.b, 4);
	field("sampling_read data", "result", data.result_a == 4 && data.result_b == 4);
	field("sampling_read data", "value", value[0] == value[1] && value[0] >= 1007);
	judge("sampling_read data", &data, 4);
	field("sampling_read info", "age_ns", i.age_ns < 1000000000ull);
	field("sampling_read info", "valid", i.valid <= 1);
	field("sampling_read info", "length", i.length == 4);
	judge("sampling_read info", &info, sizeof(i));
}

static void message_probe(void)
{
	struct capture c;
	uint32_t value[2];

	fill(c.a, sizeof(c.a), FILL_A);
	c.result_a = bh_queuing_receive(stream, c.a, 16, 0);
	fill(c.b, sizeof(c.b), FILL_B);
	c.result_b = bh_queuing_receive(stream, c.b, 16, 0);
	memcpy(&value[0], c.a, 4);
	memcpy(&value[1], c.b, 4);
	field("queuing_receive", "result", c.result_a == 4 && c.result_b == 4);
	field("queuing_receive", "sequence", value[1] == value[0] + 1);
	judge("queuing_receive", &c, 4);
}

static void log_probe(uint32_t index)
{
	struct capture c;
	struct bh_hm_record r;
	char probe[32];

	snprintf(probe, sizeof(probe), "hm_read_log %u", index);
	fill(c.a, sizeof(c.a), FILL_A);
	c.result_a = bh_hm_read_log(index, (struct bh_hm_record *)c.a);
	fill(c.b, sizeof(c.b), FILL_B);
	c.result_b = bh_hm_read_log(index, (struct bh_hm_record *)c.b);
	memcpy(&r, c.a, sizeof(r));
	field(probe, "result", c.result_a == 0 && c.result_b == 0);
	field(probe, "time_ns", r.time_ns > 0 && r.time_ns < bh_time_ns());
	field(probe, "sequence", r.sequence == index);
	field(probe, "event", r.event == BH_HM_EVENT_APPLICATION_ERROR);
	field(probe, "partition, vcpu", r.partition == self && r.vcpu == 0);
	field(probe, "eip", in_image(r.eip));
	field(probe, "address (unused)", r.address == 0);
	field(probe, "code", r.code == REPORTED_CODE + index);
	field(probe, "action", r.action == BH_HM_ACTION_LOG);
	judge(probe, &c, sizeof(r));
}

#define CALL_WORDS 12   /* return address, line, frame pointer: right below the frame */

/* Copies what the kernel wrote for the upcall, from its call words up to the top of the stack. */
static void on_upcall(uint32_t line, const struct bh_upcall_frame *frame)
{
	const uint8_t *call_words = (const uint8_t *)frame - CALL_WORDS;
	uint8_t *to = upcall_round ? upcall_capture.b : upcall_capture.a;
	uint32_t top = BH_PTR(upcall_area) + sizeof(upcall_area) - 4;

	if (line == BH_VINT_DOORBELL)
		memcpy(to, call_words, top - BH_PTR(call_words));
}

static void upcall_probe(void)
{
	const char *probe = "upcall frame";
	uint32_t top = BH_PTR(upcall_area) + sizeof(upcall_area) - 4, words[3];
	struct bh_upcall_frame f;
	uint32_t esp, entry_esp;

	/* an unaligned top: the kernel rounds the frame down, leaving bytes above it unwritten */
	bh_upcall_register(on_upcall, upcall_area, sizeof(upcall_area) - 4);
	for (uint32_t line = 0; line < BH_VINT_LINES; line++)
		bh_vint_mask(line, line != BH_VINT_DOORBELL);
	for (upcall_round = 0; upcall_round < 2; upcall_round++) {
		uint8_t *capture = upcall_round ? upcall_capture.b : upcall_capture.a;

		fill(capture, CAPTURE_MAX + GUARD, upcall_round ? FILL_B : FILL_A);
		fill(upcall_area, sizeof(upcall_area), upcall_round ? FILL_B : FILL_A);
		bh_vint_enable(1);
		bh_vint_doorbell(BH_SELF, 0);        /* delivered as this call returns */
		bh_vint_enable(0);
	}
	__asm__ volatile("movl %%esp, %0" : "=r"(esp));
	memcpy(words, upcall_capture.a, sizeof(words));
	memcpy(&f, upcall_capture.a + CALL_WORDS, sizeof(f));
	/* the call words lie right below the frame, placed so that esp + 4 is 16-byte aligned
	 * at the upcall's entry: the highest such place under the top */
	entry_esp = ((top - CALL_WORDS - sizeof(f) + 4) & ~15u) - 4;
	/* word 0, the kernel's null return address, is where the trampoline's call puts its own */
	field(probe, "call words", (words[0] == 0 || in_image(words[0])) &&
	      words[1] == BH_VINT_DOORBELL && words[2] == entry_esp + CALL_WORDS);
	field(probe, "line, missed (unused but for the timer)", f.line == BH_VINT_DOORBELL && f.missed == 0);
	field(probe, "eax (the doorbell's result)", f.eax == 0);
	field(probe, "ebx ecx edx esi edi (the doorbell's arguments)",
	      f.ebx == BH_SELF && f.ecx == 0 && f.edx == 0 && f.esi == 0 && f.edi == 0);
	field(probe, "esp", f.esp > esp - 4096 && f.esp < esp + 4096);
	field(probe, "eip", in_image(f.eip));
	field(probe, "eflags", (f.eflags & 0x200) && !(f.eflags & ~0x00000ed7u));
	/* every byte of the call words and the frame is written; the few above, up to the top,
	 * are left as they were */
	judge(probe, &upcall_capture, CALL_WORDS + sizeof(f));
}

static void failure_probes(void)
{
	uint8_t out[64], info[32];
	int32_t r;

	fill(out, sizeof(out), FILL_A);
	r = bh_partition_status(99, (struct bh_partition_status *)out);
	judge_untouched("partition_status of no partition", r, BH_ENOENT, out, sizeof(out));
	fill(out, sizeof(out), FILL_A);
	r = bh_port_open("nosuchport", (struct bh_port_info *)out);
	judge_untouched("port_open of no port", r, BH_ENOENT, out, sizeof(out));
	fill(out, sizeof(out), FILL_A);
	fill(info, sizeof(info), FILL_A);
	r = bh_sampling_read(altitude, out, 1, (struct bh_sample_info *)info);
	judge_untouched("sampling_read into 1 byte", r, BH_EMSGSIZE, out, sizeof(out));
	judge_untouched("sampling_read into 1 byte, info", r, BH_EMSGSIZE, info, sizeof(info));
	fill(out, sizeof(out), FILL_A);
	r = bh_queuing_receive(stream, out, 1, 0);
	judge_untouched("queuing_receive into 1 byte", r, BH_EMSGSIZE, out, sizeof(out));
	fill(out, sizeof(out), FILL_A);
	r = bh_hm_read_log(99, (struct bh_hm_record *)out);
	judge_untouched("hm_read_log past the newest", r, BH_ENOENT, out, sizeof(out));
}

/* The other partition loads in its own first windows: it is probed once it runs. */
static void wait_until_running(uint32_t id)
{
	struct bh_partition_status st;

	while (bh_partition_status(id, &st) == 0 && st.mode != BH_MODE_NORMAL)
		bh_yield();
}

int main(void)
{
	self = bh_partition_id();
	bh_set_mode(BH_MODE_NORMAL);
	bh_hm_report(REPORTED_CODE);
	bh_hm_report(REPORTED_CODE + 1);
	time_probe();
	status_probe("partition_status of itself", BH_SELF);
	wait_until_running(self == 0 ? 1 : 0);
	status_probe("partition_status of another", self == 0 ? 1 : 0);
	altitude = port_probe("port_open of a sampling port", "altitude", BH_PORT_SAMPLING);
	stream = port_probe("port_open of a queuing port", "stream", BH_PORT_QUEUING);
	sample_probe();
	message_probe();
	log_probe(0);
	log_probe(1);
	upcall_probe();
	failure_probes();
	printf("leak_probe: %u probes, %u problems\n", probes, problems);
	for (;;)
		bh_vint_block();
}
