/*
 * libFuzzer harness for the deployment validator (core/config_check.c, built from the kernel's
 * own source). The input is decoded into a struct deployment; config_validate must never crash,
 * must explain every refusal, and every deployment it accepts must hold what the kernel relies
 * on at boot (checked here independently of the validator's own code).
 *
 * Input format (tests/fuzz/make_config_seeds.py writes seeds in it); a value past the end of the
 * input reads as 0:
 *   ram: u8 (0: CONFIG_KERNEL_MAPPED_RAM, else 16 MiB + ram MiB)   name: NAME
 *   partition count: u8 % 9, then per partition:
 *     name: NAME  image: NAME  memory_base: ADDR  memory_size: ADDR  vcpu_count: u8
 *     priority: 4 x u8  quantum_ns: TIME  system: u8 & 1
 *     hm action count: u8 % 4, then per action: event u8 % HM_EVENT_COUNT, action u8
 *     restart_limit: u8  restart_span_ns: TIME  doorbell count: u8 % 9, then NAME each
 *   major_frame_ns: TIME  window count: u8 % 33, then per window: partition NAME, offset TIME,
 *     duration TIME
 *   channel count: u8 % 17, then per channel: name NAME  kind u8 % 4  max_message u16
 *     depth u8  refresh_ns TIME  source NAME  destination count u8 % 4, then NAME each
 *   run_frames: u8
 *   then, per partition again (ABI 3, after the rest so that older inputs keep their meaning):
 *     hm_deliver: u8 selector; bit 7 set: a raw u64 follows; 0: none; else
 *       HM_DELIVER((selector - 1) % 64)
 *     apex.processes: u8  apex.stack_bytes: ADDR
 *   shared area count: u8 % 9, then per area: name NAME  base ADDR  size ADDR
 *     user count u8 % 9, then per user: partition NAME, address ADDR, writable u8 & 1
 * NAME: u8 indexing NAMES (mod its size; NULL ends a list early, as in a config file)
 * ADDR: u8 selector; bit 7 set: a raw u32 follows; else a u16 page number follows
 * TIME: u8 selector; bit 7 set: a raw u64 follows; else a u16 count of microseconds follows
 * Integers are little-endian.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <core/deployment.h>
#include <public/shm.h>

#define MIN_QUANTUM_NS US(10)
#define MIN_WINDOW_NS US(10)

/* names for partitions, images, channels: 16 so every table can fill, an empty one, and NULL */
static const char *const NAMES[] = {
	"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7",
	"p8", "p9", "p10", "p11", "p12", "p13", "p14", "p15", "", NULL
};
#define NAME_COUNT (sizeof(NAMES) / sizeof(NAMES[0]))

struct input {
	const uint8_t *data;
	size_t size, at;
};

static uint64_t take(struct input *in, int bytes)
{
	uint64_t value = 0;

	for (int i = 0; i < bytes; i++, in->at++)
		if (in->at < in->size)
			value |= (uint64_t)in->data[in->at] << (8 * i);
	return value;
}

static const char *take_name(struct input *in)
{
	return NAMES[take(in, 1) % NAME_COUNT];
}

static uint32_t take_address(struct input *in)
{
	if (take(in, 1) & 0x80)
		return (uint32_t)take(in, 4);
	return (uint32_t)take(in, 2) * CONFIG_PAGE_SIZE;
}

static uint64_t take_time(struct input *in)
{
	if (take(in, 1) & 0x80)
		return take(in, 8);
	return US(take(in, 2));
}

static void take_partition(struct input *in, struct partition_config *p)
{
	uint32_t actions, doorbells;

	p->name = take_name(in);
	p->image = take_name(in);
	p->memory_base = take_address(in);
	p->memory_size = take_address(in);
	p->vcpu_count = (uint32_t)take(in, 1);
	for (int v = 0; v < CONFIG_MAX_VCPUS_PER_PARTITION; v++)
		p->priority[v] = (uint32_t)take(in, 1);
	p->quantum_ns = take_time(in);
	p->system = take(in, 1) & 1;
	actions = take(in, 1) % 4;
	for (uint32_t a = 0; a < actions; a++) {
		uint32_t event = take(in, 1) % HM_EVENT_COUNT;

		p->hm_actions[event] = (uint8_t)take(in, 1);
	}
	p->restart_limit = (uint32_t)take(in, 1);
	p->restart_span_ns = take_time(in);
	doorbells = take(in, 1) % (CONFIG_MAX_PARTITIONS + 1);
	for (uint32_t k = 0; k < doorbells; k++)
		p->doorbell_to[k] = take_name(in);
}

static void take_channel(struct input *in, struct channel_config *c)
{
	uint32_t destinations;

	c->name = take_name(in);
	c->kind = (enum channel_kind)(take(in, 1) % 4);
	c->max_message = (uint32_t)take(in, 2);
	c->depth = (uint32_t)take(in, 1);
	c->refresh_ns = take_time(in);
	c->source = take_name(in);
	destinations = take(in, 1) % CONFIG_MAX_PORTS_PER_CHANNEL;
	for (uint32_t k = 0; k < destinations; k++)
		c->destinations[k] = take_name(in);
}

static void take_shared_area(struct input *in, struct shared_area_config *a)
{
	uint32_t users;

	a->name = take_name(in);
	a->base = take_address(in);
	a->size = take_address(in);
	users = take(in, 1) % (CONFIG_MAX_PARTITIONS + 1);
	for (uint32_t k = 0; k < users; k++) {
		a->users[k].partition = take_name(in);
		a->users[k].address = take_address(in);
		a->users[k].writable = take(in, 1) & 1;
	}
}

static uint64_t take_deployment(struct input *in, struct deployment *d)
{
	uint64_t ram = take(in, 1), ram_end;
	uint32_t n;

	ram_end = ram ? MIB(16 + ram) : CONFIG_KERNEL_MAPPED_RAM;
	if (ram_end > CONFIG_KERNEL_MAPPED_RAM)
		ram_end = CONFIG_KERNEL_MAPPED_RAM;   /* the kernel never offers more (core/main.c) */
	memset(d, 0, sizeof(*d));
	d->name = take_name(in);
	n = take(in, 1) % (CONFIG_MAX_PARTITIONS + 1);
	for (uint32_t i = 0; i < n; i++)
		take_partition(in, &d->partitions[i]);
	d->major_frame_ns = take_time(in);
	n = take(in, 1) % (CONFIG_MAX_WINDOWS + 1);
	for (uint32_t w = 0; w < n; w++) {
		d->windows[w].partition = take_name(in);
		d->windows[w].offset_ns = take_time(in);
		d->windows[w].duration_ns = take_time(in);
	}
	n = take(in, 1) % (CONFIG_MAX_CHANNELS + 1);
	for (uint32_t c = 0; c < n; c++)
		take_channel(in, &d->channels[c]);
	d->run_frames = (uint32_t)take(in, 1);
	for (uint32_t i = 0; i < CONFIG_MAX_PARTITIONS; i++) {
		struct partition_config *p = &d->partitions[i];
		uint64_t deliver = take(in, 1);

		p->hm_deliver = deliver & 0x80 ? take(in, 8) : deliver ? HM_DELIVER((deliver - 1) % 64) : 0;
		p->apex.processes = (uint32_t)take(in, 1);
		p->apex.stack_bytes = take_address(in);
	}
	n = take(in, 1) % (CONFIG_MAX_SHARED_AREAS + 1);
	for (uint32_t a = 0; a < n; a++)
		take_shared_area(in, &d->shared_areas[a]);
	return ram_end;
}

static void require(int condition, const char *what)
{
	if (!condition) {
		fprintf(stderr, "fuzz_config: invariant broken: %s\n", what);
		abort();
	}
}

static int terminated_text(const char *s, size_t size)
{
	return s[0] != 0 && memchr(s, 0, size) != NULL;
}

/* Index of `name` among the deployment's partitions, or -1; written apart from the validator's. */
static int partition_index(const struct deployment *d, uint32_t np, const char *name)
{
	for (uint32_t i = 0; i < np; i++)
		if (name && strcmp(d->partitions[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void check_partitions(const struct deployment *d, uint32_t np, uint64_t ram_end)
{
	uint32_t total_vcpus = 0;

	require(np >= 1, "at least one partition");
	for (uint32_t i = 0; i < np; i++) {
		const struct partition_config *p = &d->partitions[i];
		uint64_t end = (uint64_t)p->memory_base + p->memory_size;

		require(p->name[0] && partition_index(d, np, p->name) == (int)i, "names unique");
		require(p->image && p->image[0], "an image name");
		require(p->vcpu_count >= 1 && p->vcpu_count <= CONFIG_MAX_VCPUS_PER_PARTITION,
			"1 to CONFIG_MAX_VCPUS_PER_PARTITION vcpus");
		total_vcpus += p->vcpu_count;
		require(p->vcpu_count == 1 || p->quantum_ns >= MIN_QUANTUM_NS,
			"a quantum for round robin");
		for (int e = 0; e < HM_EVENT_COUNT; e++)
			require(p->hm_actions[e] < HM_ACTION_COUNT, "health-monitor actions in range");
		require(!(p->hm_deliver & ~(0xb7cfbull | HM_DELIVER(HM_EVENT_STACK_OVERFLOW))),
			"only an instruction's faults and traps and stack overflows handed over");
		require(p->apex.processes <= 64 && p->apex.stack_bytes % CONFIG_PAGE_SIZE == 0 &&
			!p->apex.processes == !p->apex.stack_bytes, "APEX limits: both or neither");
		for (int k = 0; k < CONFIG_MAX_PARTITIONS && p->doorbell_to[k]; k++) {
			int target = partition_index(d, np, p->doorbell_to[k]);

			require(target >= 0 && target != (int)i, "doorbells ring other, known partitions");
		}
		require(p->memory_base % CONFIG_PAGE_SIZE == 0 && p->memory_size % CONFIG_PAGE_SIZE == 0,
			"memory page aligned");
		require(p->memory_size > 0 && p->memory_size <= CONFIG_PARTITION_MAX_MEMORY,
			"memory within one page table");
		require(p->memory_base >= CONFIG_PARTITION_MEMORY_FLOOR && end <= ram_end,
			"memory inside the RAM partitions may use");
		for (uint32_t j = 0; j < i; j++) {
			const struct partition_config *q = &d->partitions[j];

			require(end <= q->memory_base ||
				(uint64_t)q->memory_base + q->memory_size <= p->memory_base,
				"memory regions disjoint");
		}
	}
	require(total_vcpus <= CONFIG_MAX_VCPUS, "vcpus fit in the pool");
}

static void check_schedule(const struct deployment *d, uint32_t np)
{
	uint32_t nw = deployment_window_count(d);
	uint64_t previous_end = 0;

	require(d->major_frame_ns > 0 && nw >= 1, "a major frame with windows");
	for (uint32_t w = 0; w < nw; w++) {
		const struct window_config *win = &d->windows[w];

		require(partition_index(d, np, win->partition) >= 0, "windows name known partitions");
		require(win->duration_ns >= MIN_WINDOW_NS, "windows last the minimum");
		require(win->offset_ns >= previous_end, "windows sorted and disjoint");
		require(win->duration_ns <= d->major_frame_ns &&
			win->offset_ns <= d->major_frame_ns - win->duration_ns,
			"windows inside the major frame");
		previous_end = win->offset_ns + win->duration_ns;
	}
	for (uint32_t i = 0; i < np; i++) {
		int has_window = 0;

		for (uint32_t w = 0; w < nw; w++)
			has_window |= partition_index(d, np, d->windows[w].partition) == (int)i;
		require(has_window, "every partition has a window");
	}
}

static void check_channels(const struct deployment *d, uint32_t np)
{
	uint32_t nc = deployment_channel_count(d);
	uint32_t ports[CONFIG_MAX_PARTITIONS] = { 0 };

	for (uint32_t c = 0; c < nc; c++) {
		const struct channel_config *ch = &d->channels[c];
		uint32_t mask, destinations = 0;
		int source = partition_index(d, np, ch->source);

		for (uint32_t j = 0; j < c; j++)
			require(strcmp(d->channels[j].name, ch->name) != 0, "channel names unique");
		require(ch->kind == CHANNEL_SAMPLING || ch->kind == CHANNEL_QUEUING, "a channel kind");
		require(ch->max_message >= 1 && ch->max_message <= CONFIG_MAX_MESSAGE,
			"messages fit the port buffers");
		require(ch->kind != CHANNEL_QUEUING || (ch->depth >= 1 && ch->depth <= CONFIG_MAX_DEPTH),
			"queues fit the port buffers");
		require(ch->kind != CHANNEL_SAMPLING || ch->refresh_ns > 0, "a refresh period");
		require(source >= 0, "a known source");
		mask = 1u << source;
		for (int k = 0; k < CONFIG_MAX_PORTS_PER_CHANNEL - 1 && ch->destinations[k]; k++) {
			int dst = partition_index(d, np, ch->destinations[k]);

			require(dst >= 0, "known destinations");
			require(!(mask & (1u << dst)), "one port per partition and channel");
			mask |= 1u << dst;
			destinations++;
		}
		require(destinations >= 1, "a destination");
		require(ch->kind != CHANNEL_QUEUING || destinations == 1, "one queue reader");
		for (uint32_t i = 0; i < np; i++)
			ports[i] += (mask >> i) & 1;
	}
	for (uint32_t i = 0; i < np; i++)
		require(ports[i] <= CONFIG_MAX_CHANNELS, "port handles fit the per-partition table");
}

static int disjoint(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
	return a + an <= b || b + bn <= a;
}

/* What paging.c's shared windows rely on: each area is RAM of no partition and no other area,
 * and each user maps it once, inside its window, clear of its other areas. */
static void check_shared_areas(const struct deployment *d, uint32_t np, uint64_t ram_end)
{
	uint32_t na = deployment_shared_area_count(d);

	for (uint32_t a = 0; a < na; a++) {
		const struct shared_area_config *area = &d->shared_areas[a];
		uint32_t users = 0;

		require(area->name[0] && strlen(area->name) < BH_SHM_NAME_MAX, "an area name");
		for (uint32_t b = 0; b < a; b++)
			require(strcmp(d->shared_areas[b].name, area->name) != 0, "area names unique");
		require(area->base % CONFIG_PAGE_SIZE == 0 && area->size % CONFIG_PAGE_SIZE == 0 &&
			area->size > 0 && area->size <= BH_SHM_WINDOW_SIZE, "areas of whole pages");
		require(area->base >= CONFIG_PARTITION_MEMORY_FLOOR &&
			(uint64_t)area->base + area->size <= ram_end, "areas inside the RAM");
		for (uint32_t i = 0; i < np; i++)
			require(disjoint(area->base, area->size, d->partitions[i].memory_base,
					 d->partitions[i].memory_size), "areas clear of partition memory");
		for (uint32_t b = 0; b < a; b++)
			require(disjoint(area->base, area->size, d->shared_areas[b].base,
					 d->shared_areas[b].size), "areas disjoint");
		for (int k = 0; k < CONFIG_MAX_PARTITIONS && area->users[k].partition; k++) {
			const struct shared_area_user *u = &area->users[k];
			int pid = partition_index(d, np, u->partition);

			require(pid >= 0, "users are known partitions");
			for (int m = 0; m < k; m++)
				require(strcmp(area->users[m].partition, u->partition) != 0, "users once");
			require(u->address % CONFIG_PAGE_SIZE == 0 && u->address >= BH_SHM_WINDOW_BASE &&
				(uint64_t)u->address + area->size <=
				(uint64_t)BH_SHM_WINDOW_BASE + BH_SHM_WINDOW_SIZE,
				"users map areas inside their shared window");
			for (uint32_t b = 0; b < a; b++) {
				const struct shared_area_config *other = &d->shared_areas[b];

				for (int m = 0; m < CONFIG_MAX_PARTITIONS && other->users[m].partition; m++)
					require(strcmp(other->users[m].partition, u->partition) != 0 ||
						disjoint(u->address, area->size, other->users[m].address,
							 other->size), "one partition's areas disjoint in its space");
			}
			users++;
		}
		require(users >= 1, "every area has a user");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };
	struct deployment *d = malloc(sizeof(*d));
	struct config_error err;
	uint64_t ram_end = take_deployment(&in, d);
	uint32_t np;

	if (config_validate(d, ram_end, &err)) {
		require(terminated_text(err.field, sizeof(err.field)) &&
			terminated_text(err.reason, sizeof(err.reason)), "a refusal names field and reason");
	} else {
		require(d->name && d->name[0], "a deployment name");
		np = deployment_partition_count(d);
		check_partitions(d, np, ram_end);
		check_schedule(d, np);
		check_channels(d, np);
		check_shared_areas(d, np, ram_end);
	}
	free(d);
	return 0;
}
