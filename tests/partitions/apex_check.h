/*
 * What the APEX core's test partitions share: one console line per check, `check <name>: ok` or
 * `check <name>: FAILED got X want Y` (tests/suites/test_apex_core.py reads them), the count of
 * those that failed, and a process name from a C string.
 */
#ifndef APEX_CHECK_H
#define APEX_CHECK_H

#include <ARINC653.h>
#include <bulkhead.h>

static int failed;

static void check(const char *name, long long got, long long want)
{
	if (got == want) {
		printf("check %s: ok\n", name);
	} else {
		printf("check %s: FAILED got %lld want %lld\n", name, got, want);
		failed++;
	}
}

/* NAME_TYPE from a C string: NUL-padded, cut at MAX_NAME_LENGTH */
static void name_of(NAME_TYPE to, const char *name)
{
	unsigned i = 0;

	for (; name[i] && i < MAX_NAME_LENGTH; i++)
		to[i] = name[i];
	for (; i < MAX_NAME_LENGTH; i++)
		to[i] = 0;
}

#endif
