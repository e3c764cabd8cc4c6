/* Refused by the build: offset plus duration overflows 64 bits (and would wrap to 299744 ns). */
#include <stdint.h>
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_window_end_overflow",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "sensor", .offset_ns = US(300),
		  .duration_ns = UINT64_MAX - US(300) + 299745 },
	},
};
