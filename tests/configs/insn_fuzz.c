/*
 * Instruction fuzzing: insn_fuzz runs random byte sequences until it has faulted 100,000 times,
 * each fault warm-restarting it (memory kept), while the demo's sensor, control and logger exchange
 * their samples and commands and keep their windows. The referee ends the run when the fuzzer,
 * done, stops itself. The fuzzer's windows come just before the others'.
 */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "insn_fuzz",
	.partitions = {
		{ .name = "sensor", .image = "sensor", MEMORY(0), .vcpu_count = 1 },
		{ .name = "control", .image = "control", MEMORY(1), .vcpu_count = 2,
		  .priority = { 1, 1 }, .quantum_ns = US(500) },
		{ .name = "logger", .image = "logger", MEMORY(2), .vcpu_count = 1, .system = true },
		{ .name = "referee", .image = "referee", MEMORY(3), .vcpu_count = 1, .system = true },
		/* every event, whatever it is, restarts it warm; one event in 1000 is printed */
		{ .name = "insn_fuzz", .image = "insn_fuzz", .memory_base = MIB(20),
		  .memory_size = MIB(1), .vcpu_count = 1, .hm_quiet = true,
		  .hm_actions = { [0 ... HM_EVENT_COUNT - 1] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 0xffffffffu },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "insn_fuzz", .offset_ns = 0, .duration_ns = US(700) },
		{ .partition = "sensor", .offset_ns = US(700), .duration_ns = US(100) },
		{ .partition = "insn_fuzz", .offset_ns = US(850), .duration_ns = US(700) },
		{ .partition = "control", .offset_ns = US(1550), .duration_ns = US(200) },
		{ .partition = "logger", .offset_ns = US(1750), .duration_ns = US(150) },
		{ .partition = "referee", .offset_ns = US(1900), .duration_ns = US(30) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(3), .source = "sensor", .destinations = { "control" } },
		{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "control", .destinations = { "logger" } },
	},
	/* a backstop: the referee ends the run long before */
	.run_frames = 20000,
};
