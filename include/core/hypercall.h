/* Hypercall handlers that do not belong to a larger subsystem. */
#ifndef CORE_HYPERCALL_H
#define CORE_HYPERCALL_H

#include <stdint.h>
#include <core/vcpu.h>

/* console_write: buffered per partition, a line at a time, prefixed with the partition's name. */
int32_t hc_console_write(struct vcpu *v, uint32_t buf, uint32_t len);

#endif
