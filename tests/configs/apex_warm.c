/*
 * The APEX layer starts afresh on a warm restart (tests/suites/test_apex_errors.py): apex_warm
 * creates its objects, ports and error handler, restarts warm, and creates them again.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_warm",
	.partitions = {
		{ .name = "apex_warm", .image = "apex_warm", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1,
		  .apex = { .processes = 4, .stack_bytes = KIB(32) } },
		{ .name = "bystander", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = US(500),
	.windows = {
		{ .partition = "apex_warm", .offset_ns = 0, .duration_ns = US(400) },
		{ .partition = "bystander", .offset_ns = US(400), .duration_ns = US(100) },
	},
	.channels = {
		{ .name = "warm_q", .kind = CHANNEL_QUEUING, .max_message = 16, .depth = 4,
		  .source = "apex_warm", .destinations = { "bystander" } },
		{ .name = "warm_s", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(1), .source = "apex_warm", .destinations = { "bystander" } },
	},
	.run_frames = 100,
};
