/*
 * Page protection and stack guards: partitions that break W^X (wx_probe), exercise
 * memory_protect (protect_probe) and overflow their stacks on vcpu 0 (overflow_main, an 8 KiB
 * stack) and on a secondary vcpu (overflow_vcpu), each stopped or restarted by the health
 * monitor as configured, while the demo's three partitions keep their windows.
 */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(128)

const struct deployment deployment = {
	.name = "memory",
	.partitions = {
		{ .name = "sensor", .image = "sensor", MEMORY(0), .vcpu_count = 1 },
		{ .name = "control", .image = "control", MEMORY(1), .vcpu_count = 2,
		  .priority = { 1, 1 }, .quantum_ns = US(500) },
		{ .name = "logger", .image = "logger", MEMORY(2), .vcpu_count = 1, .system = true },
		{ .name = "wx_probe", .image = "wx_probe", MEMORY(3), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 10 },
		{ .name = "protect_probe", .image = "protect_probe", MEMORY(4), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_WARM_RESTART,
				  [HM_EVENT_STACK_OVERFLOW] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 10 },
		{ .name = "overflow_main", .image = "overflow_main", MEMORY(5), .stack_size = KIB(8),
		  .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_STACK_OVERFLOW] = HM_ACTION_COLD_RESTART },
		  .restart_limit = 1 },
		{ .name = "overflow_vcpu", .image = "overflow_vcpu", MEMORY(6), .vcpu_count = 2,
		  .priority = { 1, 1 }, .quantum_ns = US(200) },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(1) },
		{ .partition = "wx_probe", .offset_ns = MS(1), .duration_ns = MS(1) },
		{ .partition = "control", .offset_ns = MS(2), .duration_ns = MS(2) },
		{ .partition = "protect_probe", .offset_ns = MS(4), .duration_ns = MS(1) },
		{ .partition = "logger", .offset_ns = MS(5), .duration_ns = MS(1) },
		{ .partition = "overflow_main", .offset_ns = MS(6), .duration_ns = MS(2) },
		{ .partition = "overflow_vcpu", .offset_ns = MS(8), .duration_ns = MS(2) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(15), .source = "sensor", .destinations = { "control" } },
		{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "control", .destinations = { "logger" } },
	},
	.run_frames = 25,
};
