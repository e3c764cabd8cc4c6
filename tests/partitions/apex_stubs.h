/*
 * For the APEX core's test partitions: weak stand-ins for what the core calls in service files
 * of other helpers (apex/error.c, apex/mutex.c, apex/queuing.c), which a real definition, once
 * in the tree and linked, replaces; and an error handler created only where apex/error.c is.
 * Either way an error raised for a process prints one line,
 *     raise_error <ERROR_CODE> process <id>: <message>
 * from the stand-in of apex_raise_error, or from the handler that takes it (GET_ERROR_STATUS).
 * The stand-in of apex_fault_arrived does what the error service does with a fault: it holds
 * the process and raises the error the fault is.
 */
#ifndef APEX_STUBS_H
#define APEX_STUBS_H

#include <ARINC653.h>
#include <bulkhead.h>

struct apex_process;
PROCESS_ID_TYPE apex_process_id(const struct apex_process *p);
void apex_process_hold(struct apex_process *p);

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
	struct bh_hm_record r;
	ERROR_CODE_TYPE code;

	if (bh_hm_fault_read(&r) < 0 || !p)
		return;
	code = r.event == 0 ? NUMERIC_ERROR : r.event == BH_HM_EVENT_STACK_OVERFLOW ?
	       STACK_OVERFLOW : r.event == 14 ? MEMORY_VIOLATION : HARDWARE_FAULT;
	apex_process_hold(p);
	apex_raise_error(code, p, (SYSTEM_ADDRESS_TYPE)(uintptr_t)r.eip, "fault", 5);
}

__attribute__((weak)) void apex_ports_changed(void)
{
}

__attribute__((weak)) void apex_mutexes_release(struct apex_process *p)
{
	(void)p;
}

/* defined only where apex/error.c is linked */
#pragma weak CREATE_ERROR_HANDLER
#pragma weak GET_ERROR_STATUS

static inline void apex_test_error_handler(void)
{
	ERROR_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;

	for (;;) {
		GET_ERROR_STATUS(&s, &rc);
		if (rc != NO_ERROR)
			break;
		printf("raise_error %d process %ld: %.*s\n", (int)s.ERROR_CODE, s.FAILED_PROCESS_ID,
		       (int)s.LENGTH, s.MESSAGE);
	}
	STOP_SELF();
}

/* In the initialization, after the processes: the error handler, where there is one. */
static inline void apex_test_error_handler_create(void)
{
	RETURN_CODE_TYPE rc;

	if (CREATE_ERROR_HANDLER)
		CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)apex_test_error_handler, 4096, &rc);
}

#endif
