/*
 * The hypercall fuzzer on two CPUs at once (tests/suites/test_smp.py): smp_hc_fuzz's vcpu 0 on
 * CPU 0 and vcpu 1 on CPU 1 fuzz in windows at the same time, against the ports they share with
 * fuzz_peer (on CPU 0); its victim vcpu 2 (vcpu_up, pause, resume, reset) is on CPU 1, so vcpu
 * 0's sibling calls cross CPUs. Beside it the demo's sensor and logger on CPU 0 and control on
 * CPU 1 exchange samples and commands across the CPUs: the checked channel. The referee ends
 * the run when the fuzzer, done, stops itself.
 */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "smp_hc_fuzz",
	.cpus = 2,
	.partitions = {
		{ .name = "sensor", .image = "sensor", MEMORY(0), .vcpu_count = 1 },
		{ .name = "control", .image = "control", MEMORY(1), .vcpu_count = 2,
		  .priority = { 1, 1 }, .quantum_ns = US(500) },
		{ .name = "logger", .image = "logger", MEMORY(2), .vcpu_count = 1, .system = true },
		/* application errors (hm_report) are logged and go on; anything else stops it */
		{ .name = "hc_fuzz", .image = "smp_hc_fuzz", MEMORY(3), .vcpu_count = 3,
		  .quantum_ns = US(100), .doorbell_to = { "fuzz_peer" }, .hm_quiet = true,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG },
		  .vcpu_cpu = { CPU(0), CPU(1), CPU(1) } },
		{ .name = "fuzz_peer", .image = "fuzz_peer", MEMORY(4), .vcpu_count = 1 },
		{ .name = "referee", .image = "referee", MEMORY(5), .vcpu_count = 1, .system = true },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "hc_fuzz", .offset_ns = 0, .duration_ns = US(700), .cpu = 0 },
		{ .partition = "hc_fuzz", .offset_ns = US(50), .duration_ns = US(700), .cpu = 1 },
		{ .partition = "sensor", .offset_ns = US(700), .duration_ns = US(100), .cpu = 0 },
		{ .partition = "fuzz_peer", .offset_ns = US(800), .duration_ns = US(50), .cpu = 0 },
		{ .partition = "control", .offset_ns = US(850), .duration_ns = US(200), .cpu = 1 },
		{ .partition = "hc_fuzz", .offset_ns = US(850), .duration_ns = US(700), .cpu = 0 },
		{ .partition = "hc_fuzz", .offset_ns = US(1100), .duration_ns = US(700), .cpu = 1 },
		{ .partition = "logger", .offset_ns = US(1600), .duration_ns = US(150), .cpu = 0 },
		{ .partition = "referee", .offset_ns = US(1900), .duration_ns = US(30), .cpu = 0 },
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
	.run_frames = 3000,
};
