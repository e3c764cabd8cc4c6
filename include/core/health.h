/* The health monitor: every partition failure is logged, then handled as the deployment says. */
#ifndef CORE_HEALTH_H
#define CORE_HEALTH_H

#include <stdint.h>
#include <core/vcpu.h>
#include <core/deployment.h>
#include <public/health.h>

struct partition;

#define HM_LOG_SIZE 64

/*
 * The last events. The i-th oldest held is records[order[(head + i) % HM_LOG_SIZE]], i < held: the
 * order is a ring of slots, and the records stay where they were written. Once the log is full, a
 * new event replaces the oldest record of the partition that holds the most (its own, on a tie):
 * a partition failing in a loop replaces its own records, and each of N partitions with records
 * keeps at least its newest HM_LOG_SIZE / N.
 */
struct hm_log {
	uint32_t total;                        /* events since boot; the newest is total - 1 */
	uint32_t held;
	uint32_t head;
	uint8_t order[HM_LOG_SIZE];
	struct bh_hm_record records[HM_LOG_SIZE];
};

extern struct hm_log hm_log;

/* An event raised by vcpu v (code: error code or application code; eip and address of a fault):
 * handed to the partition as BH_VINT_FAULT if the deployment's hm_deliver names it and v can take
 * the upcall now, else the deployment's action (hm_actions) applies. */
void health_event(struct vcpu *v, enum hm_event event, uint32_t code, uint32_t eip,
		  uint32_t address);
/* For the end-of-run report: the event counts of quiet partitions, whose lines were rationed. */
void health_summary(void);

/* Events whose console lines still wait for time to print them (core/health.c says why). */
extern uint32_t health_lines_waiting;
/* Prints the waiting lines, oldest first, that end by `until`; with `only`, up to the first line
 * of another partition (core/deferred_output.c decides when the console port is free for them). */
void health_print_waiting(tick32_t until, const struct partition *only);
/* Prints every line still waiting, and how many were lost: for the end-of-run report. */
void health_print_all(void);
/* Record `index` counted from the oldest still held; BH_ENOENT past the newest. */
int32_t hm_log_read(uint32_t index, struct bh_hm_record *out);
/* hm_report(code) and hm_read_log(index, out) (public/hypercall.h). */
int32_t hc_hm_report(struct vcpu *v, uint32_t code);
int32_t hc_hm_read_log(struct vcpu *v, uint32_t index, uint32_t out);
/* hm_fault_read(out) and hm_fault_escalate() (public/hypercall.h). */
int32_t hc_hm_fault_read(struct vcpu *v, uint32_t out);
int32_t hc_hm_fault_escalate(struct vcpu *v);

#endif
