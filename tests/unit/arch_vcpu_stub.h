/* Host stand-ins for the arch hooks core/vcpu.c calls; they record the calls for the tests. */
#ifndef TESTS_UNIT_ARCH_VCPU_STUB_H
#define TESTS_UNIT_ARCH_VCPU_STUB_H

#include <stdint.h>

struct vcpu;

struct arch_vcpu_calls {
	uint32_t alloc_struct;          /* calls of alloc_vcpu_struct */
	struct vcpu *alloc_struct_vcpu; /* its last argument */
	uint32_t initialize;            /* calls of vcpu_initialize */
	struct vcpu *initialize_vcpu;   /* its last arguments */
	uint32_t initialize_entry, initialize_stack;
};

extern struct arch_vcpu_calls arch_vcpu_calls;

#endif
