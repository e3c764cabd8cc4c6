/*
 * The exit step: every entry into the kernel (a hypercall, an exception, the timer, another
 * interrupt, the end of boot) ends in it, just before arch_return_to_guest's iret. Handlers only
 * change state and mark what needs deciding (core/cpu.h); here the CPU decides once, then delivers
 * a virtual interrupt if the vcpu that runs next may take one. One preemption point, as xv6's
 * trap() ends and seL4's schedule(); activateThread(); does. Inline at the end of each core entry
 * (core_hypercall, core_timer_event, core_exit): a call and its frame were a fifth of a null
 * hypercall.
 */
#ifndef CORE_EXIT_H
#define CORE_EXIT_H

#include <core/cpu.h>
#include <core/dispatch.h>
#include <core/vint.h>

static inline void exit_step(void)
{
	/* the CPU found again after each call, not kept in a register across them: in a null
	 * hypercall a load, where the register cost a push and a pop */
	if (this_cpu()->decision_needed)
		dispatch_decide(this_cpu());
	/* a delivery that fails (an upcall stack outside the partition) is a health event, which
	 * may stop the vcpu: then the CPU decides again, so that a stopped vcpu never runs */
	while (vint_exit_check(current_vcpu()) && this_cpu()->decision_needed)
		dispatch_decide(this_cpu());
}

#endif
