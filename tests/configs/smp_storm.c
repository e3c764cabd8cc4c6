/*
 * A fault storm on CPU 1 beside CPU 0's windows (tests/suites/test_smp.py): insn_fuzz (random
 * instructions, a warm restart at every fault), rogue_priv and rogue_ldt (a #GP, warm restart,
 * the next step) and rogue_read, rogue_write and rogue_divide (one fault each, then stopped)
 * take turns on CPU 1, while window_clock partitions print their window starts on CPU 0. CPU 0's
 * windows start while CPU 1 is in the middle of one of its windows, never at the same instant.
 */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(128)
#define ROGUE(who, n) { .name = who, .image = who, MEMORY(n), .vcpu_count = 1 }
#define STEPPER(who, n) { .name = who, .image = who, MEMORY(n), .vcpu_count = 1, \
	.hm_actions = { [HM_EVENT_GENERAL_PROTECTION] = HM_ACTION_WARM_RESTART }, \
	.restart_limit = 10000 }

const struct deployment deployment = {
	.name = "smp_storm",
	.cpus = 2,
	.partitions = {
		{ .name = "clock_a", .image = "window_clock", MEMORY(0), .vcpu_count = 1 },
		{ .name = "clock_b", .image = "window_clock", MEMORY(1), .vcpu_count = 1 },
		{ .name = "insn_fuzz", .image = "insn_fuzz", .memory_base = MIB(24),
		  .memory_size = MIB(1), .vcpu_count = 1, .hm_quiet = true,
		  .hm_actions = { [0 ... HM_EVENT_COUNT - 1] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 0xffffffffu },
		STEPPER("rogue_priv", 2),
		STEPPER("rogue_ldt", 3),
		ROGUE("rogue_read", 4),
		ROGUE("rogue_write", 5),
		ROGUE("rogue_divide", 6),
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "clock_a", .offset_ns = US(100), .duration_ns = US(300), .cpu = 0 },
		{ .partition = "clock_b", .offset_ns = US(1100), .duration_ns = US(300), .cpu = 0 },
		{ .partition = "insn_fuzz", .offset_ns = 0, .duration_ns = US(900), .cpu = 1 },
		{ .partition = "rogue_priv", .offset_ns = US(900), .duration_ns = US(100), .cpu = 1 },
		{ .partition = "insn_fuzz", .offset_ns = US(1000), .duration_ns = US(700), .cpu = 1 },
		{ .partition = "rogue_ldt", .offset_ns = US(1700), .duration_ns = US(100), .cpu = 1 },
		{ .partition = "rogue_read", .offset_ns = US(1800), .duration_ns = US(60), .cpu = 1 },
		{ .partition = "rogue_write", .offset_ns = US(1860), .duration_ns = US(60), .cpu = 1 },
		{ .partition = "rogue_divide", .offset_ns = US(1920), .duration_ns = US(60), .cpu = 1 },
	},
	.run_frames = 60,
};
