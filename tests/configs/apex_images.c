/*
 * Images built with the APEX layer (their .bulkhead_apex section): 'apex' runs one with its APEX
 * limits; 'plain' runs a plain image without. tests/suites/test_abi3.py also boots it with the
 * modules swapped: 'plain' then gets a marked image (refused: no limits) and 'apex' one whose
 * APEX stacks do not fit (refused), which only the boot can see.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_images",
	.partitions = {
		{ .name = "apex", .image = "apex_marked", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1,
		  .apex = { .processes = 4, .stack_bytes = KIB(64) } },
		{ .name = "plain", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "apex", .offset_ns = 0, .duration_ns = US(200) },
		{ .partition = "plain", .offset_ns = US(200), .duration_ns = US(200) },
	},
	.run_frames = 5,
};
