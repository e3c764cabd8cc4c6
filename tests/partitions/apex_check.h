/*
 * What the APEX core's test partitions share: one console line per check, `check <name>: ok` or
 * `check <name>: FAILED got X want Y` (tests/suites/test_apex_core.py reads them), the count of
 * those that failed, a process name from a C string, and a process created from a few of its
 * attributes.
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

/*
 * Creates a process of a 4 KiB stack; says why if that fails (the id is 0 then). rc, if not NULL,
 * receives CREATE_PROCESS's return code.
 */
static inline PROCESS_ID_TYPE create_process(const char *name, void (*entry)(void),
					     PRIORITY_TYPE priority, SYSTEM_TIME_TYPE period,
					     SYSTEM_TIME_TYPE capacity, DEADLINE_TYPE deadline,
					     RETURN_CODE_TYPE *rc)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = period, .TIME_CAPACITY = capacity, .ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry,
		.STACK_SIZE = 4096, .BASE_PRIORITY = priority, .DEADLINE = deadline,
	};
	PROCESS_ID_TYPE id = 0;
	RETURN_CODE_TYPE created;

	name_of(a.NAME, name);
	CREATE_PROCESS(&a, &id, &created);
	if (created != NO_ERROR)
		printf("CREATE_PROCESS %s: %d\n", name, (int)created);
	if (rc)
		*rc = created;
	return id;
}

/* An aperiodic process without a deadline. */
static inline PROCESS_ID_TYPE create_aperiodic(const char *name, void (*entry)(void),
					       PRIORITY_TYPE priority)
{
	return create_process(name, entry, priority, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT,
			      NULL);
}

#endif
