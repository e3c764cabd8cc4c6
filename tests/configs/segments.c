/*
 * Segment and descriptor-table probes from ring 3: TI=1 selectors (the kernel's LDT is null) and
 * the instructions UMIP stops, next to the demo's three partitions, which keep their windows.
 */
#include <core/deployment.h>

#define DEMO_MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "segments",
	.partitions = {
		{ .name = "sensor", .image = "sensor", DEMO_MEMORY(0), .vcpu_count = 1 },
		{ .name = "control", .image = "control", DEMO_MEMORY(1), .vcpu_count = 2,
		  .priority = { 1, 1 }, .quantum_ns = US(500) },
		{ .name = "logger", .image = "logger", DEMO_MEMORY(2), .vcpu_count = 1, .system = true },
		{ .name = "rogue_ldt", .image = "rogue_ldt", DEMO_MEMORY(3), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_GENERAL_PROTECTION] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 50 },
		{ .name = "rogue_umip", .image = "rogue_umip", DEMO_MEMORY(4), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_GENERAL_PROTECTION] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 10 },
	},
	.major_frame_ns = MS(20),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "rogue_ldt", .offset_ns = MS(2), .duration_ns = MS(3) },
		{ .partition = "control", .offset_ns = MS(5), .duration_ns = MS(4) },
		{ .partition = "rogue_umip", .offset_ns = MS(9), .duration_ns = MS(2) },
		{ .partition = "logger", .offset_ns = MS(11), .duration_ns = MS(2) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(25), .source = "sensor", .destinations = { "control" } },
		{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "control", .destinations = { "logger" } },
	},
	.run_frames = 22,
};
