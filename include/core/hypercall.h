/* The hypercall table's own state, and the console handler. */
#ifndef CORE_HYPERCALL_H
#define CORE_HYPERCALL_H

#include <stdint.h>
#include <core/vcpu.h>

/* What abi_version() answers: BH_ABI_VERSION, unless the command line's test_abi_version=. */
extern uint32_t hypercall_abi_version;

/* console_write: buffered per partition, a line at a time, prefixed with the partition's name. */
int32_t hc_console_write(struct vcpu *v, uint32_t buf, uint32_t len);

#endif
