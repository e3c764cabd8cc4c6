/*
 * The arch half of vcpu allocation, for host tests of core/vcpu.c: the real one (arch/x86/
 * arch_vcpu.c) sets segment selectors and FPU images, which mean nothing on the host. These only
 * record that core called them, and with what.
 */
#include <core/vcpu.h>
#include "arch_vcpu_stub.h"

struct arch_vcpu_calls arch_vcpu_calls;

void alloc_vcpu_struct(struct vcpu *v)
{
	arch_vcpu_calls.alloc_struct++;
	arch_vcpu_calls.alloc_struct_vcpu = v;
}

void vcpu_initialize(struct vcpu *v, uint32_t entry, uint32_t stack)
{
	arch_vcpu_calls.initialize++;
	arch_vcpu_calls.initialize_vcpu = v;
	arch_vcpu_calls.initialize_entry = entry;
	arch_vcpu_calls.initialize_stack = stack;
}
