/*
 * ABI 3 (include/public/hypercall.h): partition_info and its start conditions, port_status and
 * queuing_clear, the port line that tells a sender its full queue has room, and faults handed to
 * the partition (hm_deliver, BH_VINT_FAULT, hm_fault_read, hm_fault_escalate). Two bystanders
 * print their window starts, right after the info probe's and the fault catcher's windows.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "abi3",
	.partitions = {
		{ .name = "info_probe", .image = "info_probe", .memory_base = MIB(16),
		  .memory_size = KIB(256), .stack_size = KIB(8), .vcpu_count = 2,
		  .quantum_ns = US(100), .apex = { .processes = 8, .stack_bytes = KIB(64) },
		  .hm_actions = { [HM_EVENT_GENERAL_PROTECTION] = HM_ACTION_COLD_RESTART } },
		{ .name = "bystander_a", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "room_tx", .image = "room_tx", .memory_base = MIB(18),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "room_rx", .image = "room_rx", .memory_base = MIB(19),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "fault_catcher", .image = "fault_catcher", .memory_base = MIB(20),
		  .memory_size = KIB(128), .vcpu_count = 1, .restart_limit = 10,
		  .hm_deliver = HM_DELIVER(HM_EVENT_DIVIDE_ERROR) | HM_DELIVER(HM_EVENT_PAGE_FAULT) |
				HM_DELIVER(HM_EVENT_INVALID_OPCODE) | HM_DELIVER(HM_EVENT_STACK_OVERFLOW),
		  .hm_actions = { [HM_EVENT_DIVIDE_ERROR] = HM_ACTION_WARM_RESTART,
				  [HM_EVENT_PAGE_FAULT] = HM_ACTION_WARM_RESTART,
				  [HM_EVENT_INVALID_OPCODE] = HM_ACTION_WARM_RESTART,
				  [HM_EVENT_STACK_OVERFLOW] = HM_ACTION_WARM_RESTART } },
		{ .name = "bystander_b", .image = "window_clock", .memory_base = MIB(21),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "info_probe", .offset_ns = 0, .duration_ns = US(100) },
		{ .partition = "bystander_a", .offset_ns = US(100), .duration_ns = US(50) },
		{ .partition = "room_tx", .offset_ns = US(150), .duration_ns = US(100) },
		{ .partition = "room_rx", .offset_ns = US(250), .duration_ns = US(100) },
		{ .partition = "fault_catcher", .offset_ns = US(350), .duration_ns = US(200) },
		{ .partition = "bystander_b", .offset_ns = US(550), .duration_ns = US(50) },
		{ .partition = "info_probe", .offset_ns = US(600), .duration_ns = US(50) },
	},
	.channels = {
		{ .name = "room", .kind = CHANNEL_QUEUING, .max_message = 16, .depth = 2,
		  .source = "room_tx", .destinations = { "room_rx" } },
		{ .name = "sample", .kind = CHANNEL_SAMPLING, .max_message = 16, .refresh_ns = MS(10),
		  .source = "room_tx", .destinations = { "room_rx" } },
	},
	.run_frames = 100,
};
