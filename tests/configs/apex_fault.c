/*
 * The fault line under the APEX layer (tests/suites/test_apex_core.py): apex_fault's divide
 * error, page fault and stack overflow are handed to the partition (hm_deliver) and held by the
 * error service while its other processes run on; a bystander prints its window starts.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_fault",
	.partitions = {
		{ .name = "apex_fault", .image = "apex_fault", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1,
		  .apex = { .processes = 8, .stack_bytes = KIB(64) },
		  .hm_deliver = HM_DELIVER(HM_EVENT_DIVIDE_ERROR) | HM_DELIVER(HM_EVENT_PAGE_FAULT) |
				HM_DELIVER(HM_EVENT_STACK_OVERFLOW) },
		{ .name = "bystander_a", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = US(250),
	.windows = {
		{ .partition = "apex_fault", .offset_ns = 0, .duration_ns = US(200) },
		{ .partition = "bystander_a", .offset_ns = US(200), .duration_ns = US(50) },
	},
	.run_frames = 40,
};
