/* Virtual interrupts: pending and mask bitmaps per vcpu, delivered as upcalls (public/vint.h). */
#include <stddef.h>
#include <core/vint.h>
#include <core/partition.h>
#include <core/dispatch.h>
#include <core/guest.h>
#include <core/health.h>
#include <core/trace.h>
#include <core/platform.h>
#include <public/vint.h>
#include <lib/string.h>

#define MIN_TIMER_PERIOD_NS US(10)
#define MAX_TIMER_NS (MS(1000) * 3600)
#define LINE(l) (1u << (l))

void vint_timer_rearm(struct vcpu_timer *t, tick32_t now)
{
	/* periods stay on the grid first + k * period: no drift. The expiry just reached is
	 * behind `now` by less than a major frame. */
	uint32_t late = now - t->expiry.at;
	uint64_t missed = late >= t->period ? late / t->period : 0;

	t->missed += (uint32_t)missed;
	/* armed from `now`, so that its first step is ahead of it (1 tick at least) */
	tick32_deadline_arm(&t->expiry, now, (missed + 1) * t->period - late);
}

static uint32_t lowest_line(uint32_t bits)
{
	return (uint32_t)__builtin_ctz(bits);
}

/* What the upcall finds on its stack: a cdecl call frame, then the upcall frame it points to. */
struct upcall_stack {
	uint32_t return_address;            /* 0: an upcall ends with vint_return, never ret */
	uint32_t line;
	uint32_t frame;                     /* partition address of `upcall` below */
	struct bh_upcall_frame upcall;
};

/* What a delivery may write below the upcall stack's top: the frames, and up to 15 of alignment. */
#define UPCALL_STACK_NEED (sizeof(struct upcall_stack) + 15)
_Static_assert(UPCALL_STACK_NEED == BH_UPCALL_STACK_MIN, "the ABI's upcall stack minimum");

const char *vint_line_name(uint32_t line)
{
	static const char *const names[BH_VINT_LINES] = {
		[BH_VINT_TIMER] = "timer", [BH_VINT_WINDOW_START] = "window start",
		[BH_VINT_PORT] = "port", [BH_VINT_DOORBELL] = "doorbell",
		[BH_VINT_PARTITION_DOORBELL] = "partition doorbell", [BH_VINT_HEALTH] = "health",
	};

	return line < BH_VINT_LINES ? names[line] : "?";
}

void vint_deliver(struct vcpu *v)
{
	struct interrupt_storage *irq = &v->arch.irq;
	/* not in an upcall (delivery is enabled): the vcpu runs on user_regs */
	const context_t *ctx = &v->arch.user_regs;
	uint32_t ready = irq->pending & ~irq->mask, line, top, at, missed;
	uint8_t *area;
	struct upcall_stack *s;

	/* vint_exit_check found a line and delivery enabled (so no upcall running) */
	if (!irq->upcall_entry)
		return;
	line = lowest_line(ready);
	top = irq->upcall_stack ? irq->upcall_stack : ctx->frame.esp;
	/* one check of all a delivery may write, then written in place: every field is set, so
	 * nothing else leaks in */
	area = guest_ptr(v->partition, top - UPCALL_STACK_NEED, UPCALL_STACK_NEED);
	if (!area) {
		/* the upcall stack is not the partition's memory: the vcpu cannot take upcalls */
		health_event(v, HM_EVENT_VCPU_MISUSE, line, ctx->frame.eip, top);
		return;
	}
	/* esp + 4 is 16-byte aligned at the upcall's entry, as at any cdecl function's */
	at = ((top - sizeof(*s) + 4) & ~15u) - 4;
	s = (struct upcall_stack *)(area + (at - (top - UPCALL_STACK_NEED)));
	/* the timer's missed periods are told with its delivery, and only there */
	missed = line == BH_VINT_TIMER ? v->timer.missed : 0;
	v->timer.missed -= missed;
	s->return_address = 0;
	s->line = line;
	s->frame = at + offsetof(struct upcall_stack, upcall);
	s->upcall.line = line;
	s->upcall.missed = missed;
	s->upcall.eax = ctx->eax; s->upcall.ebx = ctx->ebx; s->upcall.ecx = ctx->ecx;
	s->upcall.edx = ctx->edx; s->upcall.esi = ctx->esi; s->upcall.edi = ctx->edi;
	s->upcall.ebp = ctx->ebp; s->upcall.esp = ctx->frame.esp; s->upcall.eip = ctx->frame.eip;
	s->upcall.eflags = ctx->frame.eflags;

	irq->pending &= ~LINE(line);
	irq->enabled = 0;
	arch_enter_upcall(&v->arch, irq->upcall_entry, at);
	trace_vcpu(TRACE_VINT, v, line);
}

int32_t hc_vint_set_upcall(struct vcpu *v, uint32_t entry, uint32_t stack)
{
	if (entry && !guest_ptr(v->partition, entry, 1))
		return BH_EFAULT;
	if (stack && !guest_ptr(v->partition, stack - UPCALL_STACK_NEED, UPCALL_STACK_NEED))
		return BH_EFAULT;
	v->arch.irq.upcall_entry = entry;
	v->arch.irq.upcall_stack = stack;
	return 0;
}

int32_t hc_vint_enable(struct vcpu *v, uint32_t on)
{
	uint32_t old = v->arch.irq.enabled;

	if (arch_vcpu_in_upcall(&v->arch) && on)
		return BH_EBUSY;   /* delivery comes back on with vint_return */
	v->arch.irq.enabled = on ? 1 : 0;
	return (int32_t)old;
}

int32_t hc_vint_mask(struct vcpu *v, uint32_t line, uint32_t masked)
{
	uint32_t old;

	if (line >= BH_VINT_LINES)
		return BH_EINVAL;
	old = (v->arch.irq.mask >> line) & 1;
	if (masked)
		v->arch.irq.mask |= LINE(line);
	else
		v->arch.irq.mask &= ~LINE(line);
	return (int32_t)old;
}

static int doorbell_allowed(const struct partition *from, const struct partition *to)
{
	for (int i = 0; i < CONFIG_MAX_PARTITIONS && from->config->doorbell_to[i]; i++)
		if (strcmp(from->config->doorbell_to[i], to->name) == 0)
			return 1;
	return 0;
}

int32_t hc_vint_doorbell(struct vcpu *v, uint32_t partition, uint32_t index)
{
	struct partition *to;

	if (partition == BH_SELF || partition == v->partition->id) {
		if (index >= v->partition->vcpu_count)
			return BH_EINVAL;
		vint_raise(v->partition->vcpus[index], BH_VINT_DOORBELL);
		return 0;
	}
	if (partition >= partition_count)
		return BH_ENOENT;
	to = &partitions[partition];
	if (!doorbell_allowed(v->partition, to))
		return BH_EPERM;
	if (index >= to->vcpu_count)
		return BH_EINVAL;
	vint_raise(to->vcpus[index], BH_VINT_PARTITION_DOORBELL);
	return 0;
}

int32_t hc_vint_set_timer(struct vcpu *v, uint64_t period_ns, uint64_t first_ns)
{
	struct vcpu_timer *t = &v->timer;

	if ((period_ns && period_ns < MIN_TIMER_PERIOD_NS) || period_ns > MAX_TIMER_NS ||
	    first_ns > MAX_TIMER_NS)
		return BH_EINVAL;
	if (!first_ns && period_ns)
		first_ns = period_ns;
	if (first_ns) {
		t->period = platform_clock_ns_to_ticks(period_ns);
		tick32_deadline_arm(&t->expiry, platform_clock_now32(), platform_clock_ns_to_ticks(first_ns));
		t->missed = 0;
	} else {
		t->expiry.armed = false;
		t->period = 0;
	}
	/* the dispatcher programs the platform timer for the new deadline, or drops the old one */
	dispatch_events_changed(v->partition);
	dispatch_schedule(false);
	return 0;
}

int32_t hc_vint_block(struct vcpu *v)
{
	if (v->arch.irq.pending & ~v->arch.irq.mask)
		return 0;
	vcpu_block(v, 0);
	return 0;
}

int32_t hc_vint_return(struct vcpu *v)
{
	struct interrupt_storage *irq = &v->arch.irq;

	if (!arch_vcpu_in_upcall(&v->arch))
		return BH_EINVAL;
	arch_leave_upcall(&v->arch);
	irq->enabled = 1;
	/* the caller stores this in eax, which is then the upcall's and no longer restored */
	return 0;
}
