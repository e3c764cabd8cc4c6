/* Refused by the build: the second schedule's window ends after its 1 ms major frame. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_schedule_window_after_frame",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(17), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.schedules = {
		{ .name = "ground", .major_frame_ns = MS(2),
		  .windows = {
			{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(1) },
			{ .partition = "logger", .offset_ns = MS(1), .duration_ns = MS(1) },
		} },
		{ .name = "flight", .major_frame_ns = MS(1),
		  .windows = {
			{ .partition = "sensor", .offset_ns = 0, .duration_ns = US(500) },
			{ .partition = "logger", .offset_ns = US(600), .duration_ns = US(500) },
		} },
	},
};
