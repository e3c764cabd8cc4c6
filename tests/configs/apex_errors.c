/*
 * APEX health monitoring (apex/error.c, tests/suites/test_apex_errors.py): apex_errors' error
 * handler takes its processes' faults (handed over by hm_deliver), a deadline missed and an
 * application error; apex_nohandler has none, so the deployment's partition-level actions apply.
 * Two bystanders print their window starts; pause and scheduled run CONFIGURE_ERROR_HANDLER's
 * two concurrency controls on two vcpus each.
 */
#include <core/deployment.h>

#define DELIVERED (HM_DELIVER(HM_EVENT_DIVIDE_ERROR) | HM_DELIVER(HM_EVENT_INVALID_OPCODE) | \
		   HM_DELIVER(HM_EVENT_GENERAL_PROTECTION) | HM_DELIVER(HM_EVENT_PAGE_FAULT) | \
		   HM_DELIVER(HM_EVENT_STACK_OVERFLOW))

const struct deployment deployment = {
	.name = "apex_errors",
	.partitions = {
		{ .name = "apex_errors", .image = "apex_errors", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1, .hm_deliver = DELIVERED,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG },
		  .apex = { .processes = 10, .stack_bytes = KIB(96) } },
		{ .name = "bystander_a", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "apex_nohandler", .image = "apex_nohandler", .memory_base = MIB(18),
		  .memory_size = KIB(256), .vcpu_count = 1,
		  .hm_deliver = HM_DELIVER(HM_EVENT_DIVIDE_ERROR),
		  .hm_actions = { [HM_EVENT_DIVIDE_ERROR] = HM_ACTION_COLD_RESTART,
				  [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG },
		  .apex = { .processes = 2, .stack_bytes = KIB(32) } },
		{ .name = "bystander_b", .image = "window_clock", .memory_base = MIB(19),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		/* partitions 4 and 5: apex_errpause picks its concurrency control by its id */
		{ .name = "pause", .image = "apex_errpause", .memory_base = MIB(20),
		  .memory_size = KIB(256), .vcpu_count = 2, .quantum_ns = US(20),
		  .apex = { .processes = 2, .stack_bytes = KIB(32) } },
		{ .name = "scheduled", .image = "apex_errpause", .memory_base = MIB(21),
		  .memory_size = KIB(256), .vcpu_count = 2, .quantum_ns = US(20),
		  .apex = { .processes = 2, .stack_bytes = KIB(32) } },
	},
	.major_frame_ns = US(1000),
	.windows = {
		{ .partition = "apex_errors", .offset_ns = 0, .duration_ns = US(250) },
		{ .partition = "bystander_a", .offset_ns = US(250), .duration_ns = US(50) },
		{ .partition = "apex_nohandler", .offset_ns = US(300), .duration_ns = US(150) },
		{ .partition = "bystander_b", .offset_ns = US(450), .duration_ns = US(50) },
		{ .partition = "pause", .offset_ns = US(500), .duration_ns = US(250) },
		{ .partition = "scheduled", .offset_ns = US(750), .duration_ns = US(250) },
	},
	.run_frames = 300,
};
