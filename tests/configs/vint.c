/*
 * Virtual interrupts: a periodic timer partition (ticks at 0.5 ms + k ms, always inside its
 * window), a one-shot timer expiring outside its partition's window, an upcall that must preserve
 * every register, doorbells inside a partition and between two partitions, and the vcpu lifecycle.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "vint",
	.partitions = {
		{ .name = "doorbells", .image = "doorbells", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 2, .quantum_ns = US(100),
		  .doorbell_to = { "partner" } },
		{ .name = "partner", .image = "partner", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "ticker", .image = "ticker", .memory_base = MIB(18),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "sleeper", .image = "sleeper", .memory_base = MIB(19),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "upcall_regs", .image = "upcall_regs", .memory_base = MIB(20),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "lifecycle", .image = "lifecycle", .memory_base = MIB(21),
		  .memory_size = KIB(256), .vcpu_count = 3, .quantum_ns = US(10) },
	},
	/* 1 ms frames: the ticker's 0.2-0.9 ms window holds its 0.5 ms tick of every frame */
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "doorbells", .offset_ns = 0, .duration_ns = US(100) },
		{ .partition = "lifecycle", .offset_ns = US(100), .duration_ns = US(100) },
		{ .partition = "ticker", .offset_ns = US(200), .duration_ns = US(700) },
		{ .partition = "partner", .offset_ns = US(900), .duration_ns = US(30) },
		{ .partition = "sleeper", .offset_ns = US(930), .duration_ns = US(30) },
		{ .partition = "upcall_regs", .offset_ns = US(960), .duration_ns = US(40) },
	},
	.run_frames = 1030,
};
