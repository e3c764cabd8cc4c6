/*
 * Names for the APEX objects' test partitions (apex_obj, apex_obj_full), as the services take
 * them: a whole NAME_TYPE (they may read all of it), from a C string or a prefix and a number.
 * Each is good until the next call.
 */
#ifndef APEX_NAMES_H
#define APEX_NAMES_H

#include "apex_check.h"

static inline char *N(const char *text)
{
	static NAME_TYPE name;

	name_of(name, text);
	return name;
}

static inline char *numbered(const char *prefix, int n)
{
	char text[MAX_NAME_LENGTH];

	snprintf(text, sizeof(text), "%s%d", prefix, n);
	return N(text);
}

#endif
