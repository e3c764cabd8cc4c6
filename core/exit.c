/*
 * The exit step: every entry into the kernel (a hypercall, an exception, the timer, another
 * interrupt, the end of boot) ends here, on the way to arch_return_to_guest's iret. Handlers only
 * change state and mark what needs deciding (core/cpu.h); here the CPU decides once, then
 * delivers a virtual interrupt if the vcpu that runs next may take one. One preemption point, as
 * xv6's trap() ends and seL4's schedule(); activateThread(); does.
 */
#include <core/arch.h>
#include <core/cpu.h>
#include <core/dispatch.h>
#include <core/vint.h>

void core_exit(void)
{
	struct cpu *c = this_cpu();

	if (c->decision_needed)
		dispatch_decide(c);
	vint_exit_check(c->current);
}
