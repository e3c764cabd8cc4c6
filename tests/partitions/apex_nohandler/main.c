/*
 * An APEX partition without an error handler (apex/error.c): a process's divide error, handed to
 * the partition, goes back to the kernel's health monitor (hm_fault_escalate), whose action for
 * it here is a cold restart; in the restarted partition an application error raised without a
 * handler is reported to the kernel (hm_report), whose action for it here is log only.
 */
#include <ARINC653.h>
#include <bulkhead.h>

#define STACK 4096

static void divider(void)
{
	uint32_t quotient, zero = 0;

	printf("divider: dividing by zero\n");
	__asm__ volatile("divl %2" : "=a"(quotient) : "a"(1), "r"(zero), "d"(0));
	printf("divider: went on past its division (%u)\n", quotient);
	STOP_SELF();
}

static void raiser(void)
{
	RETURN_CODE_TYPE rc;
	static char message[] = "no handler for this";

	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)message, sizeof(message) - 1,
				&rc);
	printf("raiser: RAISE_APPLICATION_ERROR returned %d, going on\n", (int)rc);
	STOP_SELF();
}

int main(void)
{
	PARTITION_STATUS_TYPE status;
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = INFINITE_TIME_VALUE, .TIME_CAPACITY = INFINITE_TIME_VALUE,
		.STACK_SIZE = STACK, .BASE_PRIORITY = 10, .DEADLINE = SOFT, .NAME = "worker",
	};
	PROCESS_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	GET_PARTITION_STATUS(&status, &rc);
	printf("start condition %d\n", (int)status.START_CONDITION);
	a.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)(status.START_CONDITION == NORMAL_START ? divider :
					      raiser);
	CREATE_PROCESS(&a, &id, &rc);
	START(id, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
