/* The kernel command line: "[path] option=value ...". */
#ifndef CORE_CMDLINE_H
#define CORE_CMDLINE_H

#include <stdint.h>
#include <stdbool.h>

#define CMDLINE_VALUE_MAX 32

/* test_kernel_touch=read|exec|data-exec: what the kernel does wrongly on purpose (core/guest.h) */
enum cmdline_touch {
	CMDLINE_TOUCH_NONE = 0,
	CMDLINE_TOUCH_READ,
	CMDLINE_TOUCH_EXEC,
	CMDLINE_TOUCH_DATA_EXEC,
};

struct cmdline_options {
	bool frames_set;
	uint32_t frames;                        /* frames=N: overrides the deployment's run_frames */
	char test_fault[CMDLINE_VALUE_MAX];     /* test_fault=KIND: the kernel faults on purpose */
	/* trace_classes=MASK, trace_partitions=MASK (decimal, 0x hex or "all"): override the
	 * deployment's; trace_classes alone traces every partition */
	bool trace_classes_set, trace_partitions_set;
	uint32_t trace_classes, trace_partitions;
	/* clock_wrap_in_ms=N (1 to CMDLINE_CLOCK_WRAP_MAX_MS): just before the schedule starts, the
	 * clock is set so that its low half (the dispatcher's time) wraps N ms later; for tests */
	uint32_t clock_wrap_in_ms;
	enum cmdline_touch test_kernel_touch;
	/* test_abi_version=N: abi_version() answers N, so that a test sees the runtime refuse a
	 * kernel of another ABI */
	bool test_abi_version_set;
	uint32_t test_abi_version;
	/* uart_model=BAUD (CMDLINE_UART_MODEL_MIN to _MAX): the serial ports take as long as a real
	 * line of BAUD 8N1 with a 16-byte FIFO would (platform_console_model); for tests */
	uint32_t uart_model_baud;
};

#define CMDLINE_CLOCK_WRAP_MAX_MS 10000
#define CMDLINE_UART_MODEL_MIN 300
#define CMDLINE_UART_MODEL_MAX 115200

/*
 * Parses the options, after the kernel's path if the line starts with one (a first word
 * without '='). Calls `unknown` with each option it
 * does not know or whose value is invalid, and goes on.
 */
void cmdline_parse(const char *line, struct cmdline_options *out,
		   void (*unknown)(const char *option, uint32_t length));

#endif
