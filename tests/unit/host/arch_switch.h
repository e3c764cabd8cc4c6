/*
 * Host stand-in for include/arch/x86/arch_switch.h (control registers, the TSS): the switch and
 * the upcall context changes are calls into the fake platform (tests/unit/fake_platform.c), which
 * records them. Same guard as the real header.
 */
#ifndef ARCH_X86_ARCH_SWITCH_H
#define ARCH_X86_ARCH_SWITCH_H

#include <stdint.h>
#include <arch_vcpu.h>

struct arch_aspace;
struct bh_upcall_frame;

void arch_switch_to(struct arch_vcpu *next, const struct arch_aspace *as);
void arch_upcall_save(const struct arch_vcpu *a, struct bh_upcall_frame *f);
void arch_enter_upcall(struct arch_vcpu *a, uint32_t eip, uint32_t esp, uint32_t line,
		       uint32_t frame, uint32_t missed);
void arch_leave_upcall(struct arch_vcpu *a);

#endif
