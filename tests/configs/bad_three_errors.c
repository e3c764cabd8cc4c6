/* Refused by the build with three errors at once, each on its own line (test_bad_configs.py
 * finds the lines by their markers, so the test survives edits above them). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_three_errors",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{
			.name = "control",
			.image = "control",
			.memory_base = MIB(16) + KIB(2),   /* error: not page aligned */
			.memory_size = KIB(256),
			.vcpu_count = 0,                   /* error: no vcpu */
		},
		/* error: no .image */
		{ .name = "logger", .memory_base = MIB(18), .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(3) },
		{ .partition = "control", .offset_ns = MS(3), .duration_ns = MS(3) },
		{ .partition = "logger", .offset_ns = MS(6), .duration_ns = MS(3) },
	},
};
