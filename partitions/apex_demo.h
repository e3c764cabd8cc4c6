/*
 * What the apex_demo partitions (configs/apex_demo.c) send each other. The deployment's channels
 * are sized to these structures: a CREATE with another size is INVALID_CONFIG.
 */
#ifndef APEX_DEMO_H
#define APEX_DEMO_H

#include <ARINC653.h>

/* sensor -> control, sampling port "air_data", every 20 ms */
struct air_data {
	APEX_INTEGER sequence;
	APEX_INTEGER altitude_ft;
	APEX_INTEGER airspeed_kt;
};
#define AIR_DATA_SIZE 12
_Static_assert(sizeof(struct air_data) == AIR_DATA_SIZE, "configs/apex_demo.c's air_data");

/* control -> display, queuing port "telemetry", one per autopilot cycle (40 ms) */
struct telemetry {
	SYSTEM_TIME_TYPE time;            /* when the autopilot computed it */
	APEX_INTEGER sequence;            /* of the air data it used */
	APEX_INTEGER altitude_ft;
	APEX_INTEGER airspeed_kt;
	APEX_INTEGER pitch_tenths;        /* commanded pitch, 0.1 degree */
};
#define TELEMETRY_SIZE 24
_Static_assert(sizeof(struct telemetry) == TELEMETRY_SIZE, "configs/apex_demo.c's telemetry");

#define MS_TIME(x) ((SYSTEM_TIME_TYPE)(x) * 1000000)
/* A name as the services take it: a whole NAME_TYPE (the C binding's array), from a literal */
#define NAME(text) ((NAME_TYPE){ text })

/* The C library's printf, from the Bulkhead runtime (the kernel prefixes the partition's name). */
int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Creates and starts a process of this demo (aperiodic: INFINITE_TIME_VALUE as period). */
static inline RETURN_CODE_TYPE demo_start(const NAME_TYPE name, void (*entry)(void),
					  SYSTEM_TIME_TYPE period, PRIORITY_TYPE priority)
{
	PROCESS_ATTRIBUTE_TYPE attributes = {
		.PERIOD = period,
		.TIME_CAPACITY = period,          /* a periodic one's deadline: its next release */
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry,
		.STACK_SIZE = 8192,
		.BASE_PRIORITY = priority,
		.DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	for (int i = 0; i < MAX_NAME_LENGTH; i++)
		attributes.NAME[i] = name[i];
	CREATE_PROCESS(&attributes, &id, &rc);
	if (rc == NO_ERROR)
		START(id, &rc);
	return rc;
}

#endif
