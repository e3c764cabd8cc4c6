/* The end-of-run summary: per partition and vcpu, what ran and what failed. */
#ifndef CORE_REPORT_H
#define CORE_REPORT_H

void report_summary(void);
/* Prints the summary and stops the machine cleanly. */
void report_and_shutdown(void) __attribute__((noreturn));

#endif
