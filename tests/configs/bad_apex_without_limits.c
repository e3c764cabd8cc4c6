/* An image built with the APEX layer in a partition without APEX limits: refused at build. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_apex_without_limits",
	.partitions = {
		{ .name = "apex", .image = "apex_marked", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "apex", .offset_ns = 0, .duration_ns = US(500) },
	},
};
