/* Refused by the build: a top-level major frame beside schedules[]. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_schedule_both_forms",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.schedules = {
		{ .name = "ground", .major_frame_ns = MS(2), .windows = {
			{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(1) },
		} },
	},
};
