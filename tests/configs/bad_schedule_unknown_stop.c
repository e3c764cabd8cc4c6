/* Refused by the build: hm_stop_schedule names no schedule (a typo of "degraded"). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_schedule_unknown_stop",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1, .hm_stop_schedule = "degarded" },
	},
	.schedules = {
		{ .name = "ground", .major_frame_ns = MS(2), .windows = {
			{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(1) },
		} },
		{ .name = "degraded", .major_frame_ns = MS(2), .windows = {
			{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(1) },
		} },
	},
};
