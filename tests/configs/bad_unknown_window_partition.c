/* Refused by the build: a window for a partition the deployment does not have. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_unknown_window_partition",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
		{ .partition = "control", .offset_ns = MS(5), .duration_ns = MS(4) },
	},
};
