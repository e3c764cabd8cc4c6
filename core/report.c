/* End-of-run summary, printed before a clean shutdown. */
#include <core/report.h>
#include <core/platform.h>
#include <core/partition.h>
#include <core/dispatch.h>
#include <core/health.h>
#include <core/console.h>
#include <core/trace.h>
#include <core/deferred_output.h>
#include <lib/plural.h>

void report_summary(void)
{
	uint64_t now;

	uint64_t frames = this_cpu()->slot.frame;

	deferred_output_flush();
	now = platform_clock_now();
	kprintf("bulkhead: summary after %llu major frame%s, t=%llu us\n", frames, plural(frames),
		platform_clock_ticks_to_ns(now) / 1000);
	for (uint32_t i = 0; i < partition_count; i++) {
		const struct partition *p = &partitions[i];

		kprintf("bulkhead: partition %u '%s': mode %s, windows %u, faults %u, restarts %u, "
			"requested restarts %u\n", p->id, p->name, partition_mode_name(p->life.mode),
			p->stats.windows_entered, p->stats.faults, p->stats.restarts,
			p->stats.requested_restarts);
		for (const struct vcpu *v = p->vcpu_list; v; v = v->next_in_list)
			kprintf("bulkhead:   vcpu %u.%u (pool id %u): %s, dispatched %u, consumed %llu us, "
				"kernel stack %u of %u bytes\n", p->id, v->index, v->id,
				vcpu_state_name(v->state), v->stats.dispatched,
				platform_clock_ticks_to_ns(v->stats.consumed) / 1000, arch_vcpu_stack_used(v),
				ARCH_KERNEL_STACK_SIZE);
	}
	/* with several CPUs, each one's windows and the latest one began (at its decision) */
	for (uint32_t k = 0; dispatch_cpu_count > 1 && k < dispatch_cpu_count; k++)
		kprintf("bulkhead: cpu %u: %u windows begun, the latest %llu ns after its plan; %u "
			"kicks from other CPUs\n", k, cpus[k].windows,
			platform_clock_ticks_to_ns(cpus[k].worst_late), cpus[k].kicks);
	health_summary();
	kprintf("bulkhead: health-monitor events: %u\n", hm_log.total);
	if (arch_nmi_count)
		kprintf("bulkhead: non-maskable interrupts: %u (the machine's: counted, charged to no "
			"partition)\n", arch_nmi_count);
	trace_report();
}

void report_and_shutdown(void)
{
	struct vcpu *current = current_vcpu();

	/* the others stop first: nothing changes under the summary, and no CPU prints into it */
	cpu_mail_halt_others();
	if (current)
		current->stats.consumed += platform_clock_now32() - current->stats.dispatched_at;
	report_summary();
	kprintf("bulkhead: shutdown\n");
	platform_shutdown();
}

int32_t hc_system_shutdown(struct vcpu *v)
{
	if (!v->partition->config->system)
		return BH_EPERM;
	report_and_shutdown();
}
