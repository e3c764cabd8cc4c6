/* Edge cases of the APEX layer (tests/suites/test_apex_errors.py, tests/partitions/apex_edges). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_edges",
	.partitions = {
		{ .name = "apex_edges", .image = "apex_edges", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 2, .quantum_ns = US(20),
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG },
		  .apex = { .processes = 8, .stack_bytes = KIB(64) } },
		{ .name = "bystander", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = US(500),
	.windows = {
		{ .partition = "apex_edges", .offset_ns = 0, .duration_ns = US(400) },
		{ .partition = "bystander", .offset_ns = US(400), .duration_ns = US(100) },
	},
	.run_frames = 20,
};
