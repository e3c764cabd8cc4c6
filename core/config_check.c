/*
 * The deployment validator. Pure C over the config struct: the kernel runs it at boot and
 * tools/configtool runs the very same code at build time, so both refuse a config for the same
 * reason with the same words.
 */
#include <stdarg.h>
#include <core/deployment.h>
#include <core/boot_info.h>
#include <core/limits.h>
#include <core/kernel_devices.h>
#include <public/ports.h>
#include <public/shm.h>
#include <public/vint.h>
#include <lib/format.h>
#include <lib/string.h>

#define MIN_QUANTUM_NS US(10)
#define MIN_WINDOW_NS US(10)
/* the dispatcher compares times in 32 bits (core/tick32.h): 10 s is 1e9 ticks of a 100 MHz clock,
 * below its horizon of 2^30 */
#define MAX_MAJOR_FRAME_NS MS(10000)

/* Name lengths, without the NUL. The kernel keeps a boot module's name in BOOT_MODULE_NAME bytes
 * and a port name in BH_PORT_NAME_MAX: a longer image or channel name could never be found. No
 * table holds a partition or deployment name; the same limit keeps the console's "[name] "
 * prefix, which the kernel prints with every line, short. */
#define IMAGE_NAME_MAX (BOOT_MODULE_NAME - 1)
#define CHANNEL_NAME_MAX (BH_PORT_NAME_MAX - 1)
#define SHARED_AREA_NAME_MAX (BH_SHM_NAME_MAX - 1)
#define PARTITION_NAME_MAX 31
#define DEPLOYMENT_NAME_MAX 31
#define SCHEDULE_NAME_MAX 31
/* a device's name is a QEMU chardev id and a file name; its qemu_device a QEMU option */
#define DEVICE_NAME_MAX 31
#define QEMU_DEVICE_MAX 127

/* The APEX layer's processes in one partition (ARINC653.h's SYSTEM_LIMIT_NUMBER_OF_PROCESSES). */
#define APEX_MAX_PROCESSES 64
/* What hm_deliver may hand a partition: what a vcpu's own instruction raises (the faults and
 * traps of x86: not NMI, double fault, machine check or the reserved vectors) and an overflow
 * into a guard page; not its own report or the kernel's verdict on its misuse. */
#define HM_DELIVERABLE (HM_DELIVER(0) | HM_DELIVER(1) | HM_DELIVER(3) | HM_DELIVER(4) | \
			HM_DELIVER(5) | HM_DELIVER(6) | HM_DELIVER(7) | HM_DELIVER(10) | \
			HM_DELIVER(11) | HM_DELIVER(12) | HM_DELIVER(13) | HM_DELIVER(14) | \
			HM_DELIVER(16) | HM_DELIVER(17) | HM_DELIVER(19) | \
			HM_DELIVER(HM_EVENT_STACK_OVERFLOW))

/* One run of the validator: where its reports go, and how many it made. */
struct checker {
	config_report *report;
	void *context;
	uint32_t errors;
};

static int fail(struct checker *ck, const char *field_fmt, int index, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Hands `err`, its field written, the reason `fmt` to the report; returns -1. */
static int report_problem(struct checker *ck, struct config_error *err, const char *fmt,
			  va_list ap)
{
	vformat_string(err->reason, sizeof(err->reason), fmt, ap);
	ck->errors++;
	ck->report(err, ck->context);
	return -1;
}

/* Reports one problem and returns -1, so that a check can end with `return fail(...)`. */
static int fail(struct checker *ck, const char *field_fmt, int index, const char *fmt, ...)
{
	struct config_error err;
	va_list ap;
	int r;

	format_string(err.field, sizeof(err.field), field_fmt, index);
	va_start(ap, fmt);
	r = report_problem(ck, &err, fmt, ap);
	va_end(ap);
	return r;
}

static int fail_in(struct checker *ck, const char *prefix, const char *field_fmt, int index,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* fail() for a field of a schedule: `prefix` ("schedules[1]." or "") before it. The field is
 * formatted only here, on a failure: the boot's validation of a sound deployment formats nothing. */
static int fail_in(struct checker *ck, const char *prefix, const char *field_fmt, int index,
		   const char *fmt, ...)
{
	struct config_error err;
	uint32_t length;
	va_list ap;

	int r;

	format_string(err.field, sizeof(err.field), "%s", prefix);
	length = (uint32_t)strlen(err.field);
	format_string(err.field + length, sizeof(err.field) - length, field_fmt, index);
	va_start(ap, fmt);
	r = report_problem(ck, &err, fmt, ap);
	va_end(ap);
	return r;
}

/* Names are printed on the console, where a control character could break or forge a line. */
static int printable(char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* An image name is a file name in the build, GRUB's menu and QEMU's comma-separated -initrd list. */
static int file_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

static int check_name(struct checker *ck, const char *field_fmt, int index, const char *name,
		      const char *what, uint32_t max, int (*allowed)(char), const char *allowed_words)
{
	uint32_t length = (uint32_t)strlen(name);

	if (length == 0)
		return fail(ck, field_fmt, index, "is empty");
	/* what comes before the first bad byte is safe to print */
	for (uint32_t k = 0; k < length; k++)
		if (!allowed(name[k]))
			return k ? fail(ck, field_fmt, index, "byte 0x%02x after '%.*s'; %s holds only %s",
					(unsigned char)name[k], (int)k, name, what, allowed_words) :
				   fail(ck, field_fmt, index, "starts with byte 0x%02x; %s holds only %s",
					(unsigned char)name[k], what, allowed_words);
	if (length > max)
		return fail(ck, field_fmt, index, "'%.*s...' is %u characters long; %s has at most %u",
			    (int)max, name, length, what, max);
	return 0;
}

static uint32_t count_windows(const struct window_config *windows)
{
	uint32_t n = 0;

	while (n < CONFIG_MAX_WINDOWS && windows[n].partition)
		n++;
	return n;
}

uint32_t deployment_partition_count(const struct deployment *d)
{
	uint32_t n = 0;

	while (n < CONFIG_MAX_PARTITIONS && d->partitions[n].name)
		n++;
	return n;
}

uint32_t deployment_window_count(const struct deployment *d)
{
	return count_windows(d->windows);
}

uint32_t deployment_channel_count(const struct deployment *d)
{
	uint32_t n = 0;

	while (n < CONFIG_MAX_CHANNELS && d->channels[n].name)
		n++;
	return n;
}

uint32_t deployment_shared_area_count(const struct deployment *d)
{
	uint32_t n = 0;

	while (n < CONFIG_MAX_SHARED_AREAS && d->shared_areas[n].name)
		n++;
	return n;
}

const struct shared_area_user *deployment_area_user(const struct shared_area_config *area,
						   const char *partition)
{
	for (int k = 0; k < CONFIG_MAX_PARTITIONS && area->users[k].partition; k++)
		if (strcmp(area->users[k].partition, partition) == 0)
			return &area->users[k];
	return NULL;
}

uint32_t deployment_device_count(const struct deployment *d)
{
	uint32_t n = 0;

	while (n < CONFIG_MAX_DEVICES && d->devices[n].name)
		n++;
	return n;
}

int deployment_find_partition(const struct deployment *d, const char *name)
{
	uint32_t n = deployment_partition_count(d);

	for (uint32_t i = 0; i < n; i++)
		if (strcmp(d->partitions[i].name, name) == 0)
			return (int)i;
	return -1;
}

uint32_t deployment_schedule_count(const struct deployment *d)
{
	uint32_t n = 0;

	while (n < CONFIG_MAX_SCHEDULES && d->schedules[n].name)
		n++;
	return n ? n : 1;
}

void deployment_schedule(const struct deployment *d, uint32_t id, struct schedule_view *out)
{
	if (!d->schedules[0].name) {
		*out = (struct schedule_view){ SCHEDULE_DEFAULT_NAME, d->major_frame_ns, d->windows,
					       count_windows(d->windows) };
		return;
	}
	*out = (struct schedule_view){ d->schedules[id].name, d->schedules[id].major_frame_ns,
				       d->schedules[id].windows,
				       count_windows(d->schedules[id].windows) };
}

int deployment_find_schedule(const struct deployment *d, const char *name)
{
	uint32_t n = deployment_schedule_count(d);

	for (uint32_t i = 0; i < n; i++) {
		struct schedule_view s;

		deployment_schedule(d, i, &s);
		if (strcmp(s.name, name) == 0)
			return (int)i;
	}
	return -1;
}

int deployment_initial_schedule(const struct deployment *d)
{
	return d->initial_schedule ? deployment_find_schedule(d, d->initial_schedule) : 0;
}

uint32_t deployment_vcpu_cpu(const struct deployment *d, uint32_t partition, uint32_t vcpu)
{
	const struct partition_config *p = &d->partitions[partition];
	uint32_t n = deployment_schedule_count(d);

	if (p->vcpu_cpu[vcpu])
		return p->vcpu_cpu[vcpu] - 1;
	for (uint32_t id = 0; id < n; id++) {
		struct schedule_view s;

		deployment_schedule(d, id, &s);
		for (uint32_t w = 0; w < s.window_count; w++)
			if (strcmp(s.windows[w].partition, p->name) == 0)
				return s.windows[w].cpu;
	}
	return 0;
}

/* The memory's own fields are sound: what the overlap and stack checks rely on. */
static int memory_sound(const struct partition_config *p)
{
	return p->memory_size && p->memory_size % CONFIG_PAGE_SIZE == 0 &&
	       p->memory_size <= CONFIG_PARTITION_MAX_MEMORY && p->memory_base % CONFIG_PAGE_SIZE == 0 &&
	       p->memory_base >= CONFIG_PARTITION_MEMORY_FLOOR;
}

/* The size and the base are judged apart; the RAM and the neighbours only once both are sound. */
static void check_memory(struct checker *ck, const struct deployment *d, int i, uint64_t ram_end)
{
	const struct partition_config *p = &d->partitions[i];
	uint64_t end = (uint64_t)p->memory_base + p->memory_size;

	if (p->memory_size == 0 || p->memory_size % CONFIG_PAGE_SIZE)
		fail(ck, "partitions[%d].memory_size", i,
		     "%u bytes is not a positive multiple of the %u-byte page", p->memory_size,
		     CONFIG_PAGE_SIZE);
	else if (p->memory_size > CONFIG_PARTITION_MAX_MEMORY)
		fail(ck, "partitions[%d].memory_size", i, "%u bytes exceeds the %u-byte limit",
		     p->memory_size, CONFIG_PARTITION_MAX_MEMORY);
	if (p->memory_base % CONFIG_PAGE_SIZE)
		fail(ck, "partitions[%d].memory_base", i, "0x%x is not page aligned", p->memory_base);
	else if (p->memory_base < CONFIG_PARTITION_MEMORY_FLOOR)
		fail(ck, "partitions[%d].memory_base", i,
		     "0x%x is below 0x%x, where the kernel and boot modules live", p->memory_base,
		     CONFIG_PARTITION_MEMORY_FLOOR);
	if (!memory_sound(p))
		return;
	if (end > ram_end) {
		fail(ck, "partitions[%d].memory_base", i,
		     "[0x%x, 0x%llx) exceeds the RAM partitions may use (up to 0x%llx)",
		     p->memory_base, (unsigned long long)end, (unsigned long long)ram_end);
		return;
	}
	for (int j = 0; j < i; j++) {
		const struct partition_config *q = &d->partitions[j];

		if (memory_sound(q) && p->memory_base < q->memory_base + q->memory_size &&
		    q->memory_base < end) {
			fail(ck, "partitions[%d].memory_base", i, "memory of '%s' overlaps that of '%s'",
			     p->name, q->name);
			return;
		}
	}
}

/* A list of names ends at its first NULL: a name after it would be silently left out. */
static void check_names_end(struct checker *ck, const char *field_fmt, int index, const char *list,
			    const char *const *names, int end, int size)
{
	for (int k = end + 1; k < size; k++)
		if (names[k]) {
			fail(ck, field_fmt, index,
			     "'%s' in %s[%d] comes after the empty %s[%d], where the list ends", names[k],
			     list, k, list, end);
			return;
		}
}

/* Vcpu 0's stack tops the memory with an unmapped guard page below it; the image lies below. */
static void check_stack(struct checker *ck, const struct partition_config *p, int i)
{
	uint32_t stack = p->stack_size ? p->stack_size : CONFIG_DEFAULT_STACK_SIZE;

	if (p->stack_size % CONFIG_PAGE_SIZE)
		fail(ck, "partitions[%d].stack_size", i, "%u bytes is not a multiple of the %u-byte page",
		     p->stack_size, CONFIG_PAGE_SIZE);
	else if (!memory_sound(p) || (uint64_t)stack + CONFIG_PAGE_SIZE < p->memory_size)
		return;
	else if (p->stack_size)
		fail(ck, "partitions[%d].stack_size", i,
		     "%u bytes of stack and the %u-byte guard page below it leave no page of the "
		     "%u-byte memory for the image", stack, CONFIG_PAGE_SIZE, p->memory_size);
	else
		fail(ck, "partitions[%d].memory_size", i,
		     "%u bytes hold the default %u-byte stack (CONFIG_DEFAULT_STACK_SIZE) and its "
		     "%u-byte guard page but no page for the image", p->memory_size, stack,
		     CONFIG_PAGE_SIZE);
}

/* An APEX partition's limits: both set, or neither (a partition without the layer). */
static void check_apex(struct checker *ck, const struct partition_config *p, int i)
{
	const struct apex_config *a = &p->apex;

	if (a->processes > APEX_MAX_PROCESSES)
		fail(ck, "partitions[%d].apex.processes", i, "%u processes; an APEX partition has 0 to %d",
		     a->processes, APEX_MAX_PROCESSES);
	if (a->stack_bytes % CONFIG_PAGE_SIZE)
		fail(ck, "partitions[%d].apex.stack_bytes", i,
		     "%u bytes is not a multiple of the %u-byte page", a->stack_bytes, CONFIG_PAGE_SIZE);
	if (!a->processes != !a->stack_bytes)
		fail(ck, "partitions[%d].apex", i,
		     "processes %u and stack_bytes %u: an APEX partition sets both, any other neither",
		     a->processes, a->stack_bytes);
}

static const char *undeliverable_why(int event)
{
	if (event == HM_EVENT_APPLICATION_ERROR)
		return "an application error is the partition's own report (hm_report)";
	if (event == HM_EVENT_VCPU_MISUSE)
		return "a vcpu stopped for misuse cannot take an upcall";
	if (event < 32)
		return "no instruction of the vcpu's raises it";
	return "it is no enum hm_event";
}

static void check_hm_deliver(struct checker *ck, const struct partition_config *p, int i)
{
	uint64_t bad = p->hm_deliver & ~HM_DELIVERABLE;
	int event = bad ? __builtin_ctzll(bad) : 0;

	if (bad)
		fail(ck, "partitions[%d].hm_deliver", i,
		     "event %d cannot be handed to the partition: %s; only vectors 0, 1, 3-7, 10-14, 16, "
		     "17, 19 and HM_EVENT_STACK_OVERFLOW can", event, undeliverable_why(event));
}

static int vcpu_count_sound(const struct partition_config *p)
{
	return p->vcpu_count >= 1 && p->vcpu_count <= CONFIG_MAX_VCPUS_PER_PARTITION;
}

/* The deployment's CPUs (cpus, 0 meaning 1), or 0 when cpus itself is wrong: then no window's
 * cpu or vcpu's vcpu_cpu can be judged against it. */
static uint32_t cpu_count(const struct deployment *d)
{
	if (d->cpus > CONFIG_MAX_CPUS)
		return 0;
	return d->cpus ? d->cpus : 1;
}

/* "the deployment has 2 CPUs (cpus = 2), numbered 0 to 1": what a CPU out of range is told. */
static const char *cpus_words(const struct deployment *d, char *out, uint32_t size)
{
	uint32_t n = cpu_count(d);

	if (n == 1)
		format_string(out, size, "the deployment has 1 CPU (cpus = %u%s), CPU 0",
			      d->cpus, d->cpus ? "" : " means 1");
	else
		format_string(out, size, "the deployment has %u CPUs (cpus = %u), numbered 0 to %u",
			      n, n, n - 1);
	return out;
}

/* "0", "0 and 2", "0, 1 and 3": the bits of `mask`, for a reason. */
static const char *bit_list(uint32_t mask, char *out, uint32_t size)
{
	uint32_t length = 0;

	out[0] = 0;
	for (uint32_t rest = mask; rest; rest &= rest - 1) {
		uint32_t bit = (uint32_t)__builtin_ctz(rest);
		const char *between = rest == mask ? "" : (rest & (rest - 1)) ? ", " : " and ";

		format_string(out + length, size - length, "%s%u", between, bit);
		length = (uint32_t)strlen(out);
	}
	return out;
}

/* vcpu_cpu[v] is 0 (derived) or CPU(n) of a CPU the deployment has; cpus is sound. */
static int vcpu_cpu_known(const struct deployment *d, const struct partition_config *p, uint32_t v)
{
	return !p->vcpu_cpu[v] || p->vcpu_cpu[v] - 1 < cpu_count(d);
}

/* Every vcpu of p has a known vcpu_cpu entry; cpus is sound. */
static int vcpu_cpu_entries_sound(const struct deployment *d, const struct partition_config *p)
{
	for (uint32_t v = 0; v < p->vcpu_count; v++)
		if (!vcpu_cpu_known(d, p, v))
			return 0;
	return 1;
}

/* Each vcpu's vcpu_cpu entry (its vcpu count sound): 0 or CPU(n) of a CPU the deployment has,
 * and 0 beyond the vcpu count, as the priorities. */
static void check_vcpu_cpu_entries(struct checker *ck, const struct deployment *d, int i)
{
	const struct partition_config *p = &d->partitions[i];
	char has[80];

	for (uint32_t v = 0; v < p->vcpu_count && cpu_count(d); v++)
		if (!vcpu_cpu_known(d, p, v)) {
			fail(ck, "partitions[%d].vcpu_cpu", i, "vcpu_cpu[%u] is CPU(%u); %s", v,
			     p->vcpu_cpu[v] - 1, cpus_words(d, has, sizeof(has)));
			break;
		}
	for (uint32_t v = p->vcpu_count; v < CONFIG_MAX_VCPUS_PER_PARTITION; v++)
		if (p->vcpu_cpu[v]) {
			fail(ck, "partitions[%d].vcpu_cpu", i,
			     "vcpu_cpu[%u] is CPU(%u), but the partition has %u vcpu%s", v,
			     p->vcpu_cpu[v] - 1, p->vcpu_count, p->vcpu_count == 1 ? "" : "s");
			break;
		}
}

/*
 * Each field on its own; a check that builds on another field (the priorities on the vcpu count,
 * the stack on the memory) is skipped when that field is wrong, so one mistake is told once.
 * Several partitions may share an image (redundant lanes): each loads its own copy.
 */
static void check_partition(struct checker *ck, const struct deployment *d, int i,
			    uint64_t ram_end)
{
	const struct partition_config *p = &d->partitions[i];
	int k;

	if (!check_name(ck, "partitions[%d].name", i, p->name, "a partition name",
			PARTITION_NAME_MAX, printable, "printable ASCII"))
		for (int j = 0; j < i; j++)
			if (strcmp(d->partitions[j].name, p->name) == 0) {
				fail(ck, "partitions[%d].name", i, "'%s' is used twice", p->name);
				break;
			}
	if (!p->image || !p->image[0])
		fail(ck, "partitions[%d].image", i, "partition '%s' names no image", p->name);
	else
		check_name(ck, "partitions[%d].image", i, p->image, "an image name", IMAGE_NAME_MAX,
			   file_name_char, "letters, digits, '_', '-' and '.'");
	if (!vcpu_count_sound(p)) {
		fail(ck, "partitions[%d].vcpu_count", i, "%u vcpus; a partition has 1 to %d",
		     p->vcpu_count, CONFIG_MAX_VCPUS_PER_PARTITION);
	} else {
		for (uint32_t v = p->vcpu_count; v < CONFIG_MAX_VCPUS_PER_PARTITION; v++)
			if (p->priority[v]) {
				fail(ck, "partitions[%d].priority", i,
				     "priority[%u] is %u, but the partition has %u vcpu%s", v,
				     p->priority[v], p->vcpu_count, p->vcpu_count == 1 ? "" : "s");
				break;
			}
		check_vcpu_cpu_entries(ck, d, i);
	}
	if (p->quantum_ns > MAX_MAJOR_FRAME_NS)
		fail(ck, "partitions[%d].quantum_ns", i, "%llu ns; the longest quantum is %llu ns",
		     (unsigned long long)p->quantum_ns, (unsigned long long)MAX_MAJOR_FRAME_NS);
	else if (p->vcpu_count > 1 && p->quantum_ns < MIN_QUANTUM_NS)
		fail(ck, "partitions[%d].quantum_ns", i,
		     "%llu ns; a partition with several vcpus needs a quantum of at least %llu ns",
		     (unsigned long long)p->quantum_ns, (unsigned long long)MIN_QUANTUM_NS);
	for (int e = 0; e < HM_EVENT_COUNT; e++)
		if (p->hm_actions[e] >= HM_ACTION_COUNT)
			fail(ck, "partitions[%d].hm_actions", i,
			     "action %u for event %d is not an enum hm_action", p->hm_actions[e], e);
	for (k = 0; k < CONFIG_MAX_PARTITIONS && p->doorbell_to[k]; k++) {
		int target = deployment_find_partition(d, p->doorbell_to[k]);

		if (target < 0)
			fail(ck, "partitions[%d].doorbell_to", i, "unknown partition '%s'",
			     p->doorbell_to[k]);
		else if (target == i)
			fail(ck, "partitions[%d].doorbell_to", i,
			     "'%s' rings its own vcpus without permission; list only others", p->name);
	}
	check_names_end(ck, "partitions[%d].doorbell_to", i, "doorbell_to", p->doorbell_to, k,
			CONFIG_MAX_PARTITIONS);
	check_hm_deliver(ck, p, i);
	if (p->hm_stop_schedule && deployment_find_schedule(d, p->hm_stop_schedule) < 0)
		fail(ck, "partitions[%d].hm_stop_schedule", i, "unknown schedule '%s'",
		     p->hm_stop_schedule);
	check_apex(ck, p, i);
	check_memory(ck, d, i, ram_end);
	check_stack(ck, p, i);
}

/* One window: its partition and CPU, and its offset and duration against the end of the previous
 * window on its CPU and the frame. */
static void check_window(struct checker *ck, const struct deployment *d, const char *prefix,
			 const struct schedule_view *s, uint32_t w, uint64_t *previous_end,
			 int frame_sound, int *unknown_partitions)
{
	const struct window_config *win = &s->windows[w];
	uint64_t major = s->major_frame_ns;
	int offset_wrong = 0, duration_wrong = 0, i = (int)w;

	if (deployment_find_partition(d, win->partition) < 0) {
		fail_in(ck, prefix, "windows[%d].partition", i, "unknown partition '%s'",
			win->partition);
		*unknown_partitions = 1;
	}
	if (cpu_count(d) && win->cpu >= cpu_count(d)) {
		char has[80];

		fail_in(ck, prefix, "windows[%d].cpu", i, "CPU %u; %s", win->cpu,
			cpus_words(d, has, sizeof(has)));
	}
	if (win->duration_ns < MIN_WINDOW_NS)
		duration_wrong = fail_in(ck, prefix, "windows[%d].duration_ns", i,
					 "%llu ns; a window lasts at least %llu ns",
				      (unsigned long long)win->duration_ns,
				      (unsigned long long)MIN_WINDOW_NS);
	if (win->offset_ns < *previous_end)
		offset_wrong = fail_in(ck, prefix, "windows[%d].offset_ns", i,
				    "window starts at %llu ns, before the previous one on CPU %u ends "
				    "(%llu ns): windows on one CPU must not overlap and must be in time "
				    "order", (unsigned long long)win->offset_ns, win->cpu,
				    (unsigned long long)*previous_end);
	if (frame_sound && !offset_wrong && win->offset_ns >= major)
		fail_in(ck, prefix, "windows[%d].offset_ns", i,
		     "window starts at %llu ns, at or after the end of the major frame (%llu ns)",
		     (unsigned long long)win->offset_ns, (unsigned long long)major);
	if (win->duration_ns > UINT64_MAX - win->offset_ns) {
		if (!duration_wrong)
			fail_in(ck, prefix, "windows[%d].duration_ns", i,
			     "window of %llu ns starting at %llu ns ends beyond 2^64 ns, past the major "
			     "frame of %llu ns", (unsigned long long)win->duration_ns,
			     (unsigned long long)win->offset_ns, (unsigned long long)major);
		/* no end to compare the next window with: judge it by its own start */
		*previous_end = win->offset_ns;
		return;
	}
	if (frame_sound && !duration_wrong && win->offset_ns + win->duration_ns > major)
		fail_in(ck, prefix, "windows[%d].duration_ns", i,
			"window ends at %llu ns, past the major frame of %llu ns",
		     (unsigned long long)(win->offset_ns + win->duration_ns),
		     (unsigned long long)major);
	*previous_end = win->offset_ns + win->duration_ns;
}

/* One schedule's frame and windows (prefix: "" for the top-level form, else "schedules[i]."); 
 * returns whether a window named an unknown partition. */
static int check_frame(struct checker *ck, const struct deployment *d, const char *prefix,
		       const struct schedule_view *s)
{
	/* each CPU's windows in time order, the CPUs' lists interleaved in any way; the CPU of a
	 * window is judged against cpus where cpus is sound, else it is only an index */
	uint64_t previous_end[CONFIG_MAX_CPUS] = { 0 };
	uint32_t ordered_cpus = cpu_count(d) ? cpu_count(d) : CONFIG_MAX_CPUS;
	int frame_sound = 0, unknown_partitions = 0;

	if (s->major_frame_ns == 0)
		fail_in(ck, prefix, "major_frame_ns", 0, "the major frame is empty");
	else if (s->major_frame_ns > MAX_MAJOR_FRAME_NS)
		fail_in(ck, prefix, "major_frame_ns", 0, "%llu ns; the longest major frame is %llu ns",
		     (unsigned long long)s->major_frame_ns, (unsigned long long)MAX_MAJOR_FRAME_NS);
	else
		frame_sound = 1;
	if (s->window_count == 0) {
		fail_in(ck, prefix, "windows", 0, "the schedule has no window");
		return 0;
	}
	for (uint32_t w = 0; w < s->window_count; w++) {
		uint32_t cpu = s->windows[w].cpu;
		/* a window on no CPU of the deployment (reported) is in no CPU's order */
		uint64_t unordered = 0;

		check_window(ck, d, prefix, s, w, cpu < ordered_cpus ? &previous_end[cpu] : &unordered,
			     frame_sound, &unknown_partitions);
	}
	return unknown_partitions;
}

static int has_window(const struct schedule_view *s, const char *partition)
{
	for (uint32_t w = 0; w < s->window_count; w++)
		if (strcmp(s->windows[w].partition, partition) == 0)
			return 1;
	return 0;
}

/* Where partition `name`'s windows lie, over every schedule: bit n for CPU n; *stray set when one
 * is on a CPU the deployment lacks (that window's own error). cpus is sound. */
static uint32_t window_cpus(const struct deployment *d, const char *name, int *stray)
{
	uint32_t on = 0, n = deployment_schedule_count(d);

	*stray = 0;
	for (uint32_t id = 0; id < n; id++) {
		struct schedule_view s;

		deployment_schedule(d, id, &s);
		for (uint32_t w = 0; w < s.window_count; w++) {
			const struct window_config *win = &s.windows[w];

			if (strcmp(win->partition, name) != 0)
				continue;
			if (win->cpu < cpu_count(d))
				on |= 1u << win->cpu;
			else
				*stray = 1;
		}
	}
	return on;
}

/* A partition given a device runs every vcpu on CPU 0: the device's interrupts come there (the
 * 8259), and the I/O bitmap that opens its ports is in CPU 0's TSS. */
static void check_device_cpus(struct checker *ck, const struct deployment *d, int i)
{
	const struct partition_config *p = &d->partitions[i];
	uint32_t nd = deployment_device_count(d);

	for (uint32_t k = 0; k < nd; k++) {
		if (!d->devices[k].partition || strcmp(d->devices[k].partition, p->name) != 0)
			continue;
		for (uint32_t v = 0; v < p->vcpu_count; v++) {
			uint32_t cpu = deployment_vcpu_cpu(d, (uint32_t)i, v);

			if (cpu == 0)
				continue;
			fail(ck, "devices[%d].partition", (int)k, "'%s' runs vcpu %u on CPU %u; a "
			     "partition with a device runs every vcpu on CPU 0: device interrupts "
			     "arrive there (the 8259), and CPU 0's TSS holds the I/O bitmap", p->name,
			     v, cpu);
			break;
		}
	}
}

/*
 * Each vcpu's CPU (docs/smp.md): its vcpu_cpu, or where vcpu_cpu is 0 that of its partition's
 * windows, which must then all be on one CPU; a window of its partition on it in some schedule;
 * CPU 0 for a partition given a device. Judged only on sound fields: a wrong cpus, vcpu count,
 * vcpu_cpu entry or window CPU has its own report.
 */
static void check_vcpu_cpus(struct checker *ck, const struct deployment *d, int i, int several)
{
	const struct partition_config *p = &d->partitions[i];
	uint32_t unbound = 0, on;
	char list[32];
	int stray;

	if (!cpu_count(d) || !vcpu_count_sound(p) || !vcpu_cpu_entries_sound(d, p))
		return;
	on = window_cpus(d, p->name, &stray);
	if (stray)
		return;
	for (uint32_t v = 0; v < p->vcpu_count; v++)
		if (!p->vcpu_cpu[v])
			unbound |= 1u << v;
	bit_list(on, list, sizeof(list));
	if (unbound && (on & (on - 1))) {
		char vcpus[24];

		bit_list(unbound, vcpus, sizeof(vcpus));
		if (unbound & (unbound - 1))
			fail(ck, "partitions[%d].vcpu_cpu", i, "vcpus %s take the CPU of their "
			     "partition's windows (vcpu_cpu 0), but those of '%s' lie on CPUs %s: set "
			     "vcpu_cpu[v] = CPU(n) for each to say which", vcpus, p->name, list);
		else
			fail(ck, "partitions[%d].vcpu_cpu", i, "vcpu %s takes the CPU of its "
			     "partition's windows (vcpu_cpu 0), but those of '%s' lie on CPUs %s: set "
			     "vcpu_cpu[%s] = CPU(n) to say which", vcpus, p->name, list, vcpus);
		return;
	}
	for (uint32_t v = 0; v < p->vcpu_count; v++) {
		uint32_t cpu = deployment_vcpu_cpu(d, (uint32_t)i, v);

		if (!(on & 1u << cpu))
			fail(ck, "partitions[%d].vcpu_cpu", i, "vcpu %u runs on CPU %u, where partition "
			     "'%s' has no window%s (its windows are on CPU%s %s): it would never run", v,
			     cpu, p->name, several ? " in any schedule" : "", on & (on - 1) ? "s" : "",
			     list);
	}
	check_device_cpus(ck, d, i);
}

/* A schedule's name: printable, short, unique (a one-schedule deployment's is "default"). */
static void check_schedule_name(struct checker *ck, const struct deployment *d, int i)
{
	const char *name = d->schedules[i].name;

	if (check_name(ck, "schedules[%d].name", i, name, "a schedule name", SCHEDULE_NAME_MAX,
		       printable, "printable ASCII"))
		return;
	for (int j = 0; j < i; j++)
		if (strcmp(d->schedules[j].name, name) == 0) {
			fail(ck, "schedules[%d].name", i, "'%s' is used twice", name);
			return;
		}
}

/*
 * The schedules: each as the one of a one-schedule deployment; a deployment uses one form; the
 * initial one exists; every partition has a window in at least one schedule (where it has none,
 * it does not run: docs/schedules.md), and each of its vcpus on its own CPU.
 */
static void check_schedule(struct checker *ck, const struct deployment *d)
{
	uint32_t np = deployment_partition_count(d), ns = deployment_schedule_count(d);
	int several = d->schedules[0].name != NULL, unknown_partitions = 0;

	if (several && (d->major_frame_ns || d->windows[0].partition))
		fail(ck, d->major_frame_ns ? "major_frame_ns" : "windows", 0,
		     "set beside schedules[]: a deployment has either one schedule (major_frame_ns and "
		     "windows[]) or schedules[], not both");
	for (uint32_t i = 0; i < ns; i++) {
		struct schedule_view s;
		char prefix[24] = "";

		deployment_schedule(d, i, &s);
		if (several) {
			check_schedule_name(ck, d, (int)i);
			format_string(prefix, sizeof(prefix), "schedules[%u].", i);
		}
		unknown_partitions |= check_frame(ck, d, prefix, &s);
	}
	if (d->initial_schedule && deployment_find_schedule(d, d->initial_schedule) < 0)
		fail(ck, "initial_schedule", 0, "unknown schedule '%s'", d->initial_schedule);
	/* a window that names no partition was most likely meant for the one without a window:
	 * that window's error says it all */
	if (unknown_partitions)
		return;
	for (uint32_t i = 0; i < np; i++) {
		int found = 0;

		for (uint32_t k = 0; k < ns && !found; k++) {
			struct schedule_view s;

			deployment_schedule(d, k, &s);
			found = has_window(&s, d->partitions[i].name);
		}
		if (!found)
			fail(ck, "partitions[%d]", (int)i, several ?
			     "partition '%s' has no window in any schedule" :
			     "partition '%s' has no window", d->partitions[i].name);
		else
			check_vcpu_cpus(ck, d, (int)i, several);
	}
}

static void check_channel(struct checker *ck, const struct deployment *d, int c)
{
	const struct channel_config *ch = &d->channels[c];
	int source = -1, k;

	if (!check_name(ck, "channels[%d].name", c, ch->name, "a port name", CHANNEL_NAME_MAX,
			printable, "printable ASCII"))
		for (int j = 0; j < c; j++)
			if (strcmp(d->channels[j].name, ch->name) == 0) {
				fail(ck, "channels[%d].name", c, "'%s' is used twice", ch->name);
				break;
			}
	if (ch->kind != CHANNEL_SAMPLING && ch->kind != CHANNEL_QUEUING)
		fail(ck, "channels[%d].kind", c, "'%s' is neither sampling nor queuing", ch->name);
	if (ch->max_message == 0 || ch->max_message > CONFIG_MAX_MESSAGE)
		fail(ck, "channels[%d].max_message", c, "%u bytes; a message holds 1 to %d",
		     ch->max_message, CONFIG_MAX_MESSAGE);
	if (ch->kind == CHANNEL_QUEUING && (ch->depth == 0 || ch->depth > CONFIG_MAX_DEPTH))
		fail(ck, "channels[%d].depth", c, "%u messages; a queue holds 1 to %d", ch->depth,
		     CONFIG_MAX_DEPTH);
	if (ch->kind == CHANNEL_SAMPLING && ch->refresh_ns == 0)
		fail(ck, "channels[%d].refresh_ns", c, "a sampling port needs a refresh period");
	if (!ch->source || (source = deployment_find_partition(d, ch->source)) < 0)
		fail(ck, "channels[%d].source", c, "unknown partition '%s'",
		     ch->source ? ch->source : "(none)");
	for (k = 0; k < CONFIG_MAX_PORTS_PER_CHANNEL - 1 && ch->destinations[k]; k++) {
		int dst = deployment_find_partition(d, ch->destinations[k]), twice = 0;

		for (int m = 0; m < k && !twice; m++)
			twice = strcmp(ch->destinations[m], ch->destinations[k]) == 0;
		if (dst < 0)
			fail(ck, "channels[%d].destinations", c, "unknown partition '%s'",
			     ch->destinations[k]);
		else if (dst == source)
			fail(ck, "channels[%d].destinations", c, "'%s' would send to itself", ch->source);
		else if (twice)
			fail(ck, "channels[%d].destinations", c, "'%s' is listed twice",
			     ch->destinations[k]);
	}
	check_names_end(ck, "channels[%d].destinations", c, "destinations", ch->destinations, k,
			CONFIG_MAX_PORTS_PER_CHANNEL - 1);
	if (k == 0)
		fail(ck, "channels[%d].destinations", c, "channel '%s' has no destination", ch->name);
	else if (ch->kind == CHANNEL_QUEUING && k != 1)
		fail(ck, "channels[%d].destinations", c,
		     "queuing channel '%s' has %d destinations; it needs exactly one", ch->name, k);
}

/* [a, a + an) and [b, b + bn) share a byte (64-bit ends: neither wraps). */
static int ranges_overlap(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
	return a < b + bn && b < a + an;
}

static int area_sound(const struct shared_area_config *a)
{
	return a->size && a->size % CONFIG_PAGE_SIZE == 0 && a->size <= BH_SHM_WINDOW_SIZE &&
	       a->base % CONFIG_PAGE_SIZE == 0 && a->base >= CONFIG_PARTITION_MEMORY_FLOOR;
}

/* The physical range: its own fields, then RAM, the partitions' memory and the other areas. */
static void check_area_memory(struct checker *ck, const struct deployment *d, int a,
			      uint64_t ram_end)
{
	const struct shared_area_config *area = &d->shared_areas[a];
	uint32_t np = deployment_partition_count(d);

	if (area->size == 0 || area->size % CONFIG_PAGE_SIZE)
		fail(ck, "shared_areas[%d].size", a,
		     "%u bytes is not a positive multiple of the %u-byte page", area->size,
		     CONFIG_PAGE_SIZE);
	else if (area->size > BH_SHM_WINDOW_SIZE)
		fail(ck, "shared_areas[%d].size", a,
		     "%u bytes exceeds the %u-byte shared window a partition maps areas in",
		     area->size, BH_SHM_WINDOW_SIZE);
	if (area->base % CONFIG_PAGE_SIZE)
		fail(ck, "shared_areas[%d].base", a, "0x%x is not page aligned", area->base);
	else if (area->base < CONFIG_PARTITION_MEMORY_FLOOR)
		fail(ck, "shared_areas[%d].base", a,
		     "0x%x is below 0x%x, where the kernel and boot modules live", area->base,
		     CONFIG_PARTITION_MEMORY_FLOOR);
	if (!area_sound(area))
		return;
	if ((uint64_t)area->base + area->size > ram_end) {
		fail(ck, "shared_areas[%d].base", a,
		     "[0x%x, 0x%llx) exceeds the RAM partitions may use (up to 0x%llx)", area->base,
		     (unsigned long long)area->base + area->size, (unsigned long long)ram_end);
		return;
	}
	for (uint32_t i = 0; i < np; i++) {
		const struct partition_config *p = &d->partitions[i];

		if (memory_sound(p) &&
		    ranges_overlap(area->base, area->size, p->memory_base, p->memory_size)) {
			fail(ck, "shared_areas[%d].base", a,
			     "shared area '%s' [0x%x, 0x%llx) overlaps the memory of partition '%s'",
			     area->name, area->base, (unsigned long long)area->base + area->size,
			     p->name);
			return;
		}
	}
	for (int b = 0; b < a; b++) {
		const struct shared_area_config *other = &d->shared_areas[b];

		if (area_sound(other) &&
		    ranges_overlap(area->base, area->size, other->base, other->size)) {
			fail(ck, "shared_areas[%d].base", a, "shared area '%s' overlaps shared area '%s'",
			     area->name, other->name);
			return;
		}
	}
}

/* Where the user maps the area: page aligned, in its shared window, clear of its other areas. */
static void check_area_address(struct checker *ck, const struct deployment *d, int a, int k,
			       const struct partition_config *p)
{
	const struct shared_area_config *area = &d->shared_areas[a];
	uint32_t address = area->users[k].address;
	uint64_t end = (uint64_t)address + area->size;
	char field[64];

	format_string(field, sizeof(field), "shared_areas[%d].users[%d].address", a, k);
	if (address % CONFIG_PAGE_SIZE) {
		fail(ck, field, 0, "0x%x is not page aligned", address);
		return;
	}
	if (!area_sound(area))
		return;
	if (memory_sound(p) && ranges_overlap(address, area->size, BH_PARTITION_BASE, p->memory_size)) {
		fail(ck, field, 0, "[0x%x, 0x%llx) lies in the private memory of '%s' [0x%x, 0x%x)",
		     address, (unsigned long long)end, p->name, BH_PARTITION_BASE,
		     BH_PARTITION_BASE + p->memory_size);
		return;
	}
	if (address < BH_PARTITION_BASE) {
		fail(ck, field, 0, "0x%x lies in the kernel's part of the address space (below 0x%x)",
		     address, BH_PARTITION_BASE);
		return;
	}
	if (address < BH_SHM_WINDOW_BASE || end > (uint64_t)BH_SHM_WINDOW_BASE + BH_SHM_WINDOW_SIZE) {
		fail(ck, field, 0, "[0x%x, 0x%llx) is outside the shared window [0x%x, 0x%x), where a "
		     "partition's shared areas appear", address, (unsigned long long)end,
		     BH_SHM_WINDOW_BASE, BH_SHM_WINDOW_BASE + BH_SHM_WINDOW_SIZE);
		return;
	}
	for (int b = 0; b < a; b++) {
		const struct shared_area_config *other = &d->shared_areas[b];
		const struct shared_area_user *u = deployment_area_user(other, p->name);

		if (u && area_sound(other) && ranges_overlap(address, area->size, u->address, other->size)) {
			fail(ck, field, 0, "[0x%x, 0x%llx) overlaps shared area '%s' in the space of '%s'",
			     address, (unsigned long long)end, other->name, p->name);
			return;
		}
	}
}

static void check_shared_area(struct checker *ck, const struct deployment *d, int a,
			      uint64_t ram_end)
{
	const struct shared_area_config *area = &d->shared_areas[a];
	int k;

	if (!check_name(ck, "shared_areas[%d].name", a, area->name, "a shared area name",
			SHARED_AREA_NAME_MAX, printable, "printable ASCII"))
		for (int b = 0; b < a; b++)
			if (strcmp(d->shared_areas[b].name, area->name) == 0) {
				fail(ck, "shared_areas[%d].name", a, "'%s' is used twice", area->name);
				break;
			}
	check_area_memory(ck, d, a, ram_end);
	for (k = 0; k < CONFIG_MAX_PARTITIONS && area->users[k].partition; k++) {
		const struct shared_area_user *u = &area->users[k];
		int pid = deployment_find_partition(d, u->partition);
		char field[64];

		format_string(field, sizeof(field), "shared_areas[%d].users[%d].partition", a, k);
		if (pid < 0)
			fail(ck, field, 0, "unknown partition '%s'", u->partition);
		else if (deployment_area_user(area, u->partition) != u)
			fail(ck, field, 0, "'%s' is listed twice", u->partition);
		else
			check_area_address(ck, d, a, k, &d->partitions[pid]);
	}
	if (k == 0)
		fail(ck, "shared_areas[%d].users", a, "shared area '%s' has no user", area->name);
	for (int m = k + 1; m < CONFIG_MAX_PARTITIONS; m++)
		if (area->users[m].partition) {
			fail(ck, "shared_areas[%d].users", a,
			     "'%s' in users[%d] comes after the empty users[%d], where the list ends",
			     area->users[m].partition, m, k);
			break;
		}
}

/* A QEMU option, printed into the run's command line: no space, quote or shell character. */
static int qemu_option_char(char c)
{
	return file_name_char(c) || c == ',' || c == '=';
}

/* A range's ports lie in 0..0xffff: a sound range's last port. */
static int range_sound(const struct io_range *r)
{
	return r->count && (uint32_t)r->first + r->count - 1 <= 0xffff;
}

static uint32_t range_last(const struct io_range *r)
{
	return (uint32_t)r->first + r->count - 1;
}

/* The ports io[k] of device `i`: inside the port space, none the kernel's, none another's. */
static void check_io_range(struct checker *ck, const struct deployment *d, int i, int k)
{
	const struct io_range *r = &d->devices[i].io[k];
	char field[48];

	format_string(field, sizeof(field), "devices[%d].io[%d]", i, k);
	if (!range_sound(r)) {
		fail(ck, field, 0, "ports 0x%x + %u run past 0xffff, the last I/O port", r->first,
		     r->count);
		return;
	}
	for (uint32_t n = 0; n < kernel_port_count; n++) {
		const struct kernel_ports *kp = &kernel_ports[n];

		if (r->first <= kp->last && kp->first <= range_last(r)) {
			fail(ck, field, 0, "0x%x is %s; the kernel's ports cannot be given",
			     r->first > kp->first ? r->first : kp->first, kp->what);
			return;
		}
	}
	for (int j = 0; j <= i; j++)
		for (int m = 0; m < CONFIG_MAX_IO_RANGES && d->devices[j].io[m].count; m++) {
			const struct io_range *o = &d->devices[j].io[m];

			if (j == i && m >= k)
				break;
			if (range_sound(o) && r->first <= range_last(o) && o->first <= range_last(r)) {
				fail(ck, field, 0, "ports 0x%x-0x%x overlap 0x%x-0x%x of device '%s'",
				     r->first, range_last(r), o->first, range_last(o),
				     d->devices[j].name);
				return;
			}
		}
}

/* Its line: one that exists, not the kernel's, given once; the vint line it arrives on. */
static void check_device_irq(struct checker *ck, const struct deployment *d, int i, int owner)
{
	const struct device_config *dev = &d->devices[i];
	uint32_t line = dev->irq - 1;

	if (!dev->irq) {
		if (dev->vint_line)
			fail(ck, "devices[%d].vint_line", i,
			     "%u, but device '%s' has no irq to arrive on it", dev->vint_line,
			     dev->name);
		return;
	}
	if (line >= kernel_irq_lines) {
		fail(ck, "devices[%d].irq", i, "line %u; the interrupt lines are 0 to %u", line,
		     kernel_irq_lines - 1);
		return;
	}
	for (uint32_t n = 0; n < kernel_line_count; n++)
		if (kernel_lines[n].line == line) {
			fail(ck, "devices[%d].irq", i, "line %u is %s; the kernel's lines cannot be given",
			     line, kernel_lines[n].what);
			return;
		}
	for (int j = 0; j < i; j++)
		if (d->devices[j].irq == dev->irq) {
			fail(ck, "devices[%d].irq", i, "line %u is device '%s''s already", line,
			     d->devices[j].name);
			return;
		}
	if (dev->vint_line < BH_VINT_DEVICE_FIRST || dev->vint_line > BH_VINT_DEVICE_LAST) {
		fail(ck, "devices[%d].vint_line", i, "%u; a device line is %u to %u", dev->vint_line,
		     BH_VINT_DEVICE_FIRST, BH_VINT_DEVICE_LAST);
		return;
	}
	for (int j = 0; j < i && owner >= 0; j++)
		if (d->devices[j].irq && d->devices[j].vint_line == dev->vint_line &&
		    deployment_find_partition(d, d->devices[j].partition) == owner) {
			fail(ck, "devices[%d].vint_line", i, "%u is device '%s''s already in '%s'",
			     dev->vint_line, d->devices[j].name, dev->partition);
			return;
		}
}

/* One device: its name, its partition and vcpu, its ports, its line. */
static void check_device(struct checker *ck, const struct deployment *d, int i)
{
	const struct device_config *dev = &d->devices[i];
	int owner = -1, k;

	if (!check_name(ck, "devices[%d].name", i, dev->name, "a device name", DEVICE_NAME_MAX,
			file_name_char, "letters, digits, '_', '-' and '.'"))
		for (int j = 0; j < i; j++)
			if (strcmp(d->devices[j].name, dev->name) == 0) {
				fail(ck, "devices[%d].name", i, "'%s' is used twice", dev->name);
				break;
			}
	if (!dev->partition || (owner = deployment_find_partition(d, dev->partition)) < 0)
		fail(ck, "devices[%d].partition", i, "unknown partition '%s'",
		     dev->partition ? dev->partition : "(none)");
	else if (vcpu_count_sound(&d->partitions[owner]) &&
		 dev->vcpu >= d->partitions[owner].vcpu_count)
		fail(ck, "devices[%d].vcpu", i, "vcpu %u, but '%s' has %u vcpu%s", dev->vcpu,
		     dev->partition, d->partitions[owner].vcpu_count,
		     d->partitions[owner].vcpu_count == 1 ? "" : "s");
	for (k = 0; k < CONFIG_MAX_IO_RANGES && dev->io[k].count; k++)
		check_io_range(ck, d, i, k);
	for (int m = k + 1; m < CONFIG_MAX_IO_RANGES; m++)
		if (dev->io[m].count) {
			fail(ck, "devices[%d].io", i,
			     "io[%d] comes after the empty io[%d], where the list ends", m, k);
			break;
		}
	if (k == 0 && !dev->irq)
		fail(ck, "devices[%d]", i, "device '%s' has neither ports nor an irq", dev->name);
	check_device_irq(ck, d, i, owner);
	if (dev->qemu_device)
		check_name(ck, "devices[%d].qemu_device", i, dev->qemu_device, "a QEMU device",
			   QEMU_DEVICE_MAX, qemu_option_char, "letters, digits and '_-.,='");
}

/* Entry i of a list that ends at entry `end`, the first without its `key`, still holds `what`. */
static void refuse_past_end(struct checker *ck, const char *list, const char *key, uint32_t i,
			    uint32_t end, const char *what)
{
	char field[48];

	if (i == end) {
		format_string(field, sizeof(field), "%s[%u].%s", list, i, key);
		fail(ck, field, 0, "missing: %s would end the list and be left out", what);
	} else {
		format_string(field, sizeof(field), "%s[%u]", list, i);
		fail(ck, field, 0, "%s comes after %s[%u], which has no %s and so ends the list", what,
		     list, end, key);
	}
}

/* A list of windows ends at its first one without a partition. */
static void windows_end(struct checker *ck, const char *list, const struct window_config *windows,
			uint32_t nw)
{
	char what[80];

	for (uint32_t w = nw; w < CONFIG_MAX_WINDOWS; w++) {
		const struct window_config *win = &windows[w];

		if (!win->partition && !win->duration_ns)
			continue;
		format_string(what, sizeof(what), "the window at %llu ns",
			      (unsigned long long)win->offset_ns);
		refuse_past_end(ck, list, "partition", w, nw, what);
		break;
	}
}

/*
 * Each list ends at its first entry without a name (or partition): an entry after that one is
 * refused rather than silently left out, and so is a last entry that has all but its name. One
 * report a list: the entries after the first stray one share its cause. The entries before the
 * end are checked as usual; those after it are not (they are not part of the deployment).
 */
static void check_list_ends(struct checker *ck, const struct deployment *d)
{
	uint32_t np = deployment_partition_count(d), nw = deployment_window_count(d);
	uint32_t nc = deployment_channel_count(d), na = deployment_shared_area_count(d);
	uint32_t nd = deployment_device_count(d);
	uint32_t ns = d->schedules[0].name ? deployment_schedule_count(d) : 0;
	char what[80];

	for (uint32_t i = np; i < CONFIG_MAX_PARTITIONS; i++) {
		const struct partition_config *p = &d->partitions[i];

		if (!p->name && !p->image)
			continue;
		format_string(what, sizeof(what), p->name ? "partition '%s'" :
			      "the partition with image '%s'", p->name ? p->name : p->image);
		refuse_past_end(ck, "partitions", "name", i, np, what);
		break;
	}
	windows_end(ck, "windows", d->windows, nw);
	for (uint32_t i = 0; i < deployment_schedule_count(d) && d->schedules[0].name; i++) {
		char list[32];

		format_string(list, sizeof(list), "schedules[%u].windows", i);
		windows_end(ck, list, d->schedules[i].windows, count_windows(d->schedules[i].windows));
	}
	for (uint32_t i = ns; i < CONFIG_MAX_SCHEDULES; i++) {
		const struct schedule_config *s = &d->schedules[i];

		if (!s->name && !s->major_frame_ns && !s->windows[0].partition)
			continue;
		format_string(what, sizeof(what), "the schedule of a %llu ns frame",
			      (unsigned long long)s->major_frame_ns);
		refuse_past_end(ck, "schedules", "name", i, ns, what);
		break;
	}
	for (uint32_t c = nc; c < CONFIG_MAX_CHANNELS; c++) {
		const struct channel_config *ch = &d->channels[c];

		if (!ch->name && !ch->source)
			continue;
		format_string(what, sizeof(what), ch->name ? "channel '%s'" : "the channel from '%s'",
			      ch->name ? ch->name : ch->source);
		refuse_past_end(ck, "channels", "name", c, nc, what);
		break;
	}
	for (uint32_t a = na; a < CONFIG_MAX_SHARED_AREAS; a++) {
		const struct shared_area_config *area = &d->shared_areas[a];

		if (!area->name && !area->size && !area->users[0].partition)
			continue;
		format_string(what, sizeof(what), "the shared area of %u bytes at 0x%x", area->size,
			      area->base);
		refuse_past_end(ck, "shared_areas", "name", a, na, what);
		break;
	}
	for (uint32_t i = nd; i < CONFIG_MAX_DEVICES; i++) {
		const struct device_config *dev = &d->devices[i];

		if (!dev->partition && !dev->io[0].count && !dev->irq)
			continue;
		format_string(what, sizeof(what), "the device of '%s'",
			      dev->partition ? dev->partition : "(none)");
		refuse_past_end(ck, "devices", "name", i, nd, what);
		break;
	}
}

static void check_trace(struct checker *ck, const struct deployment *d, uint32_t np)
{
	if (!d->trace_classes != !d->trace_partitions)
		fail(ck, d->trace_classes ? "trace_partitions" : "trace_classes", 0,
		     "tracing needs both trace_classes and trace_partitions (or neither)");
	if (d->trace_classes & ~(uint32_t)TRACE_CLASS_ALL)
		fail(ck, "trace_classes", 0, "0x%x holds bits that are no enum trace_class",
		     d->trace_classes);
	if (d->trace_partitions != TRACE_PARTITIONS_ALL && d->trace_partitions >> np)
		fail(ck, "trace_partitions", 0, "0x%x names partitions beyond the %u configured",
		     d->trace_partitions, np);
}

uint32_t config_check_all(const struct deployment *d, uint64_t ram_end, config_report *report,
			  void *context)
{
	struct checker ck = { .report = report, .context = context };
	uint32_t np = deployment_partition_count(d), nc = deployment_channel_count(d);
	uint32_t total_vcpus = 0;
	int vcpus_sound = 1;

	if (!d->name || !d->name[0])
		fail(&ck, "name", 0, "the deployment has no name");
	else
		check_name(&ck, "name", 0, d->name, "a deployment name", DEPLOYMENT_NAME_MAX, printable,
			   "printable ASCII");
	check_list_ends(&ck, d);
	/* the schedule and the channels name partitions: without any, each name would be an error */
	if (np == 0) {
		fail(&ck, "partitions", 0, "the deployment has no partition");
		return ck.errors;
	}
	for (uint32_t i = 0; i < np; i++) {
		check_partition(&ck, d, (int)i, ram_end);
		vcpus_sound &= vcpu_count_sound(&d->partitions[i]);
		total_vcpus += d->partitions[i].vcpu_count;
	}
	if (vcpus_sound && total_vcpus > CONFIG_MAX_VCPUS)
		fail(&ck, "partitions", 0, "%u vcpus in all, more than the pool of %d (CONFIG_MAX_VCPUS)",
		     total_vcpus, CONFIG_MAX_VCPUS);
	check_schedule(&ck, d);
	for (uint32_t c = 0; c < nc; c++)
		check_channel(&ck, d, (int)c);
	for (uint32_t a = 0; a < deployment_shared_area_count(d); a++)
		check_shared_area(&ck, d, (int)a, ram_end);
	for (uint32_t i = 0; i < deployment_device_count(d); i++)
		check_device(&ck, d, (int)i);
	check_trace(&ck, d, np);
	if (d->cpus > CONFIG_MAX_CPUS)
		fail(&ck, "cpus", 0, "%u CPUs; a deployment needs 1 to %d (0 means 1)", d->cpus,
		     CONFIG_MAX_CPUS);
	return ck.errors;
}

/* config_validate's report: keeps the first problem. */
static void keep_first(const struct config_error *err, void *context)
{
	struct config_error *first = context;

	if (!first->field[0])
		*first = *err;
}

int config_validate(const struct deployment *d, uint64_t ram_end, struct config_error *err)
{
	memset(err, 0, sizeof(*err));
	return config_check_all(d, ram_end, keep_first, err) ? -1 : 0;
}
