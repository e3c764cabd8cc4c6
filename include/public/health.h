/*
 * Bulkhead public ABI: the health monitor.
 * Every event (a CPU exception in a partition, an application error reported with hm_report, a
 * vcpu stopped for misuse) is logged with a timestamp and handled by the action the deployment
 * sets for that partition and event: log only, stop the partition, cold or warm restart, or stop
 * the system. A fault whose event the deployment's hm_deliver names is handed to the partition
 * instead, as BH_VINT_FAULT on the faulting vcpu (vint.h), when that vcpu can take the upcall:
 * hm_fault_read tells it, hm_fault_escalate applies the action after all (ABI 3). A system
 * partition reads the log with hm_read_log.
 */
#ifndef BULKHEAD_PUBLIC_HEALTH_H
#define BULKHEAD_PUBLIC_HEALTH_H

#include "types.h"

/* Event numbers: 0..31 are CPU exception vectors; then: */
#define BH_HM_EVENT_APPLICATION_ERROR 32
#define BH_HM_EVENT_VCPU_MISUSE 33
/* a page fault in a guard page: below vcpu 0's stack, or a page made BH_PROT_NONE */
#define BH_HM_EVENT_STACK_OVERFLOW 34

/* Actions, as logged. */
#define BH_HM_ACTION_LOG 1
#define BH_HM_ACTION_STOP 2
#define BH_HM_ACTION_COLD_RESTART 3
#define BH_HM_ACTION_WARM_RESTART 4
#define BH_HM_ACTION_SHUTDOWN 5
/* handed to the partition as BH_VINT_FAULT (the deployment's hm_deliver), the vcpu goes on */
#define BH_HM_ACTION_DELIVER 6

struct bh_hm_record {
	uint64_t time_ns;
	uint32_t sequence;     /* counts every event since boot */
	uint32_t event;
	uint32_t partition;
	uint32_t vcpu;         /* index in the partition */
	uint32_t eip;
	uint32_t address;      /* faulting address (page faults); vcpu misuse: the upcall stack
	                        * top no frame fits under */
	uint32_t code;         /* error code (exceptions) or the application's code */
	uint32_t action;
};

#endif
