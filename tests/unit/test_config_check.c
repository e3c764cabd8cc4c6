/*
 * core/config_check.c on the host: a valid demo-like deployment passes, and each way to break it is
 * refused with its own field and reason (the words the build and the boot print).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <core/deployment.h>
#include <public/shm.h>
#include <public/vint.h>

/* What tools/configtool passes; the kernel passes the top of RAM if that is lower. */
#define RAM_END ((uint64_t)CONFIG_KERNEL_MAPPED_RAM)

/* Three partitions, three windows, a sampling and a queuing channel: valid as it stands. */
static struct deployment demo(void)
{
	struct deployment d = {
		.name = "demo",
		.partitions = {
			{ .name = "sensor", .image = "sensor", .memory_base = MIB(16),
			  .memory_size = KIB(256), .vcpu_count = 1 },
			{ .name = "control", .image = "control", .memory_base = MIB(17),
			  .memory_size = KIB(256), .vcpu_count = 2, .priority = { 1, 1 },
			  .quantum_ns = US(500) },
			{ .name = "logger", .image = "logger", .memory_base = MIB(18),
			  .memory_size = KIB(256), .vcpu_count = 1, .system = true },
		},
		.major_frame_ns = MS(10),
		.windows = {
			{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
			{ .partition = "control", .offset_ns = US(2500), .duration_ns = MS(4) },
			{ .partition = "logger", .offset_ns = MS(7), .duration_ns = MS(2) },
		},
		.channels = {
			{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
			  .refresh_ns = MS(15), .source = "sensor", .destinations = { "control" } },
			{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
			  .source = "control", .destinations = { "logger" } },
		},
		.run_frames = 20,
	};

	return d;
}

static void expect_valid_below(const struct deployment *d, uint64_t ram_end)
{
	struct config_error err;

	if (config_validate(d, ram_end, &err) != 0)
		fail_msg("refused: %s: %s", err.field, err.reason);
	/* nothing left over from an earlier refusal */
	assert_string_equal(err.field, "");
	assert_string_equal(err.reason, "");
}

static void expect_valid(const struct deployment *d)
{
	expect_valid_below(d, RAM_END);
}

static void expect_refused_below(const struct deployment *d, uint64_t ram_end, const char *field,
				 const char *reason)
{
	struct config_error err;

	if (config_validate(d, ram_end, &err) != -1)
		fail_msg("accepted; expected %s: %s", field, reason);
	if (strcmp(err.field, field) != 0 || !strstr(err.reason, reason))
		fail_msg("refused with \"%s: %s\"; expected field %s and a reason containing \"%s\"",
			 err.field, err.reason, field, reason);
}

static void expect_refused(const struct deployment *d, const char *field, const char *reason)
{
	expect_refused_below(d, RAM_END, field, reason);
}

static void test_demo_like_config_is_valid(void **state)
{
	struct deployment d = demo();

	(void)state;
	expect_valid(&d);
}

static void test_count_helpers(void **state)
{
	struct deployment d = demo();
	struct deployment empty = { 0 };

	(void)state;
	assert_int_equal(deployment_partition_count(&d), 3);
	assert_int_equal(deployment_window_count(&d), 3);
	assert_int_equal(deployment_channel_count(&d), 2);
	assert_int_equal(deployment_partition_count(&empty), 0);
	assert_int_equal(deployment_window_count(&empty), 0);
	assert_int_equal(deployment_channel_count(&empty), 0);
	/* lists end at the first unnamed entry */
	d.partitions[1].name = NULL;
	d.windows[1].partition = NULL;
	d.channels[0].name = NULL;
	assert_int_equal(deployment_partition_count(&d), 1);
	assert_int_equal(deployment_window_count(&d), 1);
	assert_int_equal(deployment_channel_count(&d), 0);
}

static void test_count_helpers_on_full_tables(void **state)
{
	static struct deployment d;

	(void)state;
	for (int i = 0; i < CONFIG_MAX_PARTITIONS; i++)
		d.partitions[i].name = "p";
	for (int i = 0; i < CONFIG_MAX_WINDOWS; i++)
		d.windows[i].partition = "p";
	for (int i = 0; i < CONFIG_MAX_CHANNELS; i++)
		d.channels[i].name = "c";
	/* no terminator at all: the count stops at the table's end */
	assert_int_equal(deployment_partition_count(&d), CONFIG_MAX_PARTITIONS);
	assert_int_equal(deployment_window_count(&d), CONFIG_MAX_WINDOWS);
	assert_int_equal(deployment_channel_count(&d), CONFIG_MAX_CHANNELS);
}

static void test_find_partition(void **state)
{
	struct deployment d = demo();

	(void)state;
	assert_int_equal(deployment_find_partition(&d, "sensor"), 0);
	assert_int_equal(deployment_find_partition(&d, "logger"), 2);
	assert_int_equal(deployment_find_partition(&d, "nobody"), -1);
	assert_int_equal(deployment_find_partition(&d, "Sensor"), -1);
	assert_int_equal(deployment_find_partition(&d, ""), -1);
}

static void test_no_name(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.name = NULL;
	expect_refused(&d, "name", "the deployment has no name");
	d.name = "";
	expect_refused(&d, "name", "the deployment has no name");
}

static void test_no_partition(void **state)
{
	struct deployment d = demo();

	(void)state;
	memset(d.partitions, 0, sizeof(d.partitions));
	expect_refused(&d, "partitions", "the deployment has no partition");
}

static void test_empty_partition_name(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[1].name = "";
	expect_refused(&d, "partitions[1].name", "is empty");
}

static void test_duplicate_partition_name(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[2].name = "sensor";
	expect_refused(&d, "partitions[2].name", "'sensor' is used twice");
}

static void test_missing_image(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[1].image = NULL;
	expect_refused(&d, "partitions[1].image", "partition 'control' names no image");
	d.partitions[1].image = "";
	expect_refused(&d, "partitions[1].image", "partition 'control' names no image");
}

/* Redundant lanes: two partitions run one image, each in its own memory. */
static void test_shared_image_is_valid(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[2].image = "control";
	expect_valid(&d);
}

/* Every problem config_check_all reports, "field: reason" each, in order. */
struct reports {
	uint32_t count;
	char lines[16][sizeof(((struct config_error *)0)->field) + 2 +
		       sizeof(((struct config_error *)0)->reason)];
};

static void collect(const struct config_error *err, void *context)
{
	struct reports *r = context;

	assert_true(r->count < 16);
	snprintf(r->lines[r->count], sizeof(r->lines[0]), "%s: %s", err->field, err->reason);
	r->count++;
}

/* `d` is refused with exactly `count` problems, the k-th starting with expected[k]. */
static void expect_reports(const struct deployment *d, uint32_t count, const char *const *expected)
{
	struct reports r = { 0 };
	struct config_error first;

	assert_int_equal(config_check_all(d, RAM_END, collect, &r), count);
	for (uint32_t k = 0; k < r.count; k++)
		if (k >= count || strncmp(r.lines[k], expected[k], strlen(expected[k])) != 0)
			fail_msg("report %u is \"%s\"; expected \"%s\"", k, r.lines[k],
				 k < count ? expected[k] : "(none)");
	assert_int_equal(r.count, count);
	/* config_validate keeps the first of them */
	assert_int_equal(config_validate(d, RAM_END, &first), -1);
	assert_true(strncmp(r.lines[0], first.field, strlen(first.field)) == 0);
}

static void test_several_errors_at_once(void **state)
{
	struct deployment d = demo();
	static const char *const expected[] = {
		"partitions[0].vcpu_count: 0 vcpus; a partition has 1 to 4",
		"partitions[1].memory_size: 1000 bytes is not a positive multiple of the 4096-byte page",
		"partitions[2].memory_base: memory of 'logger' overlaps that of 'sensor'",
		"windows[2].duration_ns: window ends at 11000000 ns, past the major frame of 10000000 ns",
		"channels[1].depth: 0 messages; a queue holds 1 to 64",
	};

	(void)state;
	d.partitions[0].vcpu_count = 0;
	d.partitions[1].memory_size = 1000;
	d.partitions[2].memory_base = MIB(16);
	d.windows[2].duration_ns = MS(4);
	d.channels[1].depth = 0;
	expect_reports(&d, 5, expected);
}

/* A check that builds on a wrong field is skipped: one mistake, one report. */
static void test_one_mistake_one_report(void **state)
{
	struct deployment d = demo();
	/* not also priority[0] beyond the count, nor the total of vcpus */
	static const char *const vcpus[] = { "partitions[0].vcpu_count: 0 vcpus" };
	/* not also "partition 'control' has no window" */
	static const char *const window[] = { "windows[1].partition: unknown partition 'contrl'" };
	/* no overlap, RAM or stack check on a range that is wrong already */
	static const char *const memory[] = {
		"partitions[1].memory_base: 0x1000800 is not page aligned",
	};
	/* nothing is judged against no partition at all */
	static const char *const none[] = {
		"name: the deployment has no name",
		"partitions: the deployment has no partition",
	};

	(void)state;
	d.partitions[0].vcpu_count = 0;
	d.partitions[0].priority[0] = 1;
	expect_reports(&d, 1, vcpus);
	d = demo();
	d.windows[1].partition = "contrl";
	expect_reports(&d, 1, window);
	d = demo();
	d.partitions[1].memory_base = 0x1000800;
	expect_reports(&d, 1, memory);
	d = demo();
	d.name = NULL;
	memset(d.partitions, 0, sizeof(d.partitions));
	expect_reports(&d, 2, none);
}

/* After a hole the entries are not part of the deployment: what names them names no partition. */
static void test_hole_then_its_consequences(void **state)
{
	struct deployment d = demo();
	static const char *const expected[] = {
		"partitions[2]: partition 'logger' comes after partitions[1], which has no name",
		"windows[1].partition: unknown partition 'control'",
		"windows[2].partition: unknown partition 'logger'",
		"channels[0].destinations: unknown partition 'control'",
		"channels[1].source: unknown partition 'control'",
		"channels[1].destinations: unknown partition 'logger'",
	};

	(void)state;
	memset(&d.partitions[1], 0, sizeof(d.partitions[1]));
	expect_reports(&d, 6, expected);
}

static void test_zero_vcpus(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[0].vcpu_count = 0;
	expect_refused(&d, "partitions[0].vcpu_count", "0 vcpus; a partition has 1 to 4");
}

static void test_too_many_vcpus_per_partition(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[1].vcpu_count = CONFIG_MAX_VCPUS_PER_PARTITION;
	expect_valid(&d);
	d.partitions[1].vcpu_count = CONFIG_MAX_VCPUS_PER_PARTITION + 1;
	expect_refused(&d, "partitions[1].vcpu_count", "5 vcpus; a partition has 1 to 4");
}

static void test_too_many_vcpus_in_total(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* four partitions of four vcpus fill the pool of 16 exactly */
	d.partitions[3] = (struct partition_config){ .name = "spare", .image = "spare",
		.memory_base = MIB(19), .memory_size = KIB(256) };
	d.windows[3] = (struct window_config){ .partition = "spare", .offset_ns = MS(9),
		.duration_ns = US(500) };
	for (int i = 0; i < 4; i++) {
		d.partitions[i].vcpu_count = 4;
		d.partitions[i].quantum_ns = US(100);
	}
	expect_valid(&d);
	d.partitions[4] = (struct partition_config){ .name = "extra", .image = "extra",
		.memory_base = MIB(20), .memory_size = KIB(256), .vcpu_count = 1 };
	d.windows[4] = (struct window_config){ .partition = "extra", .offset_ns = US(9500),
		.duration_ns = US(500) };
	expect_refused(&d, "partitions", "17 vcpus in all, more than the pool of 16 (CONFIG_MAX_VCPUS)");
}

static void test_quantum_too_small(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[1].quantum_ns = US(10) - 1;
	expect_refused(&d, "partitions[1].quantum_ns",
		       "9999 ns; a partition with several vcpus needs a quantum of at least 10000 ns");
	d.partitions[1].quantum_ns = 0;
	expect_refused(&d, "partitions[1].quantum_ns", "0 ns; a partition with several vcpus");
	d.partitions[1].quantum_ns = US(10);
	expect_valid(&d);
	/* the dispatcher compares times in 32 bits: at most 10 s */
	d.partitions[1].quantum_ns = MS(10000) + 1;
	expect_refused(&d, "partitions[1].quantum_ns",
		       "10000000001 ns; the longest quantum is 10000000000 ns");
	d.partitions[1].quantum_ns = MS(10000);
	expect_valid(&d);
	/* one vcpu has nobody to share with: no quantum needed (sensor has none) */
	assert_int_equal(d.partitions[0].quantum_ns, 0);
}

static void test_bad_hm_action(void **state)
{
	struct deployment d = demo();

	(void)state;
	for (int a = 0; a < HM_ACTION_COUNT; a++) {
		d.partitions[0].hm_actions[HM_EVENT_COUNT - 1] = (uint8_t)a;
		expect_valid(&d);
	}
	d.partitions[0].hm_actions[HM_EVENT_PAGE_FAULT] = HM_ACTION_COUNT;
	expect_refused(&d, "partitions[0].hm_actions", "action 6 for event 14 is not an enum hm_action");
	d.partitions[0].hm_actions[HM_EVENT_PAGE_FAULT] = 0;
	d.partitions[2].hm_actions[HM_EVENT_VCPU_MISUSE] = 255;
	expect_refused(&d, "partitions[2].hm_actions", "action 255 for event 33 is not an enum hm_action");
}

static void test_doorbell_to_others_is_valid(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* to a partition declared later as well as earlier */
	d.partitions[0].doorbell_to[0] = "logger";
	d.partitions[0].doorbell_to[1] = "control";
	d.partitions[2].doorbell_to[0] = "sensor";
	expect_valid(&d);
}

static void test_unknown_doorbell_target(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[0].doorbell_to[0] = "control";
	d.partitions[0].doorbell_to[1] = "nobody";
	expect_refused(&d, "partitions[0].doorbell_to", "unknown partition 'nobody'");
}

static void test_self_doorbell(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[1].doorbell_to[0] = "control";
	expect_refused(&d, "partitions[1].doorbell_to",
		       "'control' rings its own vcpus without permission; list only others");
}

static void test_memory_size_zero(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[1].memory_size = 0;
	expect_refused(&d, "partitions[1].memory_size",
		       "0 bytes is not a positive multiple of the 4096-byte page");
}

static void test_memory_size_not_page_multiple(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[1].memory_size = KIB(256) + 1;
	expect_refused(&d, "partitions[1].memory_size",
		       "262145 bytes is not a positive multiple of the 4096-byte page");
}

static void test_memory_size_too_large(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[2].memory_size = MIB(4);
	expect_valid(&d);
	d.partitions[2].memory_size = MIB(4) + CONFIG_PAGE_SIZE;
	expect_refused(&d, "partitions[2].memory_size", "4198400 bytes exceeds the 4194304-byte limit");
}

static void test_memory_base_not_aligned(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[2].memory_base = MIB(18) + 0x10;
	expect_refused(&d, "partitions[2].memory_base", "0x1200010 is not page aligned");
}

static void test_memory_base_below_floor(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[0].memory_base = MIB(16) - CONFIG_PAGE_SIZE;
	expect_refused(&d, "partitions[0].memory_base",
		       "0xfff000 is below 0x1000000, where the kernel and boot modules live");
	d.partitions[0].memory_base = 0;
	expect_refused(&d, "partitions[0].memory_base", "0x0 is below 0x1000000");
}

static void test_memory_past_ram_end(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* ending exactly at the end is fine */
	d.partitions[2].memory_base = (uint32_t)RAM_END - KIB(256);
	expect_valid(&d);
	d.partitions[2].memory_base = (uint32_t)RAM_END - KIB(128);
	expect_refused(&d, "partitions[2].memory_base",
		       "[0xffe0000, 0x10020000) exceeds the RAM partitions may use (up to 0x10000000)");
}

static void test_memory_past_a_smaller_ram_end(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* what the boot-time check sees on a 128 MiB machine: fine for the build, not for the boot */
	d.partitions[2].memory_base = MIB(200);
	expect_valid(&d);
	expect_refused_below(&d, MIB(128), "partitions[2].memory_base",
			     "[0xc800000, 0xc840000) exceeds the RAM partitions may use (up to 0x8000000)");
}

static void test_overlapping_memory(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* touching is not overlapping */
	d.partitions[1].memory_base = MIB(16) + KIB(256);
	expect_valid(&d);
	d.partitions[1].memory_base = MIB(16) + KIB(252);
	expect_refused(&d, "partitions[1].memory_base", "memory of 'control' overlaps that of 'sensor'");
	/* a later partition inside an earlier one, and one that covers an earlier one whole */
	d.partitions[1].memory_base = MIB(17);
	d.partitions[2].memory_base = MIB(17) + KIB(64);
	d.partitions[2].memory_size = KIB(64);
	expect_refused(&d, "partitions[2].memory_base", "memory of 'logger' overlaps that of 'control'");
	d.partitions[2].memory_base = MIB(16);
	d.partitions[2].memory_size = MIB(4);
	expect_refused(&d, "partitions[2].memory_base", "memory of 'logger' overlaps that of 'sensor'");
}

static void test_major_frame_zero(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.major_frame_ns = 0;
	expect_refused(&d, "major_frame_ns", "the major frame is empty");
}

/* The dispatcher compares times in 32 bits (core/tick32.h): a frame of at most 10 s. */
static void test_major_frame_too_long(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.major_frame_ns = MS(10000) + 1;
	expect_refused(&d, "major_frame_ns",
		       "10000000001 ns; the longest major frame is 10000000000 ns");
	d.major_frame_ns = MS(10000);
	expect_valid(&d);
}

static void test_no_windows(void **state)
{
	struct deployment d = demo();

	(void)state;
	memset(d.windows, 0, sizeof(d.windows));
	expect_refused(&d, "windows", "the schedule has no window");
}

static void test_window_unknown_partition(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.windows[1].partition = "nobody";
	expect_refused(&d, "windows[1].partition", "unknown partition 'nobody'");
}

static void test_window_too_short(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.windows[1].duration_ns = US(10);
	expect_valid(&d);
	d.windows[1].duration_ns = US(10) - 1;
	expect_refused(&d, "windows[1].duration_ns", "9999 ns; a window lasts at least 10000 ns");
	d.windows[1].duration_ns = 0;
	expect_refused(&d, "windows[1].duration_ns", "0 ns; a window lasts at least 10000 ns");
}

static void test_overlapping_windows(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* back to back is fine */
	d.windows[1].offset_ns = MS(2);
	expect_valid(&d);
	d.windows[1].offset_ns = MS(2) - 1;
	expect_refused(&d, "windows[1].offset_ns",
		       "window starts at 1999999 ns, before the previous one on CPU 0 ends "
		       "(2000000 ns): windows on one CPU must not overlap and must be in time order");
}

static void test_windows_out_of_order(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.windows[0] = (struct window_config){ .partition = "logger", .offset_ns = MS(7),
		.duration_ns = MS(2) };
	d.windows[2] = (struct window_config){ .partition = "sensor", .offset_ns = 0,
		.duration_ns = MS(2) };
	expect_refused(&d, "windows[1].offset_ns",
		       "window starts at 2500000 ns, before the previous one on CPU 0 ends (9000000 ns)");
}

static void test_window_past_major_frame(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.windows[2].duration_ns = MS(3);
	expect_valid(&d);
	d.windows[2].duration_ns = MS(3) + 1;
	expect_refused(&d, "windows[2].duration_ns",
		       "window ends at 10000001 ns, past the major frame of 10000000 ns");
}

static void test_window_end_wrapping_around(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* offset + duration overflows 64 bits: its wrapped sum, 299744 ns, must not be reported */
	d.windows[2].duration_ns = UINT64_MAX - MS(7) + 299745;
	expect_refused(&d, "windows[2].duration_ns",
		       "window of 18446744073702851360 ns starting at 7000000 ns ends beyond 2^64 ns, "
		       "past the major frame of 10000000 ns");
	/* the largest end that does not wrap */
	d.windows[2].duration_ns = UINT64_MAX - MS(7);
	expect_refused(&d, "windows[2].duration_ns",
		       "window ends at 18446744073709551615 ns, past the major frame of 10000000 ns");
}

static void test_window_starting_after_major_frame(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* reported where the mistake is: the offset, not the duration */
	d.windows[2].offset_ns = MS(10);
	expect_refused(&d, "windows[2].offset_ns",
		       "window starts at 10000000 ns, at or after the end of the major frame "
		       "(10000000 ns)");
	d.windows[2].offset_ns = UINT64_MAX - US(5);
	d.windows[2].duration_ns = US(10);
	expect_refused(&d, "windows[2].offset_ns",
		       "window starts at 18446744073709546615 ns, at or after the end of the major "
		       "frame (10000000 ns)");
	/* the last window may end exactly at the end of the frame */
	d.windows[2].offset_ns = MS(10) - US(10);
	expect_valid(&d);
}

static void test_partition_without_window(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.windows[2].partition = "control";
	expect_refused(&d, "partitions[2]", "partition 'logger' has no window");
}

static void test_channel_duplicate_name(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[1].name = "altitude";
	expect_refused(&d, "channels[1].name", "'altitude' is used twice");
}

static void test_channel_bad_kind(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].kind = CHANNEL_NONE;
	expect_refused(&d, "channels[0].kind", "'altitude' is neither sampling nor queuing");
	d.channels[0].kind = (enum channel_kind)7;
	expect_refused(&d, "channels[0].kind", "'altitude' is neither sampling nor queuing");
}

static void test_channel_max_message(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].max_message = CONFIG_MAX_MESSAGE;
	d.channels[1].max_message = 1;
	expect_valid(&d);
	d.channels[0].max_message = 0;
	expect_refused(&d, "channels[0].max_message", "0 bytes; a message holds 1 to 1024");
	d.channels[0].max_message = CONFIG_MAX_MESSAGE + 1;
	expect_refused(&d, "channels[0].max_message", "1025 bytes; a message holds 1 to 1024");
}

static void test_queuing_depth(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[1].depth = CONFIG_MAX_DEPTH;
	expect_valid(&d);
	d.channels[1].depth = 0;
	expect_refused(&d, "channels[1].depth", "0 messages; a queue holds 1 to 64");
	d.channels[1].depth = CONFIG_MAX_DEPTH + 1;
	expect_refused(&d, "channels[1].depth", "65 messages; a queue holds 1 to 64");
	/* a sampling port holds one message: its depth means nothing (the demo's is 0) */
	assert_int_equal(d.channels[0].depth, 0);
}

static void test_sampling_without_refresh(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].refresh_ns = 0;
	expect_refused(&d, "channels[0].refresh_ns", "a sampling port needs a refresh period");
}

static void test_channel_unknown_source(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[1].source = "nobody";
	expect_refused(&d, "channels[1].source", "unknown partition 'nobody'");
	d.channels[1].source = NULL;
	expect_refused(&d, "channels[1].source", "unknown partition '(none)'");
}

static void test_channel_unknown_destination(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].destinations[1] = "nobody";
	expect_refused(&d, "channels[0].destinations", "unknown partition 'nobody'");
}

static void test_channel_destination_is_source(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[1].destinations[0] = "control";
	expect_refused(&d, "channels[1].destinations", "'control' would send to itself");
}

static void test_channel_duplicate_destination(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].destinations[1] = "logger";
	d.channels[0].destinations[2] = "control";
	expect_refused(&d, "channels[0].destinations", "'control' is listed twice");
}

static void test_channel_no_destination(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].destinations[0] = NULL;
	expect_refused(&d, "channels[0].destinations", "channel 'altitude' has no destination");
}

static void test_sampling_to_several_destinations_is_valid(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].destinations[1] = "logger";
	expect_valid(&d);
}

static void test_queuing_with_two_destinations(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[1].destinations[1] = "sensor";
	expect_refused(&d, "channels[1].destinations",
		       "queuing channel 'commands' has 2 destinations; it needs exactly one");
}

/* 31 characters and the 32nd */
#define NAME_31 "abcdefghijklmnopqrstuvwxyz01234"
#define NAME_32 NAME_31 "5"

static void test_name_lengths(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* BH_PORT_NAME_MAX (32) counts the NUL: a 32-character port could never be opened */
	d.channels[0].name = NAME_31;
	expect_valid(&d);
	d.channels[0].name = NAME_32;
	expect_refused(&d, "channels[0].name",
		       "'" NAME_31 "...' is 32 characters long; a port name has at most 31");
	d = demo();
	/* the kernel keeps a boot module's name in BOOT_MODULE_NAME (32) bytes */
	d.partitions[1].image = NAME_31;
	expect_valid(&d);
	d.partitions[1].image = NAME_32;
	expect_refused(&d, "partitions[1].image",
		       "'" NAME_31 "...' is 32 characters long; an image name has at most 31");
	d = demo();
	d.partitions[2].name = d.windows[2].partition = d.channels[1].destinations[0] = NAME_31;
	expect_valid(&d);
	d.partitions[2].name = d.windows[2].partition = d.channels[1].destinations[0] = NAME_32;
	expect_refused(&d, "partitions[2].name",
		       "'" NAME_31 "...' is 32 characters long; a partition name has at most 31");
	d = demo();
	d.name = NAME_31;
	expect_valid(&d);
	d.name = NAME_32;
	expect_refused(&d, "name",
		       "'" NAME_31 "...' is 32 characters long; a deployment name has at most 31");
	d = demo();
	d.channels[1].name = "";
	expect_refused(&d, "channels[1].name", "is empty");
}

static void test_name_characters(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[0].image = "Sensor-2.b_x";
	expect_valid(&d);
	/* the module's name ends at a space; ',' splits QEMU's -initrd list; '/' makes a path */
	d.partitions[0].image = "sen sor";
	expect_refused(&d, "partitions[0].image",
		       "byte 0x20 after 'sen'; an image name holds only letters, digits, '_', '-' "
		       "and '.'");
	d.partitions[0].image = "a,b";
	expect_refused(&d, "partitions[0].image", "byte 0x2c after 'a'");
	d.partitions[0].image = "../sensor";
	expect_refused(&d, "partitions[0].image", "byte 0x2f after '..'");
	d = demo();
	/* names are printed: a control character could forge a console line */
	d.partitions[0].name = "sensor\nbulkhead: forged";
	d.windows[0].partition = d.partitions[0].name;
	d.channels[0].source = d.partitions[0].name;
	expect_refused(&d, "partitions[0].name",
		       "byte 0x0a after 'sensor'; a partition name holds only printable ASCII");
	d = demo();
	d.channels[0].name = "alt\x7f";
	expect_refused(&d, "channels[0].name",
		       "byte 0x7f after 'alt'; a port name holds only printable ASCII");
	d.channels[0].name = "\x85";
	expect_refused(&d, "channels[0].name",
		       "starts with byte 0x85; a port name holds only printable ASCII");
	d = demo();
	d.name = "demo\x1b[2J";
	expect_refused(&d, "name", "byte 0x1b after 'demo'; a deployment name holds only printable");
	d.name = "demo 'quoted' (2)";
	expect_valid(&d);
}

static void test_partition_after_a_hole(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* a partition without a name would end the list and drop itself and what follows */
	d.partitions[1].name = NULL;
	expect_refused(&d, "partitions[1].name",
		       "missing: the partition with image 'control' would end the list and be left "
		       "out");
	memset(&d.partitions[1], 0, sizeof(d.partitions[1]));
	expect_refused(&d, "partitions[2]",
		       "partition 'logger' comes after partitions[1], which has no name and so ends "
		       "the list");
	d = demo();
	d.partitions[CONFIG_MAX_PARTITIONS - 1].image = "spare";
	expect_refused(&d, "partitions[7]",
		       "the partition with image 'spare' comes after partitions[3], which has no "
		       "name");
	d = demo();
	d.partitions[3].image = "spare";
	expect_refused(&d, "partitions[3].name", "missing: the partition with image 'spare'");
	d = demo();
	memset(&d.partitions[0], 0, sizeof(d.partitions[0]));
	expect_refused(&d, "partitions[1]", "partition 'control' comes after partitions[0]");
}

static void test_window_after_a_hole(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.windows[1].partition = NULL;
	expect_refused(&d, "windows[1].partition",
		       "missing: the window at 2500000 ns would end the list and be left out");
	memset(&d.windows[1], 0, sizeof(d.windows[1]));
	expect_refused(&d, "windows[2]",
		       "the window at 7000000 ns comes after windows[1], which has no partition and "
		       "so ends the list");
	d = demo();
	d.windows[CONFIG_MAX_WINDOWS - 1].partition = "logger";
	expect_refused(&d, "windows[31]", "comes after windows[3], which has no partition");
}

static void test_channel_after_a_hole(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].name = NULL;
	expect_refused(&d, "channels[0].name",
		       "missing: the channel from 'sensor' would end the list and be left out");
	memset(&d.channels[0], 0, sizeof(d.channels[0]));
	expect_refused(&d, "channels[1]",
		       "channel 'commands' comes after channels[0], which has no name and so ends the "
		       "list");
	d = demo();
	d.channels[CONFIG_MAX_CHANNELS - 1].source = "logger";
	expect_refused(&d, "channels[15]", "the channel from 'logger' comes after channels[2]");
}

static void test_name_after_a_hole_in_a_list(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.channels[0].destinations[0] = NULL;
	d.channels[0].destinations[1] = "logger";
	expect_refused(&d, "channels[0].destinations",
		       "'logger' in destinations[1] comes after the empty destinations[0], where the "
		       "list ends");
	d = demo();
	d.channels[0].destinations[2] = "logger";
	expect_refused(&d, "channels[0].destinations",
		       "'logger' in destinations[2] comes after the empty destinations[1]");
	d = demo();
	d.partitions[0].doorbell_to[0] = "logger";
	d.partitions[0].doorbell_to[2] = "control";
	expect_refused(&d, "partitions[0].doorbell_to",
		       "'control' in doorbell_to[2] comes after the empty doorbell_to[1], where the "
		       "list ends");
	d.partitions[0].doorbell_to[2] = NULL;
	d.partitions[0].doorbell_to[CONFIG_MAX_PARTITIONS - 1] = "control";
	expect_refused(&d, "partitions[0].doorbell_to", "'control' in doorbell_to[7]");
}

static void test_priority_beyond_vcpu_count(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[0].priority[0] = 7;
	expect_valid(&d);
	d.partitions[0].priority[1] = 3;
	expect_refused(&d, "partitions[0].priority", "priority[1] is 3, but the partition has 1 vcpu");
	d = demo();
	d.partitions[1].priority[CONFIG_MAX_VCPUS_PER_PARTITION - 1] = 1;
	expect_refused(&d, "partitions[1].priority",
		       "priority[3] is 1, but the partition has 2 vcpus");
}

static void test_stack_size(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[0].stack_size = KIB(64);
	expect_valid(&d);
	d.partitions[0].stack_size = KIB(64) + 1;
	expect_refused(&d, "partitions[0].stack_size",
		       "65537 bytes is not a multiple of the 4096-byte page");
	/* stack, guard page and at least one page of image */
	d.partitions[0].stack_size = KIB(256) - KIB(8);
	expect_valid(&d);
	d.partitions[0].stack_size = KIB(256) - KIB(4);
	expect_refused(&d, "partitions[0].stack_size",
		       "258048 bytes of stack and the 4096-byte guard page below it leave no page "
		       "of the 262144-byte memory for the image");
	d.partitions[0].stack_size = 0xfffff000u;
	expect_refused(&d, "partitions[0].stack_size", "4294963200 bytes of stack");
	/* 0: the default stack, CONFIG_DEFAULT_STACK_SIZE (16 KiB) */
	d = demo();
	d.partitions[2].memory_size = KIB(24);
	expect_valid(&d);
	d.partitions[2].memory_size = KIB(20);
	expect_refused(&d, "partitions[2].memory_size",
		       "20480 bytes hold the default 16384-byte stack (CONFIG_DEFAULT_STACK_SIZE) and "
		       "its 4096-byte guard page but no page for the image");
}

static void test_apex_limits(void **state)
{
	struct deployment d = demo();

	(void)state;
	d.partitions[1].apex = (struct apex_config){ .processes = 64, .stack_bytes = KIB(64) };
	expect_valid(&d);
	d.partitions[1].apex.processes = 1;
	expect_valid(&d);
	d.partitions[1].apex.processes = 65;
	expect_refused(&d, "partitions[1].apex.processes",
		       "65 processes; an APEX partition has 0 to 64");
	d.partitions[1].apex.processes = 8;
	d.partitions[1].apex.stack_bytes = KIB(64) + 16;
	expect_refused(&d, "partitions[1].apex.stack_bytes",
		       "65552 bytes is not a multiple of the 4096-byte page");
	d.partitions[1].apex.stack_bytes = 0;
	expect_refused(&d, "partitions[1].apex",
		       "processes 8 and stack_bytes 0: an APEX partition sets both, any other neither");
	d.partitions[1].apex = (struct apex_config){ .processes = 0, .stack_bytes = KIB(4) };
	expect_refused(&d, "partitions[1].apex",
		       "processes 0 and stack_bytes 4096: an APEX partition sets both, any other "
		       "neither");
}

static void test_hm_deliver(void **state)
{
	struct deployment d = demo();

	(void)state;
	/* every fault and trap an instruction raises, and an overflow into a guard page */
	d.partitions[0].hm_deliver = 0xb7cfbull | HM_DELIVER(HM_EVENT_STACK_OVERFLOW);
	expect_valid(&d);
	d.partitions[0].hm_deliver |= HM_DELIVER(HM_EVENT_APPLICATION_ERROR);
	expect_refused(&d, "partitions[0].hm_deliver",
		       "event 32 cannot be handed to the partition: an application error is the "
		       "partition's own report (hm_report); only vectors 0, 1, 3-7, 10-14, 16, 17, 19 and "
		       "HM_EVENT_STACK_OVERFLOW can");
	d.partitions[0].hm_deliver = HM_DELIVER(HM_EVENT_PAGE_FAULT) | HM_DELIVER(HM_EVENT_VCPU_MISUSE);
	expect_refused(&d, "partitions[0].hm_deliver",
		       "event 33 cannot be handed to the partition: a vcpu stopped for misuse cannot "
		       "take an upcall; only vectors 0, 1, 3-7, 10-14, 16, 17, 19 and "
		       "HM_EVENT_STACK_OVERFLOW can");
	d.partitions[0].hm_deliver = HM_DELIVER(HM_EVENT_COUNT);
	expect_refused(&d, "partitions[0].hm_deliver",
		       "event 35 cannot be handed to the partition: it is no enum hm_event; only vectors 0, 1, "
		       "3-7, 10-14, 16, 17, 19 and HM_EVENT_STACK_OVERFLOW can");
	d.partitions[0].hm_deliver = HM_DELIVER(18);
	expect_refused(&d, "partitions[0].hm_deliver",
		       "event 18 cannot be handed to the partition: no instruction of the vcpu's "
		       "raises it");
	d.partitions[0].hm_deliver = 1ull << 63;
	expect_refused(&d, "partitions[0].hm_deliver", "event 63 cannot be handed");
}

/* demo() with two shared areas: "readings" from sensor to control and logger, "scratch" of
 * control's and logger's. Valid as it stands. */
static struct deployment with_areas(void)
{
	struct deployment d = demo();

	d.shared_areas[0] = (struct shared_area_config){
		.name = "readings", .base = MIB(20), .size = KIB(8),
		.users = { { .partition = "sensor", .address = BH_SHM_WINDOW_BASE, .writable = true },
			   { .partition = "control", .address = BH_SHM_WINDOW_BASE + MIB(1) },
			   { .partition = "logger", .address = BH_SHM_WINDOW_BASE } },
	};
	d.shared_areas[1] = (struct shared_area_config){
		.name = "scratch", .base = MIB(20) + KIB(8), .size = KIB(4),
		.users = { { .partition = "control", .address = BH_SHM_WINDOW_BASE + MIB(1) + KIB(8),
			     .writable = true },
			   { .partition = "logger", .address = BH_SHM_WINDOW_BASE + KIB(8),
			     .writable = true } },
	};
	return d;
}

static void test_shared_areas_valid(void **state)
{
	struct deployment d = with_areas();

	(void)state;
	expect_valid(&d);
	assert_int_equal(deployment_shared_area_count(&d), 2);
	/* the whole window, up to the end of RAM, for control and logger; readings for sensor */
	d.shared_areas[0].users[1] = (struct shared_area_user){ 0 };
	d.shared_areas[0].users[2] = (struct shared_area_user){ 0 };
	d.shared_areas[1].size = BH_SHM_WINDOW_SIZE;
	d.shared_areas[1].base = MIB(64);
	d.shared_areas[1].users[0].address = BH_SHM_WINDOW_BASE;
	d.shared_areas[1].users[1].address = BH_SHM_WINDOW_BASE;
	expect_valid_below(&d, MIB(68));
}

static void test_shared_area_size(void **state)
{
	struct deployment d = with_areas();

	(void)state;
	d.shared_areas[0].size = 0;
	expect_refused(&d, "shared_areas[0].size",
		       "0 bytes is not a positive multiple of the 4096-byte page");
	d.shared_areas[0].size = 5000;
	expect_refused(&d, "shared_areas[0].size",
		       "5000 bytes is not a positive multiple of the 4096-byte page");
	d.shared_areas[0].size = BH_SHM_WINDOW_SIZE + KIB(4);
	expect_refused(&d, "shared_areas[0].size",
		       "4198400 bytes exceeds the 4194304-byte shared window a partition maps areas in");
}

static void test_shared_area_base(void **state)
{
	struct deployment d = with_areas();

	(void)state;
	d.shared_areas[0].base = MIB(20) + 100;
	expect_refused(&d, "shared_areas[0].base", "0x1400064 is not page aligned");
	d.shared_areas[0].base = MIB(15);
	expect_refused(&d, "shared_areas[0].base",
		       "0xf00000 is below 0x1000000, where the kernel and boot modules live");
	d.shared_areas[0].base = MIB(20);
	expect_refused_below(&d, MIB(20) + KIB(4), "shared_areas[0].base",
			     "[0x1400000, 0x1402000) exceeds the RAM partitions may use (up to "
			     "0x1401000)");
	/* into a partition's private memory, from below and covering it */
	d.shared_areas[0].base = MIB(17) + KIB(252);
	expect_refused(&d, "shared_areas[0].base",
		       "shared area 'readings' [0x113f000, 0x1141000) overlaps the memory of "
		       "partition 'control'");
	d.shared_areas[0].base = MIB(18) - KIB(4);
	expect_refused(&d, "shared_areas[0].base", "overlaps the memory of partition 'logger'");
	/* touching is not overlapping */
	d.shared_areas[0].base = MIB(18) - KIB(8);
	expect_valid(&d);
	/* into the other area */
	d.shared_areas[0].base = MIB(20) + KIB(4);
	expect_refused(&d, "shared_areas[1].base",
		       "shared area 'scratch' overlaps shared area 'readings'");
}

static void test_shared_area_users(void **state)
{
	struct deployment d = with_areas();

	(void)state;
	d.shared_areas[0].users[1].partition = "controller";
	expect_refused(&d, "shared_areas[0].users[1].partition", "unknown partition 'controller'");
	d.shared_areas[0].users[1].partition = "sensor";
	expect_refused(&d, "shared_areas[0].users[1].partition", "'sensor' is listed twice");
	d = with_areas();
	memset(d.shared_areas[1].users, 0, sizeof(d.shared_areas[1].users));
	expect_refused(&d, "shared_areas[1].users", "shared area 'scratch' has no user");
	d = with_areas();
	d.shared_areas[0].users[1].partition = NULL;
	expect_refused(&d, "shared_areas[0].users",
		       "'logger' in users[2] comes after the empty users[1], where the list ends");
}

static void test_shared_area_address(void **state)
{
	struct deployment d = with_areas();

	(void)state;
	d.shared_areas[0].users[2].address = BH_SHM_WINDOW_BASE + 10;
	expect_refused(&d, "shared_areas[0].users[2].address", "0x4040000a is not page aligned");
	/* logger's private memory is 256 KiB from BH_PARTITION_BASE */
	d.shared_areas[0].users[2].address = BH_PARTITION_BASE + KIB(252);
	expect_refused(&d, "shared_areas[0].users[2].address",
		       "[0x4003f000, 0x40041000) lies in the private memory of 'logger' "
		       "[0x40000000, 0x40040000)");
	/* above the private memory but below the window: no table maps it */
	d.shared_areas[0].users[2].address = BH_PARTITION_BASE + KIB(256);
	expect_refused(&d, "shared_areas[0].users[2].address",
		       "[0x40040000, 0x40042000) is outside the shared window [0x40400000, "
		       "0x40800000), where a partition's shared areas appear");
	d.shared_areas[0].users[2].address = BH_SHM_WINDOW_BASE + BH_SHM_WINDOW_SIZE - KIB(4);
	expect_refused(&d, "shared_areas[0].users[2].address",
		       "[0x407ff000, 0x40801000) is outside the shared window");
	d.shared_areas[0].users[2].address = 0x00100000;
	expect_refused(&d, "shared_areas[0].users[2].address",
		       "0x100000 lies in the kernel's part of the address space (below 0x40000000)");
	d.shared_areas[0].users[2].address = 0xfffff000;
	expect_refused(&d, "shared_areas[0].users[2].address",
		       "[0xfffff000, 0x100001000) is outside the shared window");
	/* two areas of one partition on one page of its space */
	d = with_areas();
	d.shared_areas[1].users[1].address = BH_SHM_WINDOW_BASE + KIB(4);
	expect_refused(&d, "shared_areas[1].users[1].address",
		       "[0x40401000, 0x40402000) overlaps shared area 'readings' in the space of "
		       "'logger'");
}

static void test_shared_area_names(void **state)
{
	struct deployment d = with_areas();

	(void)state;
	d.shared_areas[1].name = "readings";
	expect_refused(&d, "shared_areas[1].name", "'readings' is used twice");
	d.shared_areas[1].name = "";
	expect_refused(&d, "shared_areas[1].name", "is empty");
	d.shared_areas[1].name = "scratch\n";
	expect_refused(&d, "shared_areas[1].name",
		       "byte 0x0a after 'scratch'; a shared area name holds only printable ASCII");
	d.shared_areas[1].name = "0123456789abcdef0123456789abcdef";
	expect_refused(&d, "shared_areas[1].name",
		       "'0123456789abcdef0123456789abcde...' is 32 characters long; a shared area "
		       "name has at most 31");
}

static void test_shared_area_after_a_hole(void **state)
{
	struct deployment d = with_areas();

	(void)state;
	d.shared_areas[0].name = NULL;
	expect_refused(&d, "shared_areas[0].name",
		       "missing: the shared area of 8192 bytes at 0x1400000 would end the list");
	d = with_areas();
	d.shared_areas[3] = d.shared_areas[1];
	d.shared_areas[1] = (struct shared_area_config){ 0 };
	expect_refused(&d, "shared_areas[3]",
		       "the shared area of 4096 bytes at 0x1402000 comes after shared_areas[1], "
		       "which has no name and so ends the list");
}

/* One mistake in an area is told once: no address check on an area whose size is wrong. */
static void test_shared_area_one_report(void **state)
{
	struct deployment d = with_areas();
	static const char *const expected[] = {
		"shared_areas[0].size: 0 bytes is not a positive multiple of the 4096-byte page",
	};

	(void)state;
	d.shared_areas[0].size = 0;
	d.shared_areas[0].users[1].address = BH_PARTITION_BASE;
	expect_reports(&d, 1, expected);
}

/* --- devices (issue 21): ports and an interrupt line given to one partition --- */

/* The demo with COM3 given to control (its line on vcpu 1) and a port-only device to sensor. */
static struct deployment with_devices(void)
{
	struct deployment d = demo();

	d.devices[0] = (struct device_config){ .name = "com3", .partition = "control",
					       .io = { { 0x3e8, 8 } }, .irq = IRQ_LINE(5),
					       .vint_line = 8, .vcpu = 1,
					       .qemu_device = "isa-serial,iobase=0x3e8,irq=5" };
	d.devices[1] = (struct device_config){ .name = "lpt", .partition = "sensor",
					       .io = { { 0x378, 3 }, { 0x778, 3 } } };
	return d;
}

static void test_devices_valid(void **state)
{
	struct deployment d = with_devices();

	(void)state;
	expect_valid(&d);
	assert_int_equal(deployment_device_count(&d), 2);
	/* the same device line in two partitions is two lines */
	d.devices[1].irq = IRQ_LINE(3);
	d.devices[1].vint_line = 8;
	expect_valid(&d);
}

static void test_device_partition_and_vcpu(void **state)
{
	struct deployment d = with_devices();

	(void)state;
	d.devices[0].partition = "contrl";
	expect_refused(&d, "devices[0].partition", "unknown partition 'contrl'");
	d.devices[0].partition = NULL;
	d.devices[0].io[0].count = 8;
	expect_refused(&d, "devices[0].partition", "unknown partition '(none)'");
	d = with_devices();
	d.devices[0].vcpu = 2;
	expect_refused(&d, "devices[0].vcpu", "vcpu 2, but 'control' has 2 vcpus");
}

static void test_device_names(void **state)
{
	struct deployment d = with_devices();

	(void)state;
	d.devices[1].name = "com3";
	expect_refused(&d, "devices[1].name", "'com3' is used twice");
	d = with_devices();
	d.devices[0].name = "com 3";
	expect_refused(&d, "devices[0].name", "byte 0x20 after 'com'");
	d = with_devices();
	d.devices[0].qemu_device = "isa-serial;reboot";
	expect_refused(&d, "devices[0].qemu_device", "byte 0x3b after 'isa-serial'");
}

/* Each port range the kernel keeps, refused by its name, wherever a range touches it. */
static void test_device_kernel_ports(void **state)
{
	static const struct {
		uint16_t first, count, named;
		const char *what;
	} cases[] = {
		{ 0x3f8, 8, 0x3f8, "the kernel's console UART (COM1)" },
		{ 0x3f0, 9, 0x3f8, "the kernel's console UART (COM1)" },
		{ 0x3ff, 1, 0x3ff, "the kernel's console UART (COM1)" },
		{ 0x2f8, 1, 0x2f8, "the kernel's trace UART (COM2)" },
		{ 0x20, 2, 0x20, "the kernel's master 8259 interrupt controller" },
		{ 0xa1, 1, 0xa1, "the kernel's slave 8259 interrupt controller" },
		{ 0x40, 4, 0x40, "the PIT" },
		{ 0x61, 1, 0x61, "the PIT's gate and speaker port" },
		{ 0xf4, 1, 0xf4, "QEMU's debug-exit port, the kernel's exit" },
		{ 0xf0, 0x10, 0xf4, "QEMU's debug-exit port, the kernel's exit" },
		{ 0x4d0, 2, 0x4d0, "the 8259s' edge/level control" },
		{ 0x00, 0x10, 0x00, "the 8237 DMA controller (DMA into any memory)" },
		{ 0x80, 4, 0x81, "the DMA page registers (DMA into any memory)" },
		{ 0xcf8, 8, 0xcf8, "PCI configuration (bus mastering and BARs: DMA anywhere)" },
		{ 0x510, 2, 0x510, "QEMU's fw_cfg (its DMA writes any memory)" },
		{ 0x92, 1, 0x92, "the A20 and fast reset port" },
		{ 0xb3, 1, 0xb3, "the APM control port (its SMIs take the CPU from every partition)" },
		{ 0, 0xffff, 0x20, "the kernel's master 8259 interrupt controller" },
	};
	char reason[160];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct deployment d = with_devices();

		d.devices[1].io[1] = (struct io_range){ cases[i].first, cases[i].count };
		snprintf(reason, sizeof(reason), "0x%x is %s; the kernel's ports cannot be given",
			 cases[i].named, cases[i].what);
		expect_refused(&d, "devices[1].io[1]", reason);
	}
}

static void test_device_port_ranges(void **state)
{
	struct deployment d = with_devices();

	(void)state;
	d.devices[1].io[1] = (struct io_range){ 0xfff0, 0x11 };
	expect_refused(&d, "devices[1].io[1]", "ports 0xfff0 + 17 run past 0xffff, the last I/O port");
	d.devices[1].io[1] = (struct io_range){ 0xfff0, 0x10 };
	expect_valid(&d);
	d.devices[1].io[1] = (struct io_range){ 0x3ee, 4 };
	expect_refused(&d, "devices[1].io[1]", "ports 0x3ee-0x3f1 overlap 0x3e8-0x3ef of device 'com3'");
	d.devices[1].io[1] = (struct io_range){ 0x37a, 1 };
	expect_refused(&d, "devices[1].io[1]", "ports 0x37a-0x37a overlap 0x378-0x37a of device 'lpt'");
	d = with_devices();
	d.devices[1].io[0].count = 0;
	expect_refused(&d, "devices[1].io", "io[1] comes after the empty io[0], where the list ends");
	d.devices[1].io[1].count = 0;
	expect_refused(&d, "devices[1]", "device 'lpt' has neither ports nor an irq");
}

static void test_device_lines(void **state)
{
	static const struct {
		uint32_t line;
		const char *reason;
	} kernel[] = {
		{ 0, "line 0 is the kernel's timer (HPET) line; the kernel's lines cannot be given" },
		{ 2, "line 2 is the 8259s' cascade line" },
		{ 7, "line 7 is the master 8259's spurious line" },
		{ 8, "line 8 is the HPET's second legacy line" },
		{ 16, "line 16; the interrupt lines are 0 to 15" },
	};
	struct deployment d = with_devices();

	(void)state;
	for (size_t i = 0; i < sizeof(kernel) / sizeof(kernel[0]); i++) {
		d.devices[0].irq = IRQ_LINE(kernel[i].line);
		expect_refused(&d, "devices[0].irq", kernel[i].reason);
	}
	d = with_devices();
	d.devices[1].irq = IRQ_LINE(5);
	d.devices[1].vint_line = 9;
	expect_refused(&d, "devices[1].irq", "line 5 is device 'com3''s already");
	d = with_devices();
	d.devices[0].vint_line = BH_VINT_FAULT;
	expect_refused(&d, "devices[0].vint_line", "6; a device line is 8 to 15");
	d.devices[0].vint_line = 16;
	expect_refused(&d, "devices[0].vint_line", "16; a device line is 8 to 15");
	d = with_devices();
	d.devices[1].vint_line = 9;
	expect_refused(&d, "devices[1].vint_line", "9, but device 'lpt' has no irq to arrive on it");
	/* two devices of one partition on one device line: irq_done could not tell them apart */
	d = with_devices();
	d.devices[1] = (struct device_config){ .name = "com4", .partition = "control",
					       .io = { { 0x2e8, 8 } }, .irq = IRQ_LINE(3),
					       .vint_line = 8 };
	expect_refused(&d, "devices[1].vint_line", "8 is device 'com3''s already in 'control'");
	d.devices[1].vint_line = 15;
	expect_valid(&d);
}

static void test_device_after_a_hole(void **state)
{
	struct deployment d = with_devices();

	(void)state;
	d.devices[0].name = NULL;
	expect_refused(&d, "devices[0].name",
		       "missing: the device of 'control' would end the list and be left out");
}

/* The CPUs a deployment needs: 0 (one), 1 .. CONFIG_MAX_CPUS; 9 is refused with the field. */
static void test_cpus(void **state)
{
	struct deployment d = demo();

	(void)state;
	expect_valid(&d);
	d.cpus = 1;
	expect_valid(&d);
	d.cpus = 8;
	expect_valid(&d);
	d.cpus = 9;
	expect_refused(&d, "cpus", "9 CPUs; a deployment needs 1 to 8 (0 means 1)");
}

/* --- several schedules (docs/schedules.md) --- */

static struct deployment two_schedules(void)
{
	struct deployment d = demo();

	d.major_frame_ns = 0;
	memset(d.windows, 0, sizeof(d.windows));
	d.schedules[0] = (struct schedule_config){ .name = "ground", .major_frame_ns = MS(10),
		.windows = { { .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
			     { .partition = "control", .offset_ns = MS(3), .duration_ns = MS(2) },
			     { .partition = "logger", .offset_ns = MS(6), .duration_ns = MS(2) } } };
	d.schedules[1] = (struct schedule_config){ .name = "flight", .major_frame_ns = MS(5),
		.windows = { { .partition = "control", .offset_ns = 0, .duration_ns = MS(2) },
			     { .partition = "logger", .offset_ns = MS(3), .duration_ns = MS(1) } } };
	return d;
}

static void test_schedules_valid_and_found(void **state)
{
	struct deployment d = two_schedules(), one = demo();
	struct schedule_view v;

	(void)state;
	expect_valid(&d);
	assert_int_equal(deployment_schedule_count(&d), 2);
	assert_int_equal(deployment_find_schedule(&d, "flight"), 1);
	assert_int_equal(deployment_find_schedule(&d, "default"), -1);
	assert_int_equal(deployment_initial_schedule(&d), 0);
	d.initial_schedule = "flight";
	expect_valid(&d);
	assert_int_equal(deployment_initial_schedule(&d), 1);
	deployment_schedule(&d, 1, &v);
	assert_string_equal(v.name, "flight");
	assert_int_equal(v.major_frame_ns, MS(5));
	assert_int_equal(v.window_count, 2);
	/* the one-schedule form is "default", id 0 */
	assert_int_equal(deployment_schedule_count(&one), 1);
	assert_int_equal(deployment_find_schedule(&one, "default"), 0);
	deployment_schedule(&one, 0, &v);
	assert_int_equal(v.major_frame_ns, MS(10));
	assert_int_equal(v.window_count, 3);
	assert_ptr_equal(v.windows, one.windows);
	one.initial_schedule = "default";
	expect_valid(&one);
}

static void test_schedules_both_forms(void **state)
{
	struct deployment d = two_schedules();

	(void)state;
	d.major_frame_ns = MS(10);
	expect_refused(&d, "major_frame_ns", "a deployment has either one schedule");
	d.major_frame_ns = 0;
	d.windows[0] = (struct window_config){ .partition = "sensor", .duration_ns = MS(1) };
	expect_refused(&d, "windows", "not both");
}

static void test_schedule_names(void **state)
{
	struct deployment d = two_schedules();

	(void)state;
	d.schedules[1].name = "ground";
	expect_refused(&d, "schedules[1].name", "'ground' is used twice");
	d.schedules[1].name = "";
	expect_refused(&d, "schedules[1].name", "is empty");
	d.schedules[1].name = "fl\night";
	expect_refused(&d, "schedules[1].name", "byte 0x0a after 'fl'");
	d.schedules[1].name = NAME_32;
	expect_refused(&d, "schedules[1].name", "a schedule name has at most 31");
	d.schedules[1].name = NAME_31;
	expect_valid(&d);
}

static void test_schedule_references(void **state)
{
	struct deployment d = two_schedules();

	(void)state;
	d.initial_schedule = "takeoff";
	expect_refused(&d, "initial_schedule", "unknown schedule 'takeoff'");
	d.initial_schedule = NULL;
	d.partitions[0].hm_stop_schedule = "degraded";
	expect_refused(&d, "partitions[0].hm_stop_schedule", "unknown schedule 'degraded'");
	d.partitions[0].hm_stop_schedule = "flight";
	expect_valid(&d);
}

static void test_schedule_windows(void **state)
{
	struct deployment d = two_schedules();

	(void)state;
	d.schedules[1].windows[1].duration_ns = MS(3);
	expect_refused(&d, "schedules[1].windows[1].duration_ns",
		       "window ends at 6000000 ns, past the major frame of 5000000 ns");
	d = two_schedules();
	d.schedules[1].windows[1].offset_ns = MS(1);
	expect_refused(&d, "schedules[1].windows[1].offset_ns",
		       "before the previous one on CPU 0 ends");
	d = two_schedules();
	d.schedules[1].windows[0].partition = "nobody";
	expect_refused(&d, "schedules[1].windows[0].partition", "unknown partition 'nobody'");
	d = two_schedules();
	d.schedules[1].major_frame_ns = 0;
	expect_refused(&d, "schedules[1].major_frame_ns", "the major frame is empty");
	d = two_schedules();
	memset(d.schedules[1].windows, 0, sizeof(d.schedules[1].windows));
	expect_refused(&d, "schedules[1].windows", "the schedule has no window");
}

static void test_partition_in_no_schedule(void **state)
{
	struct deployment d = two_schedules();

	(void)state;
	/* sensor only in ground: valid, it does not run in flight */
	expect_valid(&d);
	d.schedules[0].windows[0].partition = "control";
	expect_refused(&d, "partitions[0]", "partition 'sensor' has no window in any schedule");
}

static void test_schedule_after_a_hole(void **state)
{
	struct deployment d = two_schedules();

	(void)state;
	d.schedules[2] = d.schedules[1];
	d.schedules[2].name = "cruise";
	d.schedules[1].name = NULL;
	expect_refused(&d, "schedules[1].name", "missing: the schedule of a 5000000 ns frame would "
		       "end the list and be left out");
	memset(&d.schedules[1], 0, sizeof(d.schedules[1]));
	expect_refused(&d, "schedules[2]", "comes after schedules[1], which has no name");
	d = two_schedules();
	d.schedules[1].windows[3] = (struct window_config){ .partition = "sensor",
		.offset_ns = MS(4), .duration_ns = US(500) };
	expect_refused(&d, "schedules[1].windows[3]", "comes after schedules[1].windows[2]");
}

/* --- CPUs: each window's, each vcpu's (docs/smp.md, "Configuration") --- */

/*
 * The demo on two CPUs: sensor on CPU 0; control's vcpu 0 on CPU 0 and vcpu 1 on CPU 1, its
 * window on CPU 1 starting with sensor's and overlapping its own later one on CPU 0 (both vcpus
 * run at once in [2.5 ms, 4 ms)); logger on CPU 1, its CPU derived. The list interleaves the
 * CPUs, each CPU's windows in time order.
 */
static struct deployment two_cpus(void)
{
	struct deployment d = demo();

	d.cpus = 2;
	d.partitions[1].vcpu_cpu[0] = CPU(0);
	d.partitions[1].vcpu_cpu[1] = CPU(1);
	memset(d.windows, 0, sizeof(d.windows));
	d.windows[0] = (struct window_config){ .partition = "sensor", .offset_ns = 0,
		.duration_ns = MS(2), .cpu = 0 };
	d.windows[1] = (struct window_config){ .partition = "control", .offset_ns = 0,
		.duration_ns = MS(4), .cpu = 1 };
	d.windows[2] = (struct window_config){ .partition = "control", .offset_ns = US(2500),
		.duration_ns = MS(4), .cpu = 0 };
	d.windows[3] = (struct window_config){ .partition = "logger", .offset_ns = MS(7),
		.duration_ns = MS(2), .cpu = 1 };
	return d;
}

static void test_two_cpus_valid(void **state)
{
	struct deployment d = two_cpus();

	(void)state;
	expect_valid(&d);
	assert_int_equal(deployment_vcpu_cpu(&d, 0, 0), 0);
	assert_int_equal(deployment_vcpu_cpu(&d, 1, 0), 0);
	assert_int_equal(deployment_vcpu_cpu(&d, 1, 1), 1);
	assert_int_equal(deployment_vcpu_cpu(&d, 2, 0), 1);
}

/* windows[i].cpu below cpus, 0 meaning 1; in every schedule. */
static void test_window_cpu_in_range(void **state)
{
	struct deployment d = two_cpus(), one = demo();
	static const char *const just_one[] = {
		"windows[3].cpu: CPU 2; the deployment has 2 CPUs (cpus = 2), numbered 0 to 1",
	};

	(void)state;
	/* not also "logger has no window on CPU 1", nor its order on a CPU it is not on */
	d.windows[3].cpu = 2;
	expect_reports(&d, 1, just_one);
	/* nor an overlap with a window of CPU 0's */
	d.windows[3].offset_ns = MS(5);
	expect_reports(&d, 1, just_one);
	one.windows[1].cpu = 1;
	expect_refused(&one, "windows[1].cpu",
		       "CPU 1; the deployment has 1 CPU (cpus = 0 means 1), CPU 0");
	one.cpus = 1;
	expect_refused(&one, "windows[1].cpu", "CPU 1; the deployment has 1 CPU (cpus = 1), CPU 0");
	one.cpus = 2;
	one.partitions[1].vcpu_cpu[0] = one.partitions[1].vcpu_cpu[1] = CPU(1);
	expect_valid(&one);
	one = two_schedules();
	one.schedules[1].windows[1].cpu = 1;
	expect_refused(&one, "schedules[1].windows[1].cpu",
		       "CPU 1; the deployment has 1 CPU (cpus = 0 means 1), CPU 0");
}

/* The order and overlap are judged on each CPU apart, and the reason names the CPU. */
static void test_windows_overlap_per_cpu(void **state)
{
	struct deployment d = two_cpus();

	(void)state;
	d.windows[3].offset_ns = MS(4) - 1;
	expect_refused(&d, "windows[3].offset_ns",
		       "window starts at 3999999 ns, before the previous one on CPU 1 ends "
		       "(4000000 ns): windows on one CPU must not overlap and must be in time order");
	d.windows[3].offset_ns = MS(4);
	expect_valid(&d);
	/* on CPU 0 after the window on CPU 1 that ends later: only CPU 0's own count */
	d = two_cpus();
	d.windows[2].offset_ns = MS(2) - 1;
	expect_refused(&d, "windows[2].offset_ns",
		       "window starts at 1999999 ns, before the previous one on CPU 0 ends (2000000 ns)");
	d = two_cpus();
	d.windows[1].offset_ns = MS(8);
	d.windows[1].duration_ns = MS(1);
	expect_refused(&d, "windows[3].offset_ns",
		       "window starts at 7000000 ns, before the previous one on CPU 1 ends (9000000 ns)");
}

/* vcpu_cpu[v]: 0 or CPU(n) of a CPU the deployment has; 0 beyond the vcpu count. */
static void test_vcpu_cpu_entries(void **state)
{
	struct deployment d = two_cpus(), one = demo();
	static const char *const just_one[] = {
		"partitions[1].vcpu_cpu: vcpu_cpu[1] is CPU(2); the deployment has 2 CPUs (cpus = 2), "
		"numbered 0 to 1",
	};
	static const char *const count[] = { "partitions[1].vcpu_count: 0 vcpus" };

	(void)state;
	/* not also "vcpu 1 runs on CPU 2, where control has no window" */
	d.partitions[1].vcpu_cpu[1] = CPU(2);
	expect_reports(&d, 1, just_one);
	d.partitions[1].vcpu_cpu[1] = 0xffffffffu;
	expect_refused(&d, "partitions[1].vcpu_cpu",
		       "vcpu_cpu[1] is CPU(4294967294); the deployment has 2 CPUs");
	one.partitions[1].vcpu_cpu[0] = CPU(0);
	expect_valid(&one);
	one.partitions[1].vcpu_cpu[1] = CPU(1);
	expect_refused(&one, "partitions[1].vcpu_cpu",
		       "vcpu_cpu[1] is CPU(1); the deployment has 1 CPU (cpus = 0 means 1), CPU 0");
	one = demo();
	one.partitions[0].vcpu_cpu[1] = CPU(0);
	expect_refused(&one, "partitions[0].vcpu_cpu",
		       "vcpu_cpu[1] is CPU(0), but the partition has 1 vcpu");
	/* a wrong vcpu count: the entries are not judged against it */
	d = two_cpus();
	d.partitions[1].vcpu_count = 0;
	d.partitions[1].priority[0] = d.partitions[1].priority[1] = 0;
	expect_reports(&d, 1, count);
}

/* A vcpu whose CPU is derived needs its partition's windows on one CPU, over all schedules. */
static void test_vcpu_cpu_derived_needs_one_cpu(void **state)
{
	struct deployment d = two_cpus();

	(void)state;
	d.partitions[1].vcpu_cpu[0] = 0;
	expect_refused(&d, "partitions[1].vcpu_cpu",
		       "vcpu 0 takes the CPU of its partition's windows (vcpu_cpu 0), but those of "
		       "'control' lie on CPUs 0 and 1: set vcpu_cpu[0] = CPU(n) to say which");
	d.partitions[1].vcpu_cpu[1] = 0;
	expect_refused(&d, "partitions[1].vcpu_cpu",
		       "vcpus 0 and 1 take the CPU of their partition's windows (vcpu_cpu 0), but "
		       "those of 'control' lie on CPUs 0 and 1: set vcpu_cpu[v] = CPU(n) for each to "
		       "say which");
	/* the windows on CPU 1 in one schedule and on CPU 0 in another */
	d = two_schedules();
	d.cpus = 2;
	d.schedules[1].windows[0].cpu = 1;
	expect_refused(&d, "partitions[1].vcpu_cpu",
		       "vcpus 0 and 1 take the CPU of their partition's windows (vcpu_cpu 0), but "
		       "those of 'control' lie on CPUs 0 and 1");
	d.partitions[1].vcpu_cpu[0] = CPU(1);
	d.partitions[1].vcpu_cpu[1] = CPU(0);
	expect_valid(&d);
}

/* Every vcpu has a window of its partition on its CPU in some schedule. */
static void test_vcpu_needs_a_window_on_its_cpu(void **state)
{
	struct deployment d = two_cpus();
	static const char *const both[] = {
		"partitions[0].vcpu_cpu: vcpu 0 runs on CPU 1, where partition 'sensor' has no window "
		"(its windows are on CPU 0): it would never run",
		"partitions[1].vcpu_cpu: vcpu 1 runs on CPU 0, where partition 'control' has no window "
		"(its windows are on CPU 1): it would never run",
	};

	(void)state;
	d.partitions[0].vcpu_cpu[0] = CPU(1);
	d.windows[2] = (struct window_config){ .partition = "control", .offset_ns = MS(4),
		.duration_ns = MS(2), .cpu = 1 };
	d.partitions[1].vcpu_cpu[0] = CPU(1);
	d.partitions[1].vcpu_cpu[1] = CPU(0);
	expect_reports(&d, 2, both);
	/* in any schedule: flight runs control's vcpu 1 on CPU 1 */
	d = two_schedules();
	d.cpus = 2;
	d.partitions[1].vcpu_cpu[1] = CPU(1);
	expect_refused(&d, "partitions[1].vcpu_cpu",
		       "vcpu 1 runs on CPU 1, where partition 'control' has no window in any schedule "
		       "(its windows are on CPU 0): it would never run");
	d.partitions[1].vcpu_cpu[0] = CPU(0);
	d.schedules[1].windows[0].cpu = 1;
	expect_valid(&d);
}

/* A partition with a device runs every vcpu on CPU 0, declared or derived. */
static void test_device_partition_on_cpu_0(void **state)
{
	struct deployment d = with_devices();

	(void)state;
	d.cpus = 2;
	expect_valid(&d);
	d.partitions[1].vcpu_cpu[0] = CPU(0);
	d.partitions[1].vcpu_cpu[1] = CPU(1);
	d.windows[2].cpu = 1;
	d.windows[2].partition = "control";
	d.windows[2].offset_ns = 0;
	d.windows[2].duration_ns = MS(2);
	d.windows[3] = (struct window_config){ .partition = "logger", .offset_ns = MS(7),
		.duration_ns = MS(2) };
	expect_refused(&d, "devices[0].partition",
		       "'control' runs vcpu 1 on CPU 1; a partition with a device runs every vcpu on "
		       "CPU 0: device interrupts arrive there (the 8259), and CPU 0's TSS holds the I/O "
		       "bitmap");
	d = with_devices();
	d.cpus = 2;
	d.windows[0].cpu = 1;
	expect_refused(&d, "devices[1].partition", "'sensor' runs vcpu 0 on CPU 1; a partition");
}

/* The CPU checks build on cpus, the vcpu count and the window names: one mistake, one report. */
static void test_cpu_checks_skip_wrong_fields(void **state)
{
	struct deployment d = two_cpus();
	static const char *const cpus[] = { "cpus: 9 CPUs; a deployment needs 1 to 8" };
	static const char *const name[] = { "windows[0].partition: unknown partition 'sensr'" };

	(void)state;
	/* neither the windows' CPUs nor the vcpus' are judged against a wrong cpus */
	d.cpus = 9;
	d.windows[3].cpu = 8;
	d.partitions[0].vcpu_cpu[0] = CPU(7);
	expect_reports(&d, 1, cpus);
	/* a misspelt window may be the one a vcpu misses */
	d = two_cpus();
	d.windows[0].partition = "sensr";
	d.partitions[0].vcpu_cpu[0] = CPU(1);
	d.partitions[1].vcpu_cpu[0] = 0;
	expect_reports(&d, 1, name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_like_config_is_valid),
		cmocka_unit_test(test_count_helpers),
		cmocka_unit_test(test_count_helpers_on_full_tables),
		cmocka_unit_test(test_find_partition),
		cmocka_unit_test(test_no_name),
		cmocka_unit_test(test_no_partition),
		cmocka_unit_test(test_empty_partition_name),
		cmocka_unit_test(test_duplicate_partition_name),
		cmocka_unit_test(test_missing_image),
		cmocka_unit_test(test_shared_image_is_valid),
		cmocka_unit_test(test_several_errors_at_once),
		cmocka_unit_test(test_one_mistake_one_report),
		cmocka_unit_test(test_hole_then_its_consequences),
		cmocka_unit_test(test_zero_vcpus),
		cmocka_unit_test(test_too_many_vcpus_per_partition),
		cmocka_unit_test(test_too_many_vcpus_in_total),
		cmocka_unit_test(test_quantum_too_small),
		cmocka_unit_test(test_bad_hm_action),
		cmocka_unit_test(test_doorbell_to_others_is_valid),
		cmocka_unit_test(test_unknown_doorbell_target),
		cmocka_unit_test(test_self_doorbell),
		cmocka_unit_test(test_memory_size_zero),
		cmocka_unit_test(test_memory_size_not_page_multiple),
		cmocka_unit_test(test_memory_size_too_large),
		cmocka_unit_test(test_memory_base_not_aligned),
		cmocka_unit_test(test_memory_base_below_floor),
		cmocka_unit_test(test_memory_past_ram_end),
		cmocka_unit_test(test_memory_past_a_smaller_ram_end),
		cmocka_unit_test(test_overlapping_memory),
		cmocka_unit_test(test_major_frame_zero),
		cmocka_unit_test(test_major_frame_too_long),
		cmocka_unit_test(test_no_windows),
		cmocka_unit_test(test_window_unknown_partition),
		cmocka_unit_test(test_window_too_short),
		cmocka_unit_test(test_overlapping_windows),
		cmocka_unit_test(test_windows_out_of_order),
		cmocka_unit_test(test_window_past_major_frame),
		cmocka_unit_test(test_window_end_wrapping_around),
		cmocka_unit_test(test_window_starting_after_major_frame),
		cmocka_unit_test(test_partition_without_window),
		cmocka_unit_test(test_channel_duplicate_name),
		cmocka_unit_test(test_channel_bad_kind),
		cmocka_unit_test(test_channel_max_message),
		cmocka_unit_test(test_queuing_depth),
		cmocka_unit_test(test_sampling_without_refresh),
		cmocka_unit_test(test_channel_unknown_source),
		cmocka_unit_test(test_channel_unknown_destination),
		cmocka_unit_test(test_channel_destination_is_source),
		cmocka_unit_test(test_channel_duplicate_destination),
		cmocka_unit_test(test_channel_no_destination),
		cmocka_unit_test(test_sampling_to_several_destinations_is_valid),
		cmocka_unit_test(test_queuing_with_two_destinations),
		cmocka_unit_test(test_name_lengths),
		cmocka_unit_test(test_name_characters),
		cmocka_unit_test(test_partition_after_a_hole),
		cmocka_unit_test(test_window_after_a_hole),
		cmocka_unit_test(test_channel_after_a_hole),
		cmocka_unit_test(test_schedules_valid_and_found),
		cmocka_unit_test(test_schedules_both_forms),
		cmocka_unit_test(test_schedule_names),
		cmocka_unit_test(test_schedule_references),
		cmocka_unit_test(test_schedule_windows),
		cmocka_unit_test(test_partition_in_no_schedule),
		cmocka_unit_test(test_schedule_after_a_hole),
		cmocka_unit_test(test_name_after_a_hole_in_a_list),
		cmocka_unit_test(test_priority_beyond_vcpu_count),
		cmocka_unit_test(test_stack_size),
		cmocka_unit_test(test_apex_limits),
		cmocka_unit_test(test_hm_deliver),
		cmocka_unit_test(test_shared_areas_valid),
		cmocka_unit_test(test_shared_area_size),
		cmocka_unit_test(test_shared_area_base),
		cmocka_unit_test(test_shared_area_users),
		cmocka_unit_test(test_shared_area_address),
		cmocka_unit_test(test_shared_area_names),
		cmocka_unit_test(test_shared_area_after_a_hole),
		cmocka_unit_test(test_shared_area_one_report),
		cmocka_unit_test(test_devices_valid),
		cmocka_unit_test(test_device_partition_and_vcpu),
		cmocka_unit_test(test_device_names),
		cmocka_unit_test(test_device_kernel_ports),
		cmocka_unit_test(test_device_port_ranges),
		cmocka_unit_test(test_device_lines),
		cmocka_unit_test(test_device_after_a_hole),
		cmocka_unit_test(test_cpus),
		cmocka_unit_test(test_two_cpus_valid),
		cmocka_unit_test(test_window_cpu_in_range),
		cmocka_unit_test(test_windows_overlap_per_cpu),
		cmocka_unit_test(test_vcpu_cpu_entries),
		cmocka_unit_test(test_vcpu_cpu_derived_needs_one_cpu),
		cmocka_unit_test(test_vcpu_needs_a_window_on_its_cpu),
		cmocka_unit_test(test_device_partition_on_cpu_0),
		cmocka_unit_test(test_cpu_checks_skip_wrong_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
