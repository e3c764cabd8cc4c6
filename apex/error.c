/*
 * APEX health monitoring: the process-level error handler, the errors raised to it (faults the
 * kernel hands the partition, deadlines missed, application errors) and the partition-level
 * action when there is no handler to take them.
 *
 * An error raised for a process goes to the error handler when one was created and the process
 * is not the handler itself; the handler (a process above every other) is started if it is
 * dormant and takes the errors, oldest first, with GET_ERROR_STATUS. Without a handler, or for
 * the handler's own errors, the initialization's or an idle loop's, the deployment's action for
 * the partition applies: a fault goes back to the kernel's health monitor (hm_fault_escalate, so
 * its log shows the fault itself), any other error is reported as an application error
 * (hm_report with the error code).
 */
#include "internal.h"

/* Errors queued for the handler; one more while it is full goes to the partition level. */
#define ERROR_QUEUE_SIZE 16

static struct error_handler {
	struct apex_process *process;   /* NULL until CREATE_ERROR_HANDLER */
	ERROR_HANDLER_CONCURRENCY_CONTROL_TYPE concurrency;
	PROCESSOR_CORE_ID_TYPE core;    /* the vcpu it runs on */
	ERROR_STATUS_TYPE queue[ERROR_QUEUE_SIZE];
	uint32_t oldest, count;
} handler;

static bool length_valid(APEX_INTEGER length)
{
	return length >= 0 && length <= MAX_ERROR_MESSAGE_SIZE;
}

/* The partition-level action: does not return unless the deployment's action lets this vcpu go
 * on (a log-only action for an application error). */
static void partition_level(ERROR_CODE_TYPE code, bool fault, const char *message,
			    MESSAGE_SIZE_TYPE length)
{
	printf("APEX: %.*s: no error handler takes it, partition-level action\n", (int)length,
	       message);
	if (fault)
		bh_hm_fault_escalate();
	else
		bh_hm_report((uint32_t)code);
}

static void raise_error(ERROR_CODE_TYPE code, struct apex_process *p, SYSTEM_ADDRESS_TYPE address,
			const char *message, MESSAGE_SIZE_TYPE length, bool fault)
{
	ERROR_STATUS_TYPE *e;

	if (!p || !handler.process || p == handler.process || handler.count == ERROR_QUEUE_SIZE) {
		partition_level(code, fault, message, length);
		return;
	}
	e = &handler.queue[(handler.oldest + handler.count++) % ERROR_QUEUE_SIZE];
	e->ERROR_CODE = code;
	e->LENGTH = length;
	e->FAILED_PROCESS_ID = apex_process_id(p);
	e->FAILED_ADDRESS = address;
	memcpy(e->MESSAGE, message, (size_t)length);
	if (apex_process_dormant(handler.process)) {
		apex_process_start(handler.process);
		if (handler.concurrency == PROCESSES_PAUSE)
			apex_reschedule_all();
	}
}

void apex_error_handler_stopped(void)
{
	if (handler.count)
		apex_process_start(handler.process);
	else
		apex_reschedule_all();
}

bool apex_processes_paused(uint32_t vcpu)
{
	return handler.process && handler.concurrency == PROCESSES_PAUSE &&
	       !apex_process_dormant(handler.process) && (uint32_t)handler.core != vcpu;
}

void apex_raise_error(ERROR_CODE_TYPE code, struct apex_process *p, SYSTEM_ADDRESS_TYPE address,
		      const char *message, MESSAGE_SIZE_TYPE length)
{
	raise_error(code, p, address, message, length, false);
}

/* The ARINC 653 error a CPU exception (by vector) or a guard-page fault is. */
static ERROR_CODE_TYPE error_of_event(uint32_t event)
{
	switch (event) {
	case 0:     /* divide error */
	case 4:     /* overflow (into) */
	case 16:    /* x87 floating point */
	case 19:    /* SIMD floating point */
		return NUMERIC_ERROR;
	case 6:     /* invalid opcode */
	case 13:    /* general protection: a privileged instruction, a bad selector */
		return ILLEGAL_REQUEST;
	case 5:     /* bound range */
	case 14:    /* page fault */
	case 17:    /* alignment check */
		return MEMORY_VIOLATION;
	case BH_HM_EVENT_STACK_OVERFLOW:
		return STACK_OVERFLOW;
	default:
		return HARDWARE_FAULT;
	}
}

static const char *fault_name(uint32_t event)
{
	static const char *const names[] = {
		[0] = "divide error", [4] = "overflow", [5] = "bound range",
		[6] = "invalid opcode", [13] = "general protection", [14] = "page fault",
		[16] = "x87 floating-point error", [17] = "alignment check",
		[19] = "SIMD floating-point error",
	};

	if (event == BH_HM_EVENT_STACK_OVERFLOW)
		return "stack overflow";
	if (event < sizeof(names) / sizeof(names[0]) && names[event])
		return names[event];
	return "CPU exception";
}

void apex_fault_arrived(struct apex_process *p)
{
	struct bh_hm_record r;
	char message[MAX_ERROR_MESSAGE_SIZE];
	int length;

	if (bh_hm_fault_read(&r) < 0)
		return;
	if (r.event == 14 || r.event == BH_HM_EVENT_STACK_OVERFLOW)
		length = snprintf(message, sizeof(message), "%s at eip 0x%08x, address 0x%08x",
				  fault_name(r.event), r.eip, r.address);
	else
		length = snprintf(message, sizeof(message), "%s at eip 0x%08x", fault_name(r.event),
				  r.eip);
	if (length >= (int)sizeof(message))
		length = sizeof(message) - 1;
	/* a faulted process cannot go past its faulting instruction: it waits for the handler's
	 * STOP (and maybe START) */
	if (p && handler.process && p != handler.process)
		apex_process_hold(p);
	raise_error(error_of_event(r.event), p, (SYSTEM_ADDRESS_TYPE)(uintptr_t)r.eip, message,
		    length, true);
}

void REPORT_APPLICATION_MESSAGE(MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE LENGTH,
				RETURN_CODE_TYPE *RETURN_CODE)
{
	if (!length_valid(LENGTH) || (LENGTH && !MESSAGE_ADDR)) {
		*RETURN_CODE = INVALID_PARAM;
		return;
	}
	printf("APEX application message: %.*s\n", (int)LENGTH, (const char *)MESSAGE_ADDR);
	*RETURN_CODE = NO_ERROR;
}

void CREATE_ERROR_HANDLER(SYSTEM_ADDRESS_TYPE ENTRY_POINT, STACK_SIZE_TYPE STACK_SIZE,
			  RETURN_CODE_TYPE *RETURN_CODE)
{
	PROCESS_ATTRIBUTE_TYPE attributes = {
		.PERIOD = INFINITE_TIME_VALUE,
		.TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = ENTRY_POINT,
		.STACK_SIZE = STACK_SIZE,
		.BASE_PRIORITY = MAX_PRIORITY_VALUE,
		.DEADLINE = SOFT,
		.NAME = "ERROR_HANDLER",
	};

	apex_lock();
	if (apex_mode() == NORMAL)
		*RETURN_CODE = INVALID_MODE;
	else if (handler.process)
		*RETURN_CODE = NO_ACTION;
	else if (!ENTRY_POINT)
		*RETURN_CODE = INVALID_PARAM;
	else if ((handler.process = apex_process_create(&attributes, true, RETURN_CODE)))
		handler.concurrency = PROCESSES_SCHEDULED;   /* until CONFIGURE_ERROR_HANDLER */
	apex_unlock();
}

void GET_ERROR_STATUS(ERROR_STATUS_TYPE *ERROR_STATUS, RETURN_CODE_TYPE *RETURN_CODE)
{
	apex_lock();
	if (!handler.process || apex_current() != handler.process) {
		*RETURN_CODE = INVALID_CONFIG;
	} else if (!handler.count) {
		*RETURN_CODE = NO_ACTION;
	} else {
		*ERROR_STATUS = handler.queue[handler.oldest];
		handler.oldest = (handler.oldest + 1) % ERROR_QUEUE_SIZE;
		handler.count--;
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void RAISE_APPLICATION_ERROR(ERROR_CODE_TYPE ERROR_CODE, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			     ERROR_MESSAGE_SIZE_TYPE LENGTH, RETURN_CODE_TYPE *RETURN_CODE)
{
	if (ERROR_CODE != APPLICATION_ERROR || !length_valid(LENGTH) || (LENGTH && !MESSAGE_ADDR)) {
		*RETURN_CODE = INVALID_PARAM;
		return;
	}
	*RETURN_CODE = NO_ERROR;
	apex_lock();
	raise_error(ERROR_CODE, apex_current(), NULL, (const char *)MESSAGE_ADDR, LENGTH, false);
	apex_unlock();
}

void CONFIGURE_ERROR_HANDLER(ERROR_HANDLER_CONCURRENCY_CONTROL_TYPE CONCURRENCY_CONTROL,
			     PROCESSOR_CORE_ID_TYPE PROCESSOR_CORE_ID,
			     RETURN_CODE_TYPE *RETURN_CODE)
{
	PROCESS_ID_TYPE id;

	apex_lock();
	if (apex_mode() == NORMAL) {
		*RETURN_CODE = INVALID_MODE;
	} else if (!handler.process) {
		*RETURN_CODE = INVALID_CONFIG;
	} else if (CONCURRENCY_CONTROL != PROCESSES_PAUSE &&
		   CONCURRENCY_CONTROL != PROCESSES_SCHEDULED) {
		*RETURN_CODE = INVALID_PARAM;
	} else {
		*RETURN_CODE = NO_ERROR;
	}
	id = handler.process ? apex_process_id(handler.process) : NULL_PROCESS_ID;
	apex_unlock();
	if (*RETURN_CODE != NO_ERROR)
		return;
	/* the core judges the core's identifier (INVALID_PARAM), as for any process */
	INITIALIZE_PROCESS_CORE_AFFINITY(id, PROCESSOR_CORE_ID, RETURN_CODE);
	if (*RETURN_CODE == NO_ERROR) {
		apex_lock();
		handler.concurrency = CONCURRENCY_CONTROL;
		handler.core = PROCESSOR_CORE_ID == CORE_AFFINITY_NO_PREFERENCE ? 0 :
			       PROCESSOR_CORE_ID;
		apex_unlock();
	}
}
