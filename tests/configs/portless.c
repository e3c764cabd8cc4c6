/*
 * The demo's sensor and logger without the channels they open: each names the error it got
 * (bh_strerror) instead of printing a number. tests/suites/test_runtime.py.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "portless",
	.partitions = {
		{
			.name = "sensor",
			.image = "sensor",
			.memory_base = MIB(16),
			.memory_size = KIB(128),
			.vcpu_count = 1,
		},
		{
			.name = "logger",
			.image = "logger",
			.memory_base = MIB(17),
			.memory_size = KIB(128),
			.vcpu_count = 1,
			.system = true,
		},
	},
	.major_frame_ns = MS(4),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "logger", .offset_ns = MS(2), .duration_ns = MS(2) },
	},
	.run_frames = 5,
};
