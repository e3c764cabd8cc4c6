/*
 * The hypercall table: number in, arguments from the saved registers, result back in eax. Each
 * handler lives with its subsystem and takes its arguments typed; this table declares them all,
 * with how many arguments each takes. Anything a partition passes is checked where it is used; an
 * unknown number is BH_ENOSYS.
 */
#include <core/hypercall.h>
#include <core/cpu.h>
#include <core/exit.h>
#include <core/dispatch.h>
#include <core/partition.h>
#include <core/vcpu_control.h>
#include <core/vint.h>
#include <core/ports.h>
#include <core/health.h>
#include <core/report.h>
#include <core/memory_protect.h>
#include <core/guest_time.h>
#include <core/shm.h>
#include <core/schedule.h>
#include <core/device.h>

static int32_t hc_nop(struct vcpu *v)
{
	(void)v;
	return 0;
}

static int32_t hc_whoami(struct vcpu *v)
{
	return (int32_t)(v->partition->id << 8 | v->index);
}

uint32_t hypercall_abi_version = BH_ABI_VERSION;

static int32_t hc_abi_version(struct vcpu *v)
{
	(void)v;
	return (int32_t)hypercall_abi_version;
}

struct hypercall {
	uint32_t args;
	union {
		int32_t (*a0)(struct vcpu *v);
		int32_t (*a1)(struct vcpu *v, uint32_t);
		int32_t (*a2)(struct vcpu *v, uint32_t, uint32_t);
		int32_t (*a3)(struct vcpu *v, uint32_t, uint32_t, uint32_t);
		int32_t (*a4)(struct vcpu *v, uint32_t, uint32_t, uint32_t, uint32_t);
	} fn;
};

#define HC0(f) { 0, { .a0 = (f) } }
#define HC1(f) { 1, { .a1 = (f) } }
#define HC2(f) { 2, { .a2 = (f) } }
#define HC3(f) { 3, { .a3 = (f) } }
#define HC4(f) { 4, { .a4 = (f) } }

static const struct hypercall hypercalls[BH_HC_COUNT] = {
	[BH_HC_NOP] = HC0(hc_nop),
	[BH_HC_CONSOLE_WRITE] = HC2(hc_console_write),
	[BH_HC_YIELD] = HC0(hc_yield),
	[BH_HC_GET_TIME] = HC1(hc_get_time),
	[BH_HC_WHOAMI] = HC0(hc_whoami),
	[BH_HC_VCPU_UP] = HC3(hc_vcpu_up),
	[BH_HC_VCPU_HALT] = HC0(hc_vcpu_halt),
	[BH_HC_PARTITION_STATUS] = HC2(hc_partition_status),
	[BH_HC_PARTITION_SET_MODE] = HC1(hc_partition_set_mode),
	[BH_HC_SYSTEM_SHUTDOWN] = HC0(hc_system_shutdown),
	[BH_HC_VINT_SET_UPCALL] = HC2(hc_vint_set_upcall),
	[BH_HC_VINT_ENABLE] = HC1(hc_vint_enable),
	[BH_HC_VINT_MASK] = HC2(hc_vint_mask),
	[BH_HC_VINT_DOORBELL] = HC2(hc_vint_doorbell),
	[BH_HC_VINT_SET_TIMER] = HC4(hc_vint_set_timer),
	[BH_HC_VINT_BLOCK] = HC0(hc_vint_block),
	[BH_HC_VINT_RETURN] = HC1(hc_vint_return),
	[BH_HC_VCPU_PAUSE] = HC1(hc_vcpu_pause),
	[BH_HC_VCPU_RESUME] = HC1(hc_vcpu_resume),
	[BH_HC_VCPU_RESET] = HC1(hc_vcpu_reset),
	[BH_HC_PORT_OPEN] = HC2(hc_port_open),
	[BH_HC_SAMPLING_WRITE] = HC3(hc_sampling_write),
	[BH_HC_SAMPLING_READ] = HC4(hc_sampling_read),
	[BH_HC_QUEUING_SEND] = HC3(hc_queuing_send),
	[BH_HC_QUEUING_RECEIVE] = HC4(hc_queuing_receive),
	[BH_HC_HM_REPORT] = HC1(hc_hm_report),
	[BH_HC_HM_READ_LOG] = HC2(hc_hm_read_log),
	[BH_HC_MEMORY_PROTECT] = HC3(hc_memory_protect),
	[BH_HC_ABI_VERSION] = HC0(hc_abi_version),
	[BH_HC_VINT_SET_INFO] = HC1(hc_vint_set_info),
	[BH_HC_PARTITION_INFO] = HC1(hc_partition_info),
	[BH_HC_HM_FAULT_READ] = HC1(hc_hm_fault_read),
	[BH_HC_HM_FAULT_ESCALATE] = HC0(hc_hm_fault_escalate),
	[BH_HC_PORT_STATUS] = HC2(hc_port_status),
	[BH_HC_QUEUING_CLEAR] = HC1(hc_queuing_clear),
	[BH_HC_SHM_OPEN] = HC2(hc_shm_open),
	[BH_HC_IRQ_DONE] = HC1(hc_irq_done),
	[BH_HC_SCHEDULE_SET] = HC1(hc_schedule_set),
	[BH_HC_SCHEDULE_STATUS] = HC1(hc_schedule_status),
	[BH_HC_SCHEDULE_FIND] = HC1(hc_schedule_find),
};

void core_hypercall(context_t *ctx)
{
	uint32_t nr = arch_hypercall_number(ctx);
	struct vcpu *v = current_vcpu();
	const struct hypercall *h;
	int32_t result;

	if (nr >= BH_HC_COUNT) {
		arch_hypercall_set_result(ctx, BH_ENOSYS);
		exit_step();
		return;
	}
	h = &hypercalls[nr];
	/* five counts and a default: enough cases for GCC to jump through a table (a search tree
	 * took 5 instructions to reach a call without arguments) */
	switch (h->args) {
	case 0:
		result = h->fn.a0(v);
		break;
	case 1:
		result = h->fn.a1(v, arch_hypercall_arg(ctx, 1));
		break;
	case 2:
		result = h->fn.a2(v, arch_hypercall_arg(ctx, 1), arch_hypercall_arg(ctx, 2));
		break;
	case 3:
		result = h->fn.a3(v, arch_hypercall_arg(ctx, 1), arch_hypercall_arg(ctx, 2),
				  arch_hypercall_arg(ctx, 3));
		break;
	case 4:
		result = h->fn.a4(v, arch_hypercall_arg(ctx, 1), arch_hypercall_arg(ctx, 2),
				  arch_hypercall_arg(ctx, 3), arch_hypercall_arg(ctx, 4));
		break;
	default:
		/* none: HC0 to HC4 write every entry */
		result = BH_ENOSYS;
		break;
	}
	arch_hypercall_set_result(ctx, result);
	exit_step();
}
