/*
 * A partition that faults in virtual-8086 mode with every CPU exception handed to it
 * (tests/partitions/v86_deliver), beside a bystander whose windows must stay on time. Booted
 * without SMAP (tests/suites/test_abi3.py): with it, QEMU faults at the iret itself, a ring-3
 * fault the partition rightly gets, and the test partition would take it again and again.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "v86_deliver",
	.partitions = {
		{ .name = "bystander", .image = "window_clock", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "v86_deliver", .image = "v86_deliver", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1, .restart_limit = 10,
		  .hm_deliver = 0xb7cfbull,    /* every fault and trap an instruction raises */
		  .hm_actions = { [0 ... HM_EVENT_COUNT - 1] = HM_ACTION_WARM_RESTART } },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "bystander", .offset_ns = 0, .duration_ns = US(100) },
		{ .partition = "v86_deliver", .offset_ns = US(200), .duration_ns = US(300) },
	},
	.run_frames = 20,
};
