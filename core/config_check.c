/*
 * The deployment validator. Pure C over the config struct: the kernel runs it at boot and
 * tools/configtool runs the very same code at build time, so both refuse a config for the same
 * reason with the same words.
 */
#include <stdarg.h>
#include <core/deployment.h>
#include <lib/format.h>
#include <lib/string.h>

#define MIN_QUANTUM_NS US(10)
#define MIN_WINDOW_NS US(10)
/* the dispatcher compares times in 32 bits (core/tick32.h): 10 s is 1e9 ticks of a 100 MHz clock,
 * below its horizon of 2^30 */
#define MAX_MAJOR_FRAME_NS MS(10000)

static int fail(struct config_error *err, const char *field_fmt, int index, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct config_error *err, const char *field_fmt, int index, const char *fmt, ...)
{
	va_list ap;

	format_string(err->field, sizeof(err->field), field_fmt, index);
	va_start(ap, fmt);
	vformat_string(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
	return -1;
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
	uint32_t n = 0;

	while (n < CONFIG_MAX_WINDOWS && d->windows[n].partition)
		n++;
	return n;
}

uint32_t deployment_channel_count(const struct deployment *d)
{
	uint32_t n = 0;

	while (n < CONFIG_MAX_CHANNELS && d->channels[n].name)
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

static int check_memory(const struct deployment *d, int i, uint64_t ram_end,
			struct config_error *err)
{
	const struct partition_config *p = &d->partitions[i];
	uint64_t end = (uint64_t)p->memory_base + p->memory_size;

	if (p->memory_size == 0 || p->memory_size % CONFIG_PAGE_SIZE)
		return fail(err, "partitions[%d].memory_size", i,
			    "%u bytes is not a positive multiple of the %u-byte page",
			    p->memory_size, CONFIG_PAGE_SIZE);
	if (p->memory_size > CONFIG_PARTITION_MAX_MEMORY)
		return fail(err, "partitions[%d].memory_size", i, "%u bytes exceeds the %u-byte limit",
			    p->memory_size, CONFIG_PARTITION_MAX_MEMORY);
	if (p->memory_base % CONFIG_PAGE_SIZE)
		return fail(err, "partitions[%d].memory_base", i, "0x%x is not page aligned",
			    p->memory_base);
	if (p->memory_base < CONFIG_PARTITION_MEMORY_FLOOR)
		return fail(err, "partitions[%d].memory_base", i,
			    "0x%x is below 0x%x, where the kernel and boot modules live",
			    p->memory_base, CONFIG_PARTITION_MEMORY_FLOOR);
	if (end > ram_end)
		return fail(err, "partitions[%d].memory_base", i,
			    "[0x%x, 0x%llx) exceeds the RAM partitions may use (up to 0x%llx)",
			    p->memory_base, (unsigned long long)end, (unsigned long long)ram_end);
	for (int j = 0; j < i; j++) {
		const struct partition_config *q = &d->partitions[j];

		if (p->memory_base < q->memory_base + q->memory_size &&
		    q->memory_base < end)
			return fail(err, "partitions[%d].memory_base", i,
				    "memory of '%s' overlaps that of '%s'", p->name, q->name);
	}
	return 0;
}

static int check_partition(const struct deployment *d, int i, uint64_t ram_end,
			   struct config_error *err)
{
	const struct partition_config *p = &d->partitions[i];

	if (!p->name[0])
		return fail(err, "partitions[%d].name", i, "is empty");
	for (int j = 0; j < i; j++)
		if (strcmp(d->partitions[j].name, p->name) == 0)
			return fail(err, "partitions[%d].name", i, "'%s' is used twice", p->name);
	if (!p->image || !p->image[0])
		return fail(err, "partitions[%d].image", i, "partition '%s' names no image", p->name);
	for (int j = 0; j < i; j++)
		if (strcmp(d->partitions[j].image, p->image) == 0)
			return fail(err, "partitions[%d].image", i,
				    "image '%s' is already the image of '%s'", p->image,
				    d->partitions[j].name);
	if (p->vcpu_count < 1 || p->vcpu_count > CONFIG_MAX_VCPUS_PER_PARTITION)
		return fail(err, "partitions[%d].vcpu_count", i,
			    "%u vcpus; a partition has 1 to %d", p->vcpu_count,
			    CONFIG_MAX_VCPUS_PER_PARTITION);
	if (p->quantum_ns > MAX_MAJOR_FRAME_NS)
		return fail(err, "partitions[%d].quantum_ns", i, "%llu ns; the longest quantum is %llu ns",
			    (unsigned long long)p->quantum_ns, (unsigned long long)MAX_MAJOR_FRAME_NS);
	if (p->vcpu_count > 1 && p->quantum_ns < MIN_QUANTUM_NS)
		return fail(err, "partitions[%d].quantum_ns", i,
			    "%llu ns; a partition with several vcpus needs a quantum of at least %llu ns",
			    (unsigned long long)p->quantum_ns, (unsigned long long)MIN_QUANTUM_NS);
	for (int e = 0; e < HM_EVENT_COUNT; e++)
		if (p->hm_actions[e] >= HM_ACTION_COUNT)
			return fail(err, "partitions[%d].hm_actions", i,
				    "action %u for event %d is not an enum hm_action", p->hm_actions[e], e);
	for (int k = 0; k < CONFIG_MAX_PARTITIONS && p->doorbell_to[k]; k++) {
		int target = deployment_find_partition(d, p->doorbell_to[k]);

		if (target < 0)
			return fail(err, "partitions[%d].doorbell_to", i, "unknown partition '%s'",
				    p->doorbell_to[k]);
		if (target == i)
			return fail(err, "partitions[%d].doorbell_to", i,
				    "'%s' rings its own vcpus without permission; list only others",
				    p->name);
	}
	return check_memory(d, i, ram_end, err);
}

static int check_schedule(const struct deployment *d, struct config_error *err)
{
	uint32_t np = deployment_partition_count(d), nw = deployment_window_count(d);
	uint64_t previous_end = 0;

	if (d->major_frame_ns == 0)
		return fail(err, "major_frame_ns", 0, "the major frame is empty");
	if (d->major_frame_ns > MAX_MAJOR_FRAME_NS)
		return fail(err, "major_frame_ns", 0, "%llu ns; the longest major frame is %llu ns",
			    (unsigned long long)d->major_frame_ns,
			    (unsigned long long)MAX_MAJOR_FRAME_NS);
	if (nw == 0)
		return fail(err, "windows", 0, "the schedule has no window");
	for (uint32_t w = 0; w < nw; w++) {
		const struct window_config *win = &d->windows[w];

		if (deployment_find_partition(d, win->partition) < 0)
			return fail(err, "windows[%d].partition", (int)w, "unknown partition '%s'",
				    win->partition);
		if (win->duration_ns < MIN_WINDOW_NS)
			return fail(err, "windows[%d].duration_ns", (int)w,
				    "%llu ns; a window lasts at least %llu ns",
				    (unsigned long long)win->duration_ns, (unsigned long long)MIN_WINDOW_NS);
		if (win->offset_ns < previous_end)
			return fail(err, "windows[%d].offset_ns", (int)w,
				    "window starts at %llu ns, before the previous one ends (%llu ns): "
				    "windows must not overlap and must be in time order",
				    (unsigned long long)win->offset_ns, (unsigned long long)previous_end);
		if (win->offset_ns + win->duration_ns > d->major_frame_ns ||
		    win->offset_ns + win->duration_ns < win->offset_ns)
			return fail(err, "windows[%d].duration_ns", (int)w,
				    "window ends at %llu ns, past the major frame of %llu ns",
				    (unsigned long long)(win->offset_ns + win->duration_ns),
				    (unsigned long long)d->major_frame_ns);
		previous_end = win->offset_ns + win->duration_ns;
	}
	for (uint32_t i = 0; i < np; i++) {
		int has_window = 0;

		for (uint32_t w = 0; w < nw && !has_window; w++)
			has_window = strcmp(d->windows[w].partition, d->partitions[i].name) == 0;
		if (!has_window)
			return fail(err, "partitions[%d]", (int)i, "partition '%s' has no window",
				    d->partitions[i].name);
	}
	return 0;
}

static int check_channel(const struct deployment *d, int c, struct config_error *err)
{
	const struct channel_config *ch = &d->channels[c];
	int destinations = 0, source;

	for (int j = 0; j < c; j++)
		if (strcmp(d->channels[j].name, ch->name) == 0)
			return fail(err, "channels[%d].name", c, "'%s' is used twice", ch->name);
	if (ch->kind != CHANNEL_SAMPLING && ch->kind != CHANNEL_QUEUING)
		return fail(err, "channels[%d].kind", c, "'%s' is neither sampling nor queuing",
			    ch->name);
	if (ch->max_message == 0 || ch->max_message > CONFIG_MAX_MESSAGE)
		return fail(err, "channels[%d].max_message", c, "%u bytes; a message holds 1 to %d",
			    ch->max_message, CONFIG_MAX_MESSAGE);
	if (ch->kind == CHANNEL_QUEUING && (ch->depth == 0 || ch->depth > CONFIG_MAX_DEPTH))
		return fail(err, "channels[%d].depth", c, "%u messages; a queue holds 1 to %d",
			    ch->depth, CONFIG_MAX_DEPTH);
	if (ch->kind == CHANNEL_SAMPLING && ch->refresh_ns == 0)
		return fail(err, "channels[%d].refresh_ns", c, "a sampling port needs a refresh period");
	if (!ch->source || (source = deployment_find_partition(d, ch->source)) < 0)
		return fail(err, "channels[%d].source", c, "unknown partition '%s'",
			    ch->source ? ch->source : "(none)");
	for (int k = 0; k < CONFIG_MAX_PORTS_PER_CHANNEL - 1 && ch->destinations[k]; k++) {
		int dst = deployment_find_partition(d, ch->destinations[k]);

		if (dst < 0)
			return fail(err, "channels[%d].destinations", c, "unknown partition '%s'",
				    ch->destinations[k]);
		if (dst == source)
			return fail(err, "channels[%d].destinations", c,
				    "'%s' would send to itself", ch->source);
		for (int m = 0; m < k; m++)
			if (strcmp(ch->destinations[m], ch->destinations[k]) == 0)
				return fail(err, "channels[%d].destinations", c,
					    "'%s' is listed twice", ch->destinations[k]);
		destinations++;
	}
	if (destinations == 0)
		return fail(err, "channels[%d].destinations", c, "channel '%s' has no destination",
			    ch->name);
	if (ch->kind == CHANNEL_QUEUING && destinations != 1)
		return fail(err, "channels[%d].destinations", c,
			    "queuing channel '%s' has %d destinations; it needs exactly one",
			    ch->name, destinations);
	return 0;
}

static int check_trace(const struct deployment *d, uint32_t np, struct config_error *err)
{
	if (!d->trace_classes != !d->trace_partitions)
		return fail(err, d->trace_classes ? "trace_partitions" : "trace_classes", 0,
			    "tracing needs both trace_classes and trace_partitions (or neither)");
	if (d->trace_classes & ~(uint32_t)TRACE_CLASS_ALL)
		return fail(err, "trace_classes", 0, "0x%x holds bits that are no enum trace_class",
			    d->trace_classes);
	if (d->trace_partitions != TRACE_PARTITIONS_ALL && d->trace_partitions >> np)
		return fail(err, "trace_partitions", 0,
			    "0x%x names partitions beyond the %u configured", d->trace_partitions, np);
	return 0;
}

int config_validate(const struct deployment *d, uint64_t ram_end, struct config_error *err)
{
	uint32_t np = deployment_partition_count(d), nc = deployment_channel_count(d);
	uint32_t total_vcpus = 0;

	memset(err, 0, sizeof(*err));
	if (!d->name || !d->name[0])
		return fail(err, "name", 0, "the deployment has no name");
	if (np == 0)
		return fail(err, "partitions", 0, "the deployment has no partition");
	for (uint32_t i = 0; i < np; i++) {
		if (check_partition(d, (int)i, ram_end, err))
			return -1;
		total_vcpus += d->partitions[i].vcpu_count;
	}
	if (total_vcpus > CONFIG_MAX_VCPUS)
		return fail(err, "partitions", 0,
			    "%u vcpus in all, more than the pool of %d (CONFIG_MAX_VCPUS)",
			    total_vcpus, CONFIG_MAX_VCPUS);
	if (check_schedule(d, err))
		return -1;
	for (uint32_t c = 0; c < nc; c++)
		if (check_channel(d, (int)c, err))
			return -1;
	return check_trace(d, np, err);
}
