/*
 * What the APEX objects' test partitions (apex_obj, apex_obj_full) print their checks with:
 * `check <name>: ok` or `check <name>: FAILED got X want Y`, counted in apex_failed; and names
 * as the services take them (a whole NAME_TYPE: they may read all of it).
 */
#ifndef APEX_CHECKS_H
#define APEX_CHECKS_H

#include <ARINC653.h>
#include <bulkhead.h>

static int apex_failed;

static inline void check(const char *name, long long got, long long want)
{
	if (got == want) {
		printf("check %s: ok\n", name);
	} else {
		printf("check %s: FAILED got %lld want %lld\n", name, got, want);
		apex_failed++;
	}
}

/* A NAME_TYPE holding `text`, NUL-padded (until the next call). */
static inline char *N(const char *text)
{
	static NAME_TYPE name;

	memset(name, 0, sizeof(name));
	for (unsigned i = 0; text[i] && i < sizeof(name); i++)
		name[i] = text[i];
	return name;
}

/* N() of `prefix` followed by n. */
static inline char *numbered(const char *prefix, int n)
{
	char text[MAX_NAME_LENGTH];

	snprintf(text, sizeof(text), "%s%d", prefix, n);
	return N(text);
}

#endif
