/*
 * The APEX objects' tables fill to their limits (tests/configs/apex_obj.c): each holds exactly
 * SYSTEM_LIMIT_NUMBER_OF_<objects>, then a creation is INVALID_CONFIG, before a name that
 * exists (NO_ACTION) is looked at. Prints `check <name>: ok` or `check <name>: FAILED ...`.
 */
#include <ARINC653.h>
#include <bulkhead.h>
#include "../apex_stubs.h"
#include "../apex_names.h"

static RETURN_CODE_TYPE create(int kind, int n)
{
	APEX_INTEGER id;
	RETURN_CODE_TYPE rc = NO_ERROR;

	switch (kind) {
	case 0:
		CREATE_BUFFER(numbered("b", n), 1, 1, FIFO, &id, &rc);
		break;
	case 1:
		CREATE_BLACKBOARD(numbered("bb", n), 1, &id, &rc);
		break;
	case 2:
		CREATE_SEMAPHORE(numbered("s", n), 0, 1, FIFO, &id, &rc);
		break;
	case 3:
		CREATE_EVENT(numbered("e", n), &id, &rc);
		break;
	case 4:
		CREATE_MUTEX(numbered("m", n), 50, FIFO, &id, &rc);
		break;
	}
	return rc;
}

int main(void)
{
	static const char *const kinds[5] = {
		"buffer", "blackboard", "semaphore", "event", "mutex",
	};
	static const int limits[5] = {
		MAX_NUMBER_OF_BUFFERS, MAX_NUMBER_OF_BLACKBOARDS, MAX_NUMBER_OF_SEMAPHORES,
		MAX_NUMBER_OF_EVENTS, MAX_NUMBER_OF_MUTEXES,
	};
	char name[48];
	RETURN_CODE_TYPE rc;

	for (int k = 0; k < 5; k++) {
		int made = 0;

		while (made <= limits[k] && create(k, made) == NO_ERROR)
			made++;
		snprintf(name, sizeof(name), "%s_table_size", kinds[k]);
		check(name, made, limits[k]);
		snprintf(name, sizeof(name), "create_%s_full", kinds[k]);
		check(name, create(k, made), INVALID_CONFIG);
		snprintf(name, sizeof(name), "create_%s_full_name_exists", kinds[k]);
		check(name, create(k, 0), INVALID_CONFIG);
	}
	printf("apex_obj_full: done, %d failed\n", failed);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
