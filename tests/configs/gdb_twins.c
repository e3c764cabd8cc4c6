/*
 * GDB helper test (tests/suites/test_gdb_partitions.py): two partitions whose code and data lie
 * at the same addresses (tests/partitions/gdb_twin_a, gdb_twin_b), and three channels in known
 * states: "orders" holds the 3 messages alpha sent, "wakeup" is empty with beta's vcpu 1 waiting
 * on it, "reading" holds alpha's newest window number.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "gdb_twins",
	.partitions = {
		{
			.name = "alpha",
			.image = "gdb_twin_a",
			.memory_base = MIB(16),
			.memory_size = KIB(64),
			.vcpu_count = 1,
		},
		{
			.name = "beta",
			.image = "gdb_twin_b",
			.memory_base = MIB(17),
			.memory_size = KIB(64),
			.vcpu_count = 2,
			.quantum_ns = US(100),
		},
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "alpha", .offset_ns = 0, .duration_ns = US(500) },
		{ .partition = "beta", .offset_ns = US(1000), .duration_ns = US(500) },
	},
	.channels = {
		{
			.name = "reading",
			.kind = CHANNEL_SAMPLING,
			.max_message = 4,
			.refresh_ns = MS(5),
			.source = "alpha",
			.destinations = { "beta" },
		},
		{
			.name = "orders",
			.kind = CHANNEL_QUEUING,
			.max_message = 8,
			.depth = 4,
			.source = "alpha",
			.destinations = { "beta" },
		},
		{
			.name = "wakeup",
			.kind = CHANNEL_QUEUING,
			.max_message = 4,
			.depth = 1,
			.source = "alpha",
			.destinations = { "beta" },
		},
	},
	.run_frames = 50,
};
