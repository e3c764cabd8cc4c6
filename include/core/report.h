/* The end-of-run summary: per partition and vcpu, what ran and what failed. */
#ifndef CORE_REPORT_H
#define CORE_REPORT_H

#include <stdint.h>

struct vcpu;

void report_summary(void);
/* Prints the summary and stops the machine cleanly. */
void report_and_shutdown(void) __attribute__((noreturn));
/* system_shutdown(): system partitions only. */
int32_t hc_system_shutdown(struct vcpu *v);

#endif
