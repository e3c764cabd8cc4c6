/* core/cmdline.c on the host: the path word, each option, invalid values and what is reported. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <core/cmdline.h>

#define MAX_REPORTS 8

/* What the parser reported through its callback, copied out with the exact length it gave. */
static char reported[MAX_REPORTS][64];
static int report_count;

static void record_unknown(const char *option, uint32_t length)
{
	assert_true(report_count < MAX_REPORTS);
	assert_true(length < sizeof(reported[0]));
	memcpy(reported[report_count], option, length);
	reported[report_count][length] = '\0';
	report_count++;
}

static struct cmdline_options parse(const char *line)
{
	struct cmdline_options out;

	/* garbage first: the parser must clear what it does not set */
	memset(&out, 0xa5, sizeof(out));
	memset(reported, 0, sizeof(reported));
	report_count = 0;
	cmdline_parse(line, &out, record_unknown);
	return out;
}

static void assert_defaults(const struct cmdline_options *o)
{
	assert_false(o->frames_set);
	assert_int_equal(o->frames, 0);
	assert_string_equal(o->test_fault, "");
}

static void test_qemu_path_first_is_skipped(void **state)
{
	struct cmdline_options o = parse("build/bulkhead.elf frames=3");

	(void)state;
	assert_true(o.frames_set);
	assert_int_equal(o.frames, 3);
	assert_int_equal(report_count, 0);
}

static void test_grub_line_without_path(void **state)
{
	struct cmdline_options o = parse("frames=3");

	(void)state;
	/* the first word has '=': it is an option, not a path */
	assert_true(o.frames_set);
	assert_int_equal(o.frames, 3);
	assert_int_equal(report_count, 0);
}

static void test_path_alone(void **state)
{
	struct cmdline_options o = parse("/boot/bulkhead.elf");

	(void)state;
	assert_defaults(&o);
	assert_int_equal(report_count, 0);
}

static void test_path_then_every_option(void **state)
{
	struct cmdline_options o = parse("/boot/bulkhead.elf frames=12 test_fault=page");

	(void)state;
	assert_true(o.frames_set);
	assert_int_equal(o.frames, 12);
	assert_string_equal(o.test_fault, "page");
	assert_int_equal(report_count, 0);
}

static void test_only_the_first_word_may_be_a_path(void **state)
{
	struct cmdline_options o = parse("frames=2 build/bulkhead.elf");

	(void)state;
	assert_int_equal(o.frames, 2);
	assert_int_equal(report_count, 1);
	assert_string_equal(reported[0], "build/bulkhead.elf");
}

static void test_frames_limits(void **state)
{
	struct cmdline_options o;

	(void)state;
	o = parse("frames=0");
	assert_true(o.frames_set);
	assert_int_equal(o.frames, 0);
	o = parse("frames=4294967295");
	assert_true(o.frames_set);
	assert_int_equal(o.frames, 4294967295u);
	assert_int_equal(report_count, 0);
}

/* Each value is refused, reported with its exact text, and leaves frames unset. */
static void assert_frames_refused(const char *line)
{
	struct cmdline_options o = parse(line);

	assert_false(o.frames_set);
	assert_int_equal(report_count, 1);
	assert_string_equal(reported[0], line);
}

static void test_frames_overflow(void **state)
{
	(void)state;
	assert_frames_refused("frames=4294967296");
	assert_frames_refused("frames=99999999999");
	assert_frames_refused("frames=18446744073709551617");
}

static void test_frames_not_a_number(void **state)
{
	(void)state;
	assert_frames_refused("frames=x");
	assert_frames_refused("frames=12a");
	assert_frames_refused("frames=-1");
	assert_frames_refused("frames=+1");
	assert_frames_refused("frames=");
}

static void test_invalid_frames_leaves_an_earlier_valid_one(void **state)
{
	/* the kernel says the invalid option is ignored: it must not undo the valid one */
	struct cmdline_options o = parse("frames=3 frames=x");

	(void)state;
	assert_true(o.frames_set);
	assert_int_equal(o.frames, 3);
	assert_int_equal(report_count, 1);
	assert_string_equal(reported[0], "frames=x");
}

static void test_last_valid_frames_wins(void **state)
{
	struct cmdline_options o = parse("frames=3 frames=5");

	(void)state;
	assert_int_equal(o.frames, 5);
}

static void test_test_fault(void **state)
{
	struct cmdline_options o;
	char line[64];

	(void)state;
	o = parse("test_fault=divide");
	assert_string_equal(o.test_fault, "divide");
	assert_false(o.frames_set);
	/* the longest value that fits, with its terminator */
	o = parse("test_fault=0123456789012345678901234567890");
	assert_string_equal(o.test_fault, "0123456789012345678901234567890");
	assert_int_equal(report_count, 0);

	snprintf(line, sizeof(line), "test_fault=%s", "01234567890123456789012345678901");
	o = parse(line);
	assert_string_equal(o.test_fault, "");
	assert_int_equal(report_count, 1);
	assert_string_equal(reported[0], line);

	o = parse("test_fault=");
	assert_string_equal(o.test_fault, "");
	assert_int_equal(report_count, 1);
	assert_string_equal(reported[0], "test_fault=");
}

static void test_test_kernel_touch(void **state)
{
	struct cmdline_options o;

	(void)state;
	o = parse("frames=2");
	assert_int_equal(o.test_kernel_touch, CMDLINE_TOUCH_NONE);
	o = parse("test_kernel_touch=read");
	assert_int_equal(o.test_kernel_touch, CMDLINE_TOUCH_READ);
	o = parse("test_kernel_touch=exec");
	assert_int_equal(o.test_kernel_touch, CMDLINE_TOUCH_EXEC);
	o = parse("test_kernel_touch=data-exec");
	assert_int_equal(o.test_kernel_touch, CMDLINE_TOUCH_DATA_EXEC);
	assert_int_equal(report_count, 0);
	/* a value must match whole; an invalid one leaves an earlier valid one */
	o = parse("test_kernel_touch=exec test_kernel_touch=ex test_kernel_touch=execute "
		  "test_kernel_touch=");
	assert_int_equal(o.test_kernel_touch, CMDLINE_TOUCH_EXEC);
	assert_int_equal(report_count, 3);
	assert_string_equal(reported[0], "test_kernel_touch=ex");
	assert_string_equal(reported[2], "test_kernel_touch=");
}

static void test_unknown_options_reported_in_order_with_exact_text(void **state)
{
	struct cmdline_options o = parse("build/bulkhead.elf frames=1 colour=blue frames=x quiet");

	(void)state;
	assert_int_equal(o.frames, 1);
	assert_int_equal(report_count, 3);
	assert_string_equal(reported[0], "colour=blue");
	assert_string_equal(reported[1], "frames=x");
	assert_string_equal(reported[2], "quiet");
}

static void test_option_names_match_whole(void **state)
{
	struct cmdline_options o = parse("frame=3 framesx=3 Frames=3 =3");

	(void)state;
	assert_defaults(&o);
	assert_int_equal(report_count, 4);
	assert_string_equal(reported[0], "frame=3");
	assert_string_equal(reported[1], "framesx=3");
	assert_string_equal(reported[2], "Frames=3");
	assert_string_equal(reported[3], "=3");
}

static void test_empty_line(void **state)
{
	struct cmdline_options o;

	(void)state;
	o = parse("");
	assert_defaults(&o);
	assert_int_equal(report_count, 0);
	o = parse("    \t ");
	assert_defaults(&o);
	assert_int_equal(report_count, 0);
}

static void test_extra_spaces_and_tabs(void **state)
{
	struct cmdline_options o = parse("  build/bulkhead.elf   frames=7\t\ttest_fault=x   ");

	(void)state;
	assert_int_equal(o.frames, 7);
	assert_string_equal(o.test_fault, "x");
	assert_int_equal(report_count, 0);

	o = parse("\tframes=9  ");
	assert_int_equal(o.frames, 9);
	assert_int_equal(report_count, 0);
}

static void test_clock_wrap_in_ms(void **state)
{
	struct cmdline_options o = parse("clock_wrap_in_ms=250");

	(void)state;
	assert_int_equal(o.clock_wrap_in_ms, 250);
	assert_int_equal(report_count, 0);
	o = parse("clock_wrap_in_ms=10000 clock_wrap_in_ms=0 clock_wrap_in_ms=10001 clock_wrap_in_ms=x");
	assert_int_equal(o.clock_wrap_in_ms, 10000);
	assert_int_equal(report_count, 3);
	assert_string_equal(reported[0], "clock_wrap_in_ms=0");
	assert_string_equal(reported[1], "clock_wrap_in_ms=10001");
	assert_string_equal(reported[2], "clock_wrap_in_ms=x");
	o = parse("frames=1");
	assert_int_equal(o.clock_wrap_in_ms, 0);
}

static void test_uart_model(void **state)
{
	struct cmdline_options o = parse("uart_model=115200");

	(void)state;
	assert_int_equal(o.uart_model_baud, 115200);
	assert_int_equal(report_count, 0);
	o = parse("uart_model=9600 uart_model=299 uart_model=115201 uart_model=fast");
	assert_int_equal(o.uart_model_baud, 9600);
	assert_int_equal(report_count, 3);
	assert_string_equal(reported[0], "uart_model=299");
	assert_string_equal(reported[1], "uart_model=115201");
	assert_string_equal(reported[2], "uart_model=fast");
	o = parse("frames=1");
	assert_int_equal(o.uart_model_baud, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_path_first_is_skipped),
		cmocka_unit_test(test_grub_line_without_path),
		cmocka_unit_test(test_path_alone),
		cmocka_unit_test(test_path_then_every_option),
		cmocka_unit_test(test_only_the_first_word_may_be_a_path),
		cmocka_unit_test(test_frames_limits),
		cmocka_unit_test(test_frames_overflow),
		cmocka_unit_test(test_frames_not_a_number),
		cmocka_unit_test(test_invalid_frames_leaves_an_earlier_valid_one),
		cmocka_unit_test(test_last_valid_frames_wins),
		cmocka_unit_test(test_test_fault),
		cmocka_unit_test(test_test_kernel_touch),
		cmocka_unit_test(test_clock_wrap_in_ms),
		cmocka_unit_test(test_uart_model),
		cmocka_unit_test(test_unknown_options_reported_in_order_with_exact_text),
		cmocka_unit_test(test_option_names_match_whole),
		cmocka_unit_test(test_empty_line),
		cmocka_unit_test(test_extra_spaces_and_tabs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
