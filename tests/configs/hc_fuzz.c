/*
 * Hypercall fuzzing: hc_fuzz makes 1,000,000 hostile hypercalls from two vcpus (its third is
 * their victim) while the demo's sensor, control and logger exchange their sequenced samples and
 * commands and keep their windows. fuzz_peer is the other end of the fuzzer's four ports; the
 * referee ends the run when the fuzzer, done, stops itself.
 * The fuzzer's windows come just before the others', so any call overrunning its window would
 * show as a late start of the next one.
 */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "hc_fuzz",
	.partitions = {
		{ .name = "sensor", .image = "sensor", MEMORY(0), .vcpu_count = 1 },
		{ .name = "control", .image = "control", MEMORY(1), .vcpu_count = 2,
		  .priority = { 1, 1 }, .quantum_ns = US(500) },
		{ .name = "logger", .image = "logger", MEMORY(2), .vcpu_count = 1, .system = true },
		/* application errors (hm_report) are logged and go on; anything else stops it */
		{ .name = "hc_fuzz", .image = "hc_fuzz", MEMORY(3), .vcpu_count = 3,
		  .quantum_ns = US(100), .doorbell_to = { "fuzz_peer" }, .hm_quiet = true,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG } },
		{ .name = "fuzz_peer", .image = "fuzz_peer", MEMORY(4), .vcpu_count = 1 },
		{ .name = "referee", .image = "referee", MEMORY(5), .vcpu_count = 1, .system = true },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "hc_fuzz", .offset_ns = 0, .duration_ns = US(700) },
		{ .partition = "sensor", .offset_ns = US(700), .duration_ns = US(100) },
		{ .partition = "fuzz_peer", .offset_ns = US(800), .duration_ns = US(50) },
		{ .partition = "hc_fuzz", .offset_ns = US(850), .duration_ns = US(700) },
		{ .partition = "control", .offset_ns = US(1550), .duration_ns = US(200) },
		{ .partition = "logger", .offset_ns = US(1750), .duration_ns = US(150) },
		{ .partition = "referee", .offset_ns = US(1900), .duration_ns = US(30) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(3), .source = "sensor", .destinations = { "control" } },
		{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "control", .destinations = { "logger" } },
		{ .name = "fuzz_out_q", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 2,
		  .source = "hc_fuzz", .destinations = { "fuzz_peer" } },
		{ .name = "fuzz_out_s", .kind = CHANNEL_SAMPLING, .max_message = 32,
		  .refresh_ns = MS(3), .source = "hc_fuzz", .destinations = { "fuzz_peer" } },
		{ .name = "fuzz_in_q", .kind = CHANNEL_QUEUING, .max_message = 16, .depth = 4,
		  .source = "fuzz_peer", .destinations = { "hc_fuzz" } },
		{ .name = "fuzz_in_s", .kind = CHANNEL_SAMPLING, .max_message = 8,
		  .refresh_ns = MS(3), .source = "fuzz_peer", .destinations = { "hc_fuzz" } },
	},
	/* a backstop: the referee ends the run long before */
	.run_frames = 20000,
};
