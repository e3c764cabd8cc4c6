/*
 * runtime/strerror.c on the host: every code of include/public/errno.h has its own name. The codes
 * are read from the header itself (the tests run from the repository root), so a code added there
 * without a name in bh_strerror fails here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <regex.h>
#include <cmocka.h>
#include <bulkhead.h>

#define ERRNO_HEADER "include/public/errno.h"
#define MAX_CODES 64

struct code {
	char name[32];
	int32_t value;
};

static struct code codes[MAX_CODES];
static int code_count;

/* Every "#define BH_E..." of the header; one in a form this parse does not know fails the test. */
static int read_codes(void **state)
{
	regex_t define;
	regmatch_t m[3];
	char line[256];
	FILE *f = fopen(ERRNO_HEADER, "r");

	(void)state;
	if (!f) {
		fprintf(stderr, "cannot open %s: run the test from the repository root\n", ERRNO_HEADER);
		return -1;
	}
	assert_int_equal(regcomp(&define, "^#define (BH_E[A-Z0-9_]+) +\\((-[0-9]+)\\)", REG_EXTENDED), 0);
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "#define BH_E", strlen("#define BH_E")) != 0)
			continue;
		if (regexec(&define, line, 3, m, 0) != 0 || code_count == MAX_CODES ||
		    m[1].rm_eo - m[1].rm_so >= (regoff_t)sizeof(codes[0].name)) {
			fprintf(stderr, "%s: a code this test cannot read: %s", ERRNO_HEADER, line);
			fclose(f);
			regfree(&define);
			return -1;
		}
		memcpy(codes[code_count].name, line + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so));
		codes[code_count].value = (int32_t)strtol(line + m[2].rm_so, NULL, 10);
		code_count++;
	}
	fclose(f);
	regfree(&define);
	return 0;
}

static void test_the_header_has_codes(void **state)
{
	(void)state;
	/* the ten of today at least: a parse that found none would pass every other case */
	assert_true(code_count >= 10);
}

static void test_every_code_is_named_after_its_macro(void **state)
{
	(void)state;
	for (int i = 0; i < code_count; i++) {
		const char *name = bh_strerror(codes[i].value);

		if (strcmp(name, codes[i].name) != 0)
			fail_msg("bh_strerror(%s = %d) is \"%s\"", codes[i].name, codes[i].value, name);
	}
}

static void test_codes_and_names_are_distinct(void **state)
{
	(void)state;
	for (int i = 0; i < code_count; i++)
		for (int j = i + 1; j < code_count; j++) {
			if (codes[i].value == codes[j].value)
				fail_msg("%s and %s are both %d", codes[i].name, codes[j].name, codes[i].value);
			if (strcmp(bh_strerror(codes[i].value), bh_strerror(codes[j].value)) == 0)
				fail_msg("%s and %s have one name", codes[i].name, codes[j].name);
		}
}

static void test_success(void **state)
{
	(void)state;
	assert_string_equal(bh_strerror(0), "success");
	/* a length, a handle or an old state is a success too */
	assert_string_equal(bh_strerror(1), "success");
	assert_string_equal(bh_strerror(INT32_MAX), "success");
}

static void test_unknown_codes(void **state)
{
	static const int32_t unknown[] = { -3, -12, -100, -1000, INT32_MIN };

	(void)state;
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		for (int c = 0; c < code_count; c++)
			assert_int_not_equal(unknown[i], codes[c].value);
		assert_string_equal(bh_strerror(unknown[i]), "unknown error code");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_header_has_codes),
		cmocka_unit_test(test_every_code_is_named_after_its_macro),
		cmocka_unit_test(test_codes_and_names_are_distinct),
		cmocka_unit_test(test_success),
		cmocka_unit_test(test_unknown_codes),
	};

	return cmocka_run_group_tests(tests, read_codes, NULL);
}
