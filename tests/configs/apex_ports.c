/*
 * APEX ports (tests/suites/test_apex_ports.py): apex_port_checks, an APEX partition, checks every
 * return code of the sampling and queuing port services against apex_port_plain, a plain
 * Bulkhead partition at the other end of each channel. "s_late" and "q_late" are the APEX
 * partition's too but created only in NORMAL mode (INVALID_MODE).
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_ports",
	.partitions = {
		{ .name = "apex_port_checks", .image = "apex_port_checks", .memory_base = MIB(16),
		  .memory_size = KIB(512), .vcpu_count = 1,
		  .apex = { .processes = 7, .stack_bytes = KIB(128) } },
		{ .name = "apex_port_plain", .image = "apex_port_plain", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "apex_port_checks", .offset_ns = 0, .duration_ns = US(1200) },
		{ .partition = "apex_port_plain", .offset_ns = US(1200), .duration_ns = US(600) },
	},
	.channels = {
		{ .name = "s_out", .kind = CHANNEL_SAMPLING, .max_message = 16, .refresh_ns = MS(5),
		  .source = "apex_port_checks", .destinations = { "apex_port_plain" } },
		{ .name = "s_in", .kind = CHANNEL_SAMPLING, .max_message = 16, .refresh_ns = MS(5),
		  .source = "apex_port_plain", .destinations = { "apex_port_checks" } },
		{ .name = "s_late", .kind = CHANNEL_SAMPLING, .max_message = 8, .refresh_ns = MS(5),
		  .source = "apex_port_checks", .destinations = { "apex_port_plain" } },
		{ .name = "q_out", .kind = CHANNEL_QUEUING, .max_message = 32, .depth = 4,
		  .source = "apex_port_checks", .destinations = { "apex_port_plain" } },
		{ .name = "q_in", .kind = CHANNEL_QUEUING, .max_message = 32, .depth = 4,
		  .source = "apex_port_plain", .destinations = { "apex_port_checks" } },
		{ .name = "q_late", .kind = CHANNEL_QUEUING, .max_message = 8, .depth = 2,
		  .source = "apex_port_checks", .destinations = { "apex_port_plain" } },
	},
	.run_frames = 12,
};
