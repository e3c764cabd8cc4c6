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
#include <core/memory_protect.h>
#include <core/platform.h>
#include <lib/string.h>

static int32_t get_time(struct vcpu *v, uint32_t out)
{
	struct bh_time t = { platform_clock_ticks_to_ns(platform_clock_now()) };

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
	vcpu_set_state(t, VCPU_RUNNABLE);
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
		vcpu_set_state(t, VCPU_RUNNABLE);
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
	dispatch_events_changed(t->partition);
	vcpu_initialize(t, 0, 0);
	return 0;
}

static int32_t partition_status(struct vcpu *v, uint32_t id, uint32_t out)
{
	struct bh_partition_status st;
	const struct partition *p;
	int32_t window;

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
	st.requested_restarts = p->stats.requested_restarts;
	st.faults = p->stats.faults;
	/* both less than a major frame from the frame's start */
	if (p->stats.windows_entered)
		st.window_start_ns = platform_clock_ticks_to_ns(
			tick32_extend(dispatch_slot.frame_start, p->window_start));
	window = sched_slot_window(&dispatch_plan, &dispatch_slot);
	if (window != SCHED_IDLE && dispatch_plan.windows[window].partition == p->id)
		st.window_end_ns = platform_clock_ticks_to_ns(
			tick32_extend(dispatch_slot.frame_start, dispatch_slot.end));
	st.major_frame_ns = platform_clock_ticks_to_ns(dispatch_plan.major);
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
		p->stats.requested_restarts++;
		partition_warm_restart(p);
		dispatch_schedule(true);
		return 0;
	case BH_MODE_COLD_START:
		p->stats.requested_restarts++;
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

/*
 * One adapter per hypercall, all of one shape, so the entry path is a bounds check and an indirect
 * call: no big switch whose prologue every call would pay.
 */
typedef int32_t (*hypercall_fn)(struct vcpu *v, const context_t *ctx);

#define A1 HYPERCALL_ARG1(ctx)
#define A2 HYPERCALL_ARG2(ctx)
#define A3 HYPERCALL_ARG3(ctx)
#define A4 HYPERCALL_ARG4(ctx)

static int32_t call_nop(struct vcpu *v, const context_t *ctx)
{
	(void)v;
	(void)ctx;
	return 0;
}

static int32_t call_console(struct vcpu *v, const context_t *ctx) { return hc_console_write(v, A1, A2); }
static int32_t call_get_time(struct vcpu *v, const context_t *ctx) { return get_time(v, A1); }
static int32_t call_vcpu_up(struct vcpu *v, const context_t *ctx) { return vcpu_up(v, A1, A2, A3); }
static int32_t call_status(struct vcpu *v, const context_t *ctx) { return partition_status(v, A1, A2); }
static int32_t call_set_mode(struct vcpu *v, const context_t *ctx) { return set_mode(v, A1); }
static int32_t call_upcall(struct vcpu *v, const context_t *ctx) { return hc_vint_set_upcall(v, A1, A2); }
static int32_t call_enable(struct vcpu *v, const context_t *ctx) { return hc_vint_enable(v, A1); }
static int32_t call_mask(struct vcpu *v, const context_t *ctx) { return hc_vint_mask(v, A1, A2); }
static int32_t call_doorbell(struct vcpu *v, const context_t *ctx) { return hc_vint_doorbell(v, A1, A2); }
static int32_t call_pause(struct vcpu *v, const context_t *ctx) { return vcpu_pause(v, A1, 1); }
static int32_t call_resume(struct vcpu *v, const context_t *ctx) { return vcpu_pause(v, A1, 0); }
static int32_t call_reset(struct vcpu *v, const context_t *ctx) { return vcpu_reset(v, A1); }
static int32_t call_port_open(struct vcpu *v, const context_t *ctx) { return hc_port_open(v, A1, A2); }
static int32_t call_hm_read(struct vcpu *v, const context_t *ctx) { return hm_read(v, A1, A2); }
static int32_t call_protect(struct vcpu *v, const context_t *ctx) { return hc_memory_protect(v, A1, A2, A3); }

static int32_t call_whoami(struct vcpu *v, const context_t *ctx)
{
	(void)ctx;
	return (int32_t)(v->partition->id << 8 | v->index);
}

static int32_t call_yield(struct vcpu *v, const context_t *ctx)
{
	(void)v;
	(void)ctx;
	dispatch_yield();
	return 0;
}

static int32_t call_halt(struct vcpu *v, const context_t *ctx)
{
	(void)ctx;
	vcpu_stop(v, VCPU_HALTED);
	return 0;
}

static int32_t call_shutdown(struct vcpu *v, const context_t *ctx)
{
	(void)ctx;
	if (!v->partition->config->system)
		return BH_EPERM;
	report_and_shutdown();
}

static int32_t call_timer(struct vcpu *v, const context_t *ctx)
{
	return hc_vint_set_timer(v, (uint64_t)A2 << 32 | A1, (uint64_t)A4 << 32 | A3);
}

static int32_t call_block(struct vcpu *v, const context_t *ctx)
{
	(void)ctx;
	return hc_vint_block(v);
}

static int32_t call_return(struct vcpu *v, const context_t *ctx)
{
	(void)ctx;
	return hc_vint_return(v);
}

static int32_t call_sample_write(struct vcpu *v, const context_t *ctx)
{
	return hc_sampling_write(v, A1, A2, A3);
}

static int32_t call_sample_read(struct vcpu *v, const context_t *ctx)
{
	return hc_sampling_read(v, A1, A2, A3, A4);
}

static int32_t call_queue_send(struct vcpu *v, const context_t *ctx)
{
	return hc_queuing_send(v, A1, A2, A3);
}

static int32_t call_queue_receive(struct vcpu *v, const context_t *ctx)
{
	return hc_queuing_receive(v, A1, A2, A3, A4);
}

static int32_t call_hm_report(struct vcpu *v, const context_t *ctx)
{
	health_event(v, HM_EVENT_APPLICATION_ERROR, A1, ctx->frame.eip, 0);
	return 0;
}

static const hypercall_fn hypercalls[BH_HC_COUNT] = {
	[BH_HC_NOP] = call_nop,
	[BH_HC_CONSOLE_WRITE] = call_console,
	[BH_HC_YIELD] = call_yield,
	[BH_HC_GET_TIME] = call_get_time,
	[BH_HC_WHOAMI] = call_whoami,
	[BH_HC_VCPU_UP] = call_vcpu_up,
	[BH_HC_VCPU_HALT] = call_halt,
	[BH_HC_PARTITION_STATUS] = call_status,
	[BH_HC_PARTITION_SET_MODE] = call_set_mode,
	[BH_HC_SYSTEM_SHUTDOWN] = call_shutdown,
	[BH_HC_VINT_SET_UPCALL] = call_upcall,
	[BH_HC_VINT_ENABLE] = call_enable,
	[BH_HC_VINT_MASK] = call_mask,
	[BH_HC_VINT_DOORBELL] = call_doorbell,
	[BH_HC_VINT_SET_TIMER] = call_timer,
	[BH_HC_VINT_BLOCK] = call_block,
	[BH_HC_VINT_RETURN] = call_return,
	[BH_HC_VCPU_PAUSE] = call_pause,
	[BH_HC_VCPU_RESUME] = call_resume,
	[BH_HC_VCPU_RESET] = call_reset,
	[BH_HC_PORT_OPEN] = call_port_open,
	[BH_HC_SAMPLING_WRITE] = call_sample_write,
	[BH_HC_SAMPLING_READ] = call_sample_read,
	[BH_HC_QUEUING_SEND] = call_queue_send,
	[BH_HC_QUEUING_RECEIVE] = call_queue_receive,
	[BH_HC_HM_REPORT] = call_hm_report,
	[BH_HC_HM_READ_LOG] = call_hm_read,
	[BH_HC_MEMORY_PROTECT] = call_protect,
};

void core_hypercall(context_t *ctx)
{
	uint32_t nr = HYPERCALL_NUMBER(ctx);

	HYPERCALL_RESULT(ctx) = nr < BH_HC_COUNT ? (uint32_t)hypercalls[nr](current, ctx)
						 : (uint32_t)BH_ENOSYS;
	vint_exit_check(current);
}
