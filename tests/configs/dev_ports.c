/*
 * I/O ports given to one partition (test_devices.py): dev_owner may use 0x3e8-0x3ef and no
 * other port; dev_stranger, given none, faults on those too; window_clock keeps its windows.
 */
#include <core/deployment.h>

#define PROBE_FAULTS { [HM_EVENT_GENERAL_PROTECTION] = HM_ACTION_WARM_RESTART }

const struct deployment deployment = {
	.name = "dev_ports",
	.partitions = {
		{ .name = "dev_owner", .image = "dev_probe", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1, .hm_actions = PROBE_FAULTS,
		  .restart_limit = 40 },
		{ .name = "dev_stranger", .image = "dev_probe", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1, .hm_actions = PROBE_FAULTS,
		  .restart_limit = 40 },
		{ .name = "clock", .image = "window_clock", .memory_base = MIB(18),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "dev_owner", .offset_ns = 0, .duration_ns = US(600) },
		{ .partition = "dev_stranger", .offset_ns = US(700), .duration_ns = US(600) },
		{ .partition = "clock", .offset_ns = US(1400), .duration_ns = US(500) },
	},
	.devices = {
		{ .name = "com3", .partition = "dev_owner", .io = { { 0x3e8, 8 } } },
	},
	.run_frames = 30,
};
