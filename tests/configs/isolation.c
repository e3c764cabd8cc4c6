/*
 * Isolation scenario: the demo's three partitions keep their windows while five hostile
 * partitions read kernel memory, write another partition's memory, run privileged instructions,
 * divide by zero, and spin without yielding.
 */
#include <core/deployment.h>

#define DEMO_MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "isolation",
	.partitions = {
		{ .name = "sensor", .image = "sensor", DEMO_MEMORY(0), .vcpu_count = 1 },
		{ .name = "control", .image = "control", DEMO_MEMORY(1), .vcpu_count = 2,
		  .priority = { 1, 1 }, .quantum_ns = US(500) },
		{ .name = "logger", .image = "logger", DEMO_MEMORY(2), .vcpu_count = 1, .system = true },
		{ .name = "rogue_read", .image = "rogue_read", DEMO_MEMORY(3), .vcpu_count = 1 },
		{ .name = "rogue_write", .image = "rogue_write", DEMO_MEMORY(4), .vcpu_count = 1 },
		{ .name = "rogue_priv", .image = "rogue_priv", DEMO_MEMORY(5), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_GENERAL_PROTECTION] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 20 },
		{ .name = "rogue_divide", .image = "rogue_divide", DEMO_MEMORY(6), .vcpu_count = 1 },
		{ .name = "rogue_spin", .image = "rogue_spin", DEMO_MEMORY(7), .vcpu_count = 2,
		  .quantum_ns = US(200) },
	},
	.major_frame_ns = MS(20),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "rogue_read", .offset_ns = MS(2), .duration_ns = MS(1) },
		{ .partition = "control", .offset_ns = MS(3), .duration_ns = MS(4) },
		{ .partition = "rogue_write", .offset_ns = MS(7), .duration_ns = MS(1) },
		{ .partition = "rogue_priv", .offset_ns = MS(8), .duration_ns = MS(2) },
		{ .partition = "logger", .offset_ns = MS(10), .duration_ns = MS(2) },
		{ .partition = "rogue_divide", .offset_ns = MS(12), .duration_ns = MS(1) },
		{ .partition = "rogue_spin", .offset_ns = MS(13), .duration_ns = MS(4) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(25), .source = "sensor", .destinations = { "control" } },
		{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "control", .destinations = { "logger" } },
	},
	.run_frames = 22,
};
