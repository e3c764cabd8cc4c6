/*
 * FPU covert channel (issue 15): fpu_sender uses the FPU or not in each window by a bit pattern;
 * fpu_receiver, in the adjacent window after it, measures CR0.TS and the cost of its first FPU
 * instruction. An idle gap closes the frame.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "fpu_channel",
	.partitions = {
		{ .name = "fpu_sender", .image = "fpu_sender", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "fpu_receiver", .image = "fpu_receiver", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = US(250),
	.windows = {
		{ .partition = "fpu_sender", .offset_ns = 0, .duration_ns = US(100) },
		{ .partition = "fpu_receiver", .offset_ns = US(100), .duration_ns = US(100) },
	},
	.run_frames = 72,
};
