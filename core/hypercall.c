/*
 * The hypercall table: number in, arguments from the saved registers, result back in eax.
 * Anything a partition passes is checked where it is used; an unknown number is BH_ENOSYS.
 */
#include <core/hypercall.h>
#include <core/partition.h>
#include <core/dispatch.h>
#include <core/guest.h>
#include <core/vint.h>
#include <core/ports.h>
#include <core/health.h>
#include <core/report.h>
#include <lib/string.h>

static int32_t get_time(struct vcpu *v, uint32_t out)
{
	struct bh_time t = { arch_clock_ticks_to_ns(arch_clock_now()) };

	return copy_to_guest(v->partition, out, &t, sizeof(t));
}

static struct vcpu *sibling(struct vcpu *v, uint32_t index)
{
	return index < v->partition->vcpu_count ? v->partition->vcpus[index] : NULL;
}

static int32_t vcpu_up(struct vcpu *v, uint32_t index, uint32_t entry, uint32_t stack)
{
	struct vcpu *t = sibling(v, index);

	if (!t)
		return BH_EINVAL;
	if (t->state != VCPU_DOWN)
		return BH_EBUSY;
	/* the stack grows down from `stack`: its top may be the end of memory */
	if (!guest_ptr(v->partition, entry, 1) || !guest_ptr(v->partition, stack - 4, 4))
		return BH_EFAULT;
	vcpu_initialize(t, entry, stack);
	t->state = VCPU_RUNNABLE;
	return 0;
}

static int32_t vcpu_pause(struct vcpu *v, uint32_t index, int pause)
{
	struct vcpu *t = sibling(v, index);

	if (!t || t == v)
		return BH_EINVAL;
	if (pause) {
		if (t->state != VCPU_RUNNABLE && t->state != VCPU_BLOCKED)
			return BH_EBUSY;
		vcpu_stop(t, VCPU_PAUSED);
	} else {
		if (t->state != VCPU_PAUSED)
			return BH_EBUSY;
		t->state = VCPU_RUNNABLE;
	}
	return 0;
}

static int32_t vcpu_reset(struct vcpu *v, uint32_t index)
{
	struct vcpu *t = sibling(v, index);

	if (!t || t == v)
		return BH_EINVAL;
	vcpu_stop(t, VCPU_DOWN);
	memset(&t->timer, 0, sizeof(t->timer));
	vcpu_initialize(t, 0, 0);
	return 0;
}

static int32_t partition_status(struct vcpu *v, uint32_t id, uint32_t out)
{
	struct bh_partition_status st;
	const struct partition *p;

	if (id == BH_SELF)
		id = v->partition->id;
	if (id >= partition_count)
		return BH_ENOENT;
	if (id != v->partition->id && !v->partition->config->system)
		return BH_EPERM;
	p = &partitions[id];
	/* whole struct cleared first: no padding or stale kernel byte may reach a partition */
	memset(&st, 0, sizeof(st));
	st.id = p->id;
	st.mode = p->mode;
	st.vcpu_count = p->vcpu_count;
	for (uint32_t i = 0; i < p->vcpu_count; i++)
		st.vcpu_state[i] = p->vcpus[i]->state;
	st.restarts = p->stats.restarts;
	st.faults = p->stats.faults;
	st.window_start_ns = arch_clock_ticks_to_ns(p->window_start);
	if (dispatch_slot.window != SCHED_IDLE &&
	    dispatch_plan.windows[dispatch_slot.window].partition == p->id)
		st.window_end_ns = arch_clock_ticks_to_ns(dispatch_slot.end);
	st.major_frame_ns = arch_clock_ticks_to_ns(dispatch_plan.major);
	st.windows_entered = p->stats.windows_entered;
	st.system = p->config->system;
	return copy_to_guest(v->partition, out, &st, sizeof(st));
}

static int32_t set_mode(struct vcpu *v, uint32_t mode)
{
	struct partition *p = v->partition;

	switch (mode) {
	case BH_MODE_NORMAL:
		p->mode = PARTITION_NORMAL;
		return 0;
	case BH_MODE_IDLE:
		partition_stop(p);
		return 0;
	case BH_MODE_WARM_START:
		partition_warm_restart(p);
		dispatch_schedule(true);
		return 0;
	case BH_MODE_COLD_START:
		partition_cold_restart(p);
		return 0;
	default:
		return BH_EINVAL;
	}
}

static int32_t hm_read(struct vcpu *v, uint32_t index, uint32_t out)
{
	struct bh_hm_record r;
	int32_t err;

	if (!v->partition->config->system)
		return BH_EPERM;
	if ((err = hm_log_read(index, &r)))
		return err;
	return copy_to_guest(v->partition, out, &r, sizeof(r));
}

static int32_t dispatch_call(struct vcpu *v, context_t *ctx)
{
	uint32_t a1 = HYPERCALL_ARG1(ctx), a2 = HYPERCALL_ARG2(ctx), a3 = HYPERCALL_ARG3(ctx);
	uint32_t a4 = HYPERCALL_ARG4(ctx);

	switch (HYPERCALL_NUMBER(ctx)) {
	case BH_HC_NOP:
		return 0;
	case BH_HC_CONSOLE_WRITE:
		return hc_console_write(v, a1, a2);
	case BH_HC_YIELD:
		dispatch_schedule(true);
		return 0;
	case BH_HC_GET_TIME:
		return get_time(v, a1);
	case BH_HC_WHOAMI:
		return (int32_t)(v->partition->id << 8 | v->index);
	case BH_HC_VCPU_UP:
		return vcpu_up(v, a1, a2, a3);
	case BH_HC_VCPU_HALT:
		vcpu_stop(v, VCPU_HALTED);
		return 0;
	case BH_HC_PARTITION_STATUS:
		return partition_status(v, a1, a2);
	case BH_HC_PARTITION_SET_MODE:
		return set_mode(v, a1);
	case BH_HC_SYSTEM_SHUTDOWN:
		if (!v->partition->config->system)
			return BH_EPERM;
		report_and_shutdown();
	case BH_HC_VINT_SET_UPCALL:
		return hc_vint_set_upcall(v, a1, a2);
	case BH_HC_VINT_ENABLE:
		return hc_vint_enable(v, a1);
	case BH_HC_VINT_MASK:
		return hc_vint_mask(v, a1, a2);
	case BH_HC_VINT_DOORBELL:
		return hc_vint_doorbell(v, a1, a2);
	case BH_HC_VINT_SET_TIMER:
		return hc_vint_set_timer(v, (uint64_t)a2 << 32 | a1, (uint64_t)a4 << 32 | a3);
	case BH_HC_VINT_BLOCK:
		return hc_vint_block(v);
	case BH_HC_VINT_RETURN:
		return hc_vint_return(v);
	case BH_HC_VCPU_PAUSE:
		return vcpu_pause(v, a1, 1);
	case BH_HC_VCPU_RESUME:
		return vcpu_pause(v, a1, 0);
	case BH_HC_VCPU_RESET:
		return vcpu_reset(v, a1);
	case BH_HC_PORT_OPEN:
		return hc_port_open(v, a1, a2);
	case BH_HC_SAMPLING_WRITE:
		return hc_sampling_write(v, a1, a2, a3);
	case BH_HC_SAMPLING_READ:
		return hc_sampling_read(v, a1, a2, a3, a4);
	case BH_HC_QUEUING_SEND:
		return hc_queuing_send(v, a1, a2, a3);
	case BH_HC_QUEUING_RECEIVE:
		return hc_queuing_receive(v, a1, a2, a3, a4);
	case BH_HC_HM_REPORT:
		health_event(v, HM_EVENT_APPLICATION_ERROR, a1, ctx->frame.eip, 0);
		return 0;
	case BH_HC_HM_READ_LOG:
		return hm_read(v, a1, a2);
	default:
		return BH_ENOSYS;
	}
}

void core_hypercall(context_t *ctx)
{
	HYPERCALL_RESULT(ctx) = (uint32_t)dispatch_call(current, ctx);
	vint_exit_check(current);
}
