/*
 * Upcall ABI v2 (include/public/vint.h): a timer upcall switching among three threads of one vcpu,
 * vint_return refusing bad contexts, the shared vcpu page, and a hostile page at the very end of
 * its partition's memory. Two bystanders print their window starts, one right after the threads'
 * window and one right after the hostile page's: their windows must keep to the plan.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "abi2",
	.partitions = {
		{ .name = "threads", .image = "threads", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "bystander_a", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "vpage", .image = "vpage", .memory_base = MIB(18),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "vpage_hostile", .image = "vpage_hostile", .memory_base = MIB(19),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "bystander_b", .image = "window_clock", .memory_base = MIB(20),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "upcall_refuse", .image = "upcall_refuse", .memory_base = MIB(21),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "threads", .offset_ns = 0, .duration_ns = US(300) },
		{ .partition = "bystander_a", .offset_ns = US(300), .duration_ns = US(50) },
		{ .partition = "vpage", .offset_ns = US(350), .duration_ns = US(200) },
		{ .partition = "vpage_hostile", .offset_ns = US(550), .duration_ns = US(150) },
		{ .partition = "bystander_b", .offset_ns = US(700), .duration_ns = US(50) },
		{ .partition = "upcall_refuse", .offset_ns = US(750), .duration_ns = US(100) },
	},
	.run_frames = 60,
};
