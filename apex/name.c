/* Object names: NAME_TYPE holds up to MAX_NAME_LENGTH characters, NUL-terminated if shorter. */
#include "internal.h"

void apex_name_copy(NAME_TYPE to, const NAME_TYPE from)
{
	uint32_t i = 0;

	for (; i < MAX_NAME_LENGTH && from[i]; i++)
		to[i] = from[i];
	for (; i < MAX_NAME_LENGTH; i++)
		to[i] = 0;
}

bool apex_name_equal(const NAME_TYPE a, const NAME_TYPE b)
{
	for (uint32_t i = 0; i < MAX_NAME_LENGTH; i++) {
		if (a[i] != b[i])
			return false;
		if (!a[i])
			return true;
	}
	return true;
}
