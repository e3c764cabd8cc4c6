/* lib/format.c on the host: every conversion, flag, width, precision and length, and truncation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/format.h>

/*
 * Formats through vformat_string without the printf format attribute, so the test may also pass
 * formats the compiler would reject (unknown conversions, a lone '%'). Returns the result.
 */
static int produced;

static const char *fmt(const char *f, ...)
{
	static char buf[256];
	va_list ap;

	va_start(ap, f);
	produced = vformat_string(buf, sizeof(buf), f, ap);
	va_end(ap);
	return buf;
}

/* Checks the text and that the return value counts exactly its characters. */
#define assert_formats(want, ...) do { \
	assert_string_equal(fmt(__VA_ARGS__), want); \
	assert_int_equal(produced, strlen(want)); \
} while (0)

static void test_signed_decimal(void **state)
{
	(void)state;
	assert_formats("42", "%d", 42);
	assert_formats("-42", "%i", -42);
	assert_formats("0", "%d", 0);
	assert_formats("2147483647", "%d", INT_MAX);
	assert_formats("-2147483648", "%d", INT_MIN);
}

static void test_unsigned_decimal(void **state)
{
	(void)state;
	assert_formats("0", "%u", 0u);
	assert_formats("4294967295", "%u", UINT_MAX);
	/* a negative int given to %u is its unsigned value, as in C */
	assert_formats("4294967295", "%u", -1);
}

static void test_hexadecimal(void **state)
{
	(void)state;
	assert_formats("beef", "%x", 0xbeefu);
	assert_formats("BEEF", "%X", 0xbeefu);
	assert_formats("0", "%x", 0u);
	assert_formats("ffffffff", "%x", UINT_MAX);
	assert_formats("DEADBEEF", "%X", 0xdeadbeefu);
}

static void test_pointer(void **state)
{
	(void)state;
	assert_formats("0x1234", "%p", (void *)0x1234);
	assert_formats("0x0", "%p", NULL);
	assert_formats("    0x1234", "%10p", (void *)0x1234);
	/* zero padding goes between the prefix and the digits */
	assert_formats("0x00001234", "%010p", (void *)0x1234);
	assert_formats("0x1234    |", "%-10p|", (void *)0x1234);
}

static void test_string(void **state)
{
	(void)state;
	assert_formats("hello", "%s", "hello");
	assert_formats("", "%s", "");
	assert_formats("[   ab]", "[%5s]", "ab");
	assert_formats("[ab   ]", "[%-5s]", "ab");
	/* '0' pads numbers only */
	assert_formats("[   ab]", "[%05s]", "ab");
	assert_formats("abc", "%.3s", "abcdef");
	assert_formats("ab", "%.10s", "ab");
	assert_formats("", "%.0s", "abc");
}

static void test_null_string(void **state)
{
	(void)state;
	assert_formats("(null)", "%s", (char *)NULL);
	assert_formats("[  (null)]", "[%8s]", (char *)NULL);
	assert_formats("(nu", "%.3s", (char *)NULL);
}

static void test_character(void **state)
{
	(void)state;
	assert_formats("A", "%c", 'A');
	assert_formats("[  A]", "[%3c]", 'A');
	assert_formats("[A  ]", "[%-3c]", 'A');
	assert_formats("[  A]", "[%03c]", 'A');
	assert_formats("x\ty", "x%cy", '\t');
}

static void test_percent(void **state)
{
	(void)state;
	assert_formats("100%", "100%%");
	assert_formats("%d", "%%d");
	assert_formats("%%", "%%%%");
}

static void test_width_and_flags(void **state)
{
	(void)state;
	assert_formats("[   42]", "[%5d]", 42);
	assert_formats("[42   ]", "[%-5d]", 42);
	assert_formats("[00042]", "[%05d]", 42);
	/* '-' wins over '0', as in C */
	assert_formats("[42   ]", "[%-05d]", 42);
	assert_formats("[42   ]", "[%0-5d]", 42);
	assert_formats("[0000beef]", "[%08x]", 0xbeefu);
	assert_formats("[    BEEF]", "[%8X]", 0xbeefu);
	assert_formats("[   7]", "[%4u]", 7u);
	/* a width narrower than the number does not cut it */
	assert_formats("123456", "%3d", 123456);
}

static void test_negative_numbers_with_padding(void **state)
{
	(void)state;
	assert_formats("[   -42]", "[%6d]", -42);
	/* the sign comes before the zeros */
	assert_formats("[-00042]", "[%06d]", -42);
	assert_formats("[-42   ]", "[%-6d]", -42);
	assert_formats("-42", "%02d", -42);
	assert_formats("[-00000000000000000001]", "[%021lld]", -1LL);
}

static void test_star_width_and_precision(void **state)
{
	(void)state;
	assert_formats("[    42]", "[%*d]", 6, 42);
	/* a negative '*' width means left-justified */
	assert_formats("[42    ]", "[%*d]", -6, 42);
	assert_formats("[000042]", "[%0*d]", 6, 42);
	assert_formats("abc", "%.*s", 3, "abcdef");
	/* a negative '*' precision is as if none was given */
	assert_formats("abcdef", "%.*s", -1, "abcdef");
	assert_formats("", "%.*s", 0, "abcdef");
	assert_formats("[   ab]", "[%*.*s]", 5, 2, "abc");
	assert_formats("[ab   ]", "[%-*.*s]", 5, 2, "abc");
	/* the arguments after the '*' ones are still the right ones */
	assert_formats("ab 7", "%.*s %d", 2, "abc", 7);
}

static void test_precision_with_length_for_strings(void **state)
{
	(void)state;
	/* the kernel prints command-line words this way: pointer and length, no terminator */
	const char line[] = "frames=3 colour=blue";

	assert_formats("'colour=blue'", "'%.*s'", 11, line + 9);
	assert_formats("'frames=3'", "'%.*s'", 8, line);
}

static void test_long(void **state)
{
	(void)state;
	assert_formats("123456789", "%ld", 123456789L);
	assert_formats("-123456789", "%li", -123456789L);
	assert_formats("ffff", "%lx", 0xffffUL);
	assert_formats("4294967295", "%lu", 4294967295UL);
}

static void test_long_long_extremes(void **state)
{
	(void)state;
	assert_formats("-9223372036854775808", "%lld", (long long)INT64_MIN);
	assert_formats("9223372036854775807", "%lld", (long long)INT64_MAX);
	assert_formats("-9223372036854775808", "%lli", (long long)INT64_MIN);
	assert_formats("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	assert_formats("ffffffffffffffff", "%llx", (unsigned long long)UINT64_MAX);
	assert_formats("FFFFFFFFFFFFFFFF", "%llX", (unsigned long long)UINT64_MAX);
	assert_formats("8000000000000000", "%llx", (unsigned long long)INT64_MIN);
	assert_formats("0", "%llu", 0ULL);
	assert_formats("[    -9223372036854775808]", "[%24lld]", (long long)INT64_MIN);
	assert_formats("[-0000009223372036854775808]", "[%026lld]", (long long)INT64_MIN);
	/* a 64-bit argument does not shift the ones after it */
	assert_formats("18446744073709551615 7 x", "%llu %d %s", (unsigned long long)UINT64_MAX, 7, "x");
}

static void test_more_than_two_l_is_long_long(void **state)
{
	(void)state;
	assert_formats("18446744073709551615", "%lllu", (unsigned long long)UINT64_MAX);
}

static void test_unknown_conversion_is_shown(void **state)
{
	(void)state;
	assert_formats("%q", "%q");
	assert_formats("a%qb", "a%5qb");
	/* an unknown conversion takes no argument: the next one still gets its own */
	assert_formats("%y 5", "%y %d", 5);
}

static void test_lone_percent_at_end(void **state)
{
	(void)state;
	assert_formats("50%", "50%");
	assert_formats("%", "%");
	/* flags before the end do not eat the terminator */
	assert_formats("x%", "x%-");
	assert_formats("x%", "x%05");
}

static void test_empty_format(void **state)
{
	(void)state;
	assert_formats("", "");
}

/* Fills buf with a marker, so bytes the formatter must not write can be checked. */
static void fill(char *buf, size_t size)
{
	memset(buf, '#', size);
}

static void test_truncation_size_zero(void **state)
{
	char buf[8];

	(void)state;
	fill(buf, sizeof(buf));
	assert_int_equal(format_string(buf, 0, "hello %d", 42), 8);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], '#');
	/* nowhere to write at all */
	assert_int_equal(format_string(NULL, 0, "hello"), 5);
}

static void test_truncation_size_one(void **state)
{
	char buf[8];

	(void)state;
	fill(buf, sizeof(buf));
	assert_int_equal(format_string(buf, 1, "hello"), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], '#');
}

static void test_truncation_keeps_size_minus_one(void **state)
{
	char buf[8];

	(void)state;
	fill(buf, sizeof(buf));
	assert_int_equal(format_string(buf, 5, "hello world"), 11);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], '#');
}

static void test_exact_fit(void **state)
{
	char buf[8];

	(void)state;
	fill(buf, sizeof(buf));
	/* 5 characters and the terminator in 6 bytes: nothing lost */
	assert_int_equal(format_string(buf, 6, "%s", "hello"), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(buf[6], '#');
	/* one byte short: the last character gives way to the terminator */
	fill(buf, sizeof(buf));
	assert_int_equal(format_string(buf, 5, "%s", "hello"), 5);
	assert_string_equal(buf, "hell");
}

static void test_truncation_inside_a_padded_field(void **state)
{
	char buf[6];

	(void)state;
	assert_int_equal(format_string(buf, sizeof(buf), "%010d", -7), 10);
	assert_string_equal(buf, "-0000");
}

struct collected {
	int calls;      /* runs the sink was given */
	int chars;      /* characters in them */
	int empty;      /* runs of no character (never allowed) */
	char text[256];
};

static void collect(void *arg, const char *run, size_t n)
{
	struct collected *out = arg;

	out->calls++;
	out->empty += n == 0;
	for (size_t i = 0; i < n; i++, out->chars++)
		if (out->chars < (int)sizeof(out->text) - 1)
			out->text[out->chars] = run[i];
}

static int format_to(struct collected *out, const char *f, ...)
{
	va_list ap;
	int n;

	memset(out, 0, sizeof(*out));
	va_start(ap, f);
	n = format(collect, out, f, ap);
	va_end(ap);
	return n;
}

static void test_sink_gets_each_character_once(void **state)
{
	struct collected out;

	(void)state;
	assert_int_equal(format_to(&out, "[%-4d|%3s|%c|%%|%q|%llx]", -1, "a", 'z', 0xabcULL), 21);
	assert_int_equal(out.chars, 21);
	assert_int_equal(out.empty, 0);
	assert_string_equal(out.text, "[-1  |  a|z|%|%q|abc]");
}

/* A precision bounds what %s reads, not only what it prints: the string may end at a page's end
 * without a NUL (AddressSanitizer watches the byte after this allocation). */
static void test_precision_reads_no_byte_past_it(void **state)
{
	char *three = malloc(3);
	char buf[8];

	(void)state;
	memcpy(three, "abc", 3);
	assert_int_equal(format_string(buf, sizeof(buf), "%.3s|", three), 4);
	assert_string_equal(buf, "abc|");
	free(three);
}

/* Text between conversions, padding and bodies come as runs: the console writes a run with one
 * look at the port, so a character at a time would cost it several times over. */
static void test_sink_gets_runs(void **state)
{
	struct collected out;

	(void)state;
	assert_int_equal(format_to(&out, "bulkhead: window %u: partition '%s'%20s|\n", 12u,
				   "sensor", "x"), 61);
	assert_string_equal(out.text, "bulkhead: window 12: partition 'sensor'"
			    "                   x|\n");
	/* "bulkhead: window ", "12", ": partition '", "sensor", "'", padding of 19 in two runs,
	 * "x", "|\n" */
	assert_int_equal(out.calls, 9);
	assert_int_equal(out.empty, 0);
}

/*
 * Where format() and C's printf agree (every documented conversion with every flag and width),
 * glibc's snprintf is an independent oracle over many combinations.
 */
static void test_agrees_with_printf(void **state)
{
	static const char *const flags[] = { "", "-", "0", "-0" };
	static const char *const widths[] = { "", "1", "3", "12" };
	static const char *const conversions[] = { "d", "i", "u", "x", "X", "lld", "llu", "llx" };
	static const long long values[] = { 0, 1, -1, 42, -42, 0x7fffffff, -0x7fffffff - 1,
					    INT64_MAX, INT64_MIN, 0xdeadbeef };
	int checked = 0;

	(void)state;
	for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
	for (size_t c = 0; c < sizeof(conversions) / sizeof(conversions[0]); c++)
	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
		char spec[16], want[64], got[64];
		int want_n, got_n;
		int is64 = conversions[c][0] == 'l';

		snprintf(spec, sizeof(spec), "<%%%s%s%s>", flags[f], widths[w], conversions[c]);
		if (is64) {
			want_n = snprintf(want, sizeof(want), spec, values[v]);
			got_n = format_string(got, sizeof(got), spec, values[v]);
		} else {
			want_n = snprintf(want, sizeof(want), spec, (int)values[v]);
			got_n = format_string(got, sizeof(got), spec, (int)values[v]);
		}
		if (strcmp(got, want) != 0 || got_n != want_n)
			fail_msg("%s: got \"%s\" (%d), printf gives \"%s\" (%d)", spec, got, got_n,
				 want, want_n);
		checked++;
	}
	assert_int_equal(checked, 4 * 4 * 8 * 10);
}

static void test_huge_widths_are_clamped(void **state)
{
	char buf[8];
	/* through variables: the compiler's own format checks would refuse these literals */
	const char *volatile huge_width = "%99999999999d", *volatile huge_precision = "%.99999999999s";
	volatile int most_negative = -2147483647 - 1;

	(void)state;
	/* widths past int's range must neither overflow nor be taken literally: 4096 at most */
	assert_int_equal(format_string(buf, sizeof(buf), huge_width, 7), 4096);
	assert_int_equal(format_string(buf, sizeof(buf), "%*d", most_negative, 7), 4096);
	assert_int_equal(format_string(buf, sizeof(buf), huge_precision, "abc"), 3);
	assert_int_equal(format_string(buf, sizeof(buf), "%*d", 5000, 7), 4096);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signed_decimal),
		cmocka_unit_test(test_unsigned_decimal),
		cmocka_unit_test(test_hexadecimal),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_character),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_negative_numbers_with_padding),
		cmocka_unit_test(test_star_width_and_precision),
		cmocka_unit_test(test_precision_with_length_for_strings),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_long_long_extremes),
		cmocka_unit_test(test_more_than_two_l_is_long_long),
		cmocka_unit_test(test_unknown_conversion_is_shown),
		cmocka_unit_test(test_lone_percent_at_end),
		cmocka_unit_test(test_empty_format),
		cmocka_unit_test(test_truncation_size_zero),
		cmocka_unit_test(test_truncation_size_one),
		cmocka_unit_test(test_truncation_keeps_size_minus_one),
		cmocka_unit_test(test_exact_fit),
		cmocka_unit_test(test_truncation_inside_a_padded_field),
		cmocka_unit_test(test_sink_gets_each_character_once),
		cmocka_unit_test(test_sink_gets_runs),
		cmocka_unit_test(test_precision_reads_no_byte_past_it),
		cmocka_unit_test(test_agrees_with_printf),
		cmocka_unit_test(test_huge_widths_are_clamped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
