/*
 * Weak stand-ins for what the APEX layer's core calls in service files that other helpers write
 * (apex/error.c, apex/mutex.c, apex/queuing.c), for the core's test partitions: a real
 * definition, once in the tree and linked, takes their place. The error stand-in prints what it
 * was raised with, which the core's tests read.
 */
#ifndef APEX_STUBS_H
#define APEX_STUBS_H

#include <ARINC653.h>
#include <bulkhead.h>

struct apex_process;
PROCESS_ID_TYPE apex_process_id(const struct apex_process *p);

__attribute__((weak)) void apex_raise_error(ERROR_CODE_TYPE code, struct apex_process *p,
					    SYSTEM_ADDRESS_TYPE address, const char *message,
					    MESSAGE_SIZE_TYPE length)
{
	(void)address;
	printf("raise_error %d process %ld: %.*s\n", (int)code, p ? apex_process_id(p) : 0L,
	       (int)length, message);
}

__attribute__((weak)) void apex_fault_arrived(struct apex_process *p)
{
	(void)p;
}

__attribute__((weak)) void apex_ports_changed(void)
{
}

__attribute__((weak)) void apex_mutexes_release(struct apex_process *p)
{
	(void)p;
}

#endif
