/* Virtual interrupts: pending and mask bitmaps per vcpu, delivered as upcalls (public/vint.h). */
#include <stddef.h>
#include <core/platform.h>
#include <core/vint.h>
#include <core/partition.h>
#include <core/dispatch.h>
#include <core/guest.h>
#include <core/guest_time.h>
#include <core/health.h>
#include <core/trace.h>
#include <public/vint.h>
#include <lib/container_of.h>
#include <lib/string.h>

#define MIN_TIMER_PERIOD_NS US(10)
#define MAX_TIMER_NS (MS(1000) * 3600)
#define LINE(l) (1u << (l))
#define ALL_LINES (LINE(BH_VINT_LINES) - 1)

void vint_timer_rearm(struct vcpu_timer *t, tick32_t now)
{
	/* periods stay on the grid first + k * period: no drift. The expiry just reached is
	 * behind `now` by less than a major frame. */
	uint32_t late = now - t->expiry.at;
	uint64_t missed = late >= t->period ? late / t->period : 0;

	t->missed += (uint32_t)missed;
	/* armed from `now`, so that its first step is ahead of it (1 tick at least) */
	deadline_arm(&t->expiry, now, (missed + 1) * t->period - late);
}

/* A periodic timer's next expiry, queued. Out of line: a one-shot timer's expiry (the
 * benchmark's) then saves and restores no registers. */
static __attribute__((noinline)) void timer_next_period(struct vcpu *v, tick32_t now)
{
	vint_timer_rearm(&v->timer, now);
	dispatch_deadline_armed(v, &v->timer.expiry);
}

void vint_timer_expired(struct deadline *d, tick32_t now)
{
	struct vcpu *v = container_of(d, struct vcpu, timer.expiry);

	if (v->timer.period)
		timer_next_period(v, now);
	/* an expiry not yet delivered absorbs this one: count it as missed */
	if (v->vint.pending & LINE(BH_VINT_TIMER))
		v->timer.missed++;
	vint_raise(v, BH_VINT_TIMER);
}

void vint_reset(struct vcpu *v)
{
	struct vcpu_timer *t = &v->timer;

	if (t->expiry.armed)
		dispatch_deadline_cancel(v, &t->expiry);
	t->period = 0;
	t->missed = 0;
	memset(&v->vint, 0, sizeof(v->vint));
	memset(&v->fault, 0, sizeof(v->fault));
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
		[BH_VINT_FAULT] = "fault", [BH_VINT_SCHEDULE] = "schedule",
	};

	return line < BH_VINT_LINES ? names[line] : "?";
}

void vint_deliver(struct vcpu *v)
{
	struct vcpu_vint *vi = &v->vint;
	uint32_t line, top, at, missed, frame, ready = vi->pending & ~vi->mask;
	uint8_t *area;
	struct upcall_stack *s;

	/* vint_exit_check found a line and delivery enabled (so no upcall running); a shared page
	 * holds the mask and the flag that count, read once */
	if (vi->info) {
		ready &= ~vi->info->mask;
		if (!ready || !(vi->info->enabled & 1))
			return;
	}
	if (!vi->upcall_entry)
		return;
	/* a fault handed to the partition goes first: its upcall must find the faulting context */
	line = (ready & LINE(BH_VINT_FAULT)) ? BH_VINT_FAULT : lowest_line(ready);
	top = vi->upcall_stack ? vi->upcall_stack : arch_vcpu_sp(&v->arch);
	/* one check of all a delivery may write, then written in place: every field is set, so
	 * nothing else leaks in */
	area = guest_ptr(v->partition, top - UPCALL_STACK_NEED, UPCALL_STACK_NEED);
	if (!area) {
		/* the upcall stack is not the partition's memory: the vcpu cannot take upcalls */
		health_event(v, HM_EVENT_VCPU_MISUSE, line, arch_vcpu_pc(&v->arch), top);
		return;
	}
	/* esp + 4 is 16-byte aligned at the upcall's entry, as at any cdecl function's */
	at = ((top - sizeof(*s) + 4) & ~15u) - 4;
	s = (struct upcall_stack *)(area + (at - (top - UPCALL_STACK_NEED)));
	frame = at + offsetof(struct upcall_stack, upcall);
	/* the timer's missed periods are told with its delivery, and only there */
	missed = line == BH_VINT_TIMER ? v->timer.missed : 0;
	v->timer.missed -= missed;
	s->return_address = 0;
	s->line = line;
	s->frame = frame;
	s->upcall.line = line;
	s->upcall.missed = missed;
	arch_upcall_save(&v->arch, &s->upcall);

	vi->pending &= ~LINE(line);
	vi->enabled = 0;
	if (vi->info) {
		vi->info->pending = vi->pending;
		vi->info->enabled = 0;
	}
	arch_enter_upcall(&v->arch, vi->upcall_entry, at, line, frame, missed);
	trace_vcpu(TRACE_VINT, v, line);
}

int32_t hc_vint_set_upcall(struct vcpu *v, uint32_t entry, uint32_t stack)
{
	if (entry && !guest_ptr(v->partition, entry, 1))
		return BH_EFAULT;
	if (stack && !guest_ptr(v->partition, stack - UPCALL_STACK_NEED, UPCALL_STACK_NEED))
		return BH_EFAULT;
	v->vint.upcall_entry = entry;
	v->vint.upcall_stack = stack;
	return 0;
}

int32_t hc_vint_enable(struct vcpu *v, uint32_t on)
{
	struct vcpu_vint *vi = &v->vint;
	uint32_t old = vi->info ? vi->info->enabled & 1 : vi->enabled;

	if (arch_vcpu_in_upcall(&v->arch) && on)
		return BH_EBUSY;   /* delivery comes back on with vint_return */
	if (vi->info)
		vi->info->enabled = on ? 1 : 0;
	else
		vi->enabled = on ? 1 : 0;
	return (int32_t)old;
}

int32_t hc_vint_mask(struct vcpu *v, uint32_t line, uint32_t masked)
{
	struct vcpu_vint *vi = &v->vint;
	uint32_t mask = vint_mask_of(v), old;

	if (line >= BH_VINT_LINES)
		return BH_EINVAL;
	old = (mask >> line) & 1;
	if (masked)
		mask |= LINE(line);
	else
		mask &= ~LINE(line);
	if (vi->info)
		vi->info->mask = mask & ALL_LINES;
	else
		vi->mask = mask & ALL_LINES;
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

int32_t hc_vint_set_timer(struct vcpu *v, uint32_t period_low, uint32_t period_high,
			  uint32_t first_low, uint32_t first_high)
{
	struct vcpu_timer *t = &v->timer;
	uint64_t period_ns = (uint64_t)period_high << 32 | period_low;
	uint64_t first_ns = (uint64_t)first_high << 32 | first_low;

	if ((period_ns && period_ns < MIN_TIMER_PERIOD_NS) || period_ns > MAX_TIMER_NS ||
	    first_ns > MAX_TIMER_NS)
		return BH_EINVAL;
	if (!first_ns && period_ns)
		first_ns = period_ns;
	if (first_ns) {
		t->period = platform_clock_ns_to_ticks(period_ns);
		deadline_arm(&t->expiry, platform_clock_now32(), platform_clock_ns_to_ticks(first_ns));
		t->missed = 0;
		dispatch_deadline_armed(v, &t->expiry);
	} else {
		dispatch_deadline_cancel(v, &t->expiry);
		t->period = 0;
	}
	return 0;
}

int32_t hc_vint_block(struct vcpu *v)
{
	if (v->vint.pending & ~vint_mask_of(v))
		return 0;
	vcpu_block(v, 0);
	return 0;
}

/* vint_return with a context of the partition's: checked and installed from one copy, since the
 * partition's memory may change meanwhile (a sibling on another CPU, once there are several).
 * Out of line: the usual return, to the context the kernel kept, then saves no registers. */
static __attribute__((noinline)) int32_t install_frame(struct vcpu *v, uint32_t frame)
{
	struct bh_upcall_frame f;

	if (copy_from_guest(v->partition, &f, frame, sizeof(f)))
		return BH_EFAULT;
	/* eip inside the memory; esp inside it or at its very end (an empty stack) */
	if (!guest_ptr(v->partition, f.eip, 1) || !guest_ptr(v->partition, f.esp - 1, 1))
		return BH_EFAULT;
	if (arch_upcall_install(&v->arch, &f))
		return BH_EINVAL;
	return 0;
}

int32_t hc_vint_return(struct vcpu *v, uint32_t frame)
{
	struct vcpu_vint *vi = &v->vint;

	if (!arch_vcpu_in_upcall(&v->arch))
		return BH_EINVAL;
	if (frame) {
		int32_t refused = install_frame(v, frame);

		if (refused)
			return refused;
	} else {
		arch_leave_upcall(&v->arch);
	}
	vi->enabled = 1;
	if (vi->info)
		vi->info->enabled = 1;
	/* the caller stores this in eax, which is then the resumed context's: a resumed context
	 * keeps its own (the one the kernel kept, or the frame's) */
	return 0;
}

int32_t hc_vint_set_info(struct vcpu *v, uint32_t address)
{
	struct vcpu_vint *vi = &v->vint;
	struct bh_vcpu_info *info = NULL;
	bool in_upcall = arch_vcpu_in_upcall(&v->arch);
	/* the flag in force: in an upcall it is off, whatever a page says */
	uint32_t mask = vi->mask, enabled = in_upcall ? 0 : vi->enabled;

	if (address % 8)
		return BH_EINVAL;
	if (address && !(info = guest_ptr(v->partition, address, sizeof(*info))))
		return BH_EFAULT;
	/* the mask and the flag move with the page: what the kernel or the old page held carries
	 * over (vcpu.h says why the kernel's then read 0 and "no upcall runs") */
	if (vi->info) {
		mask = vi->info->mask & ALL_LINES;
		enabled = in_upcall ? 0 : vi->info->enabled & 1;
	}
	vi->info = info;
	vi->info_address = address;
	if (info) {
		info->pending = vi->pending;
		info->mask = mask;
		info->enabled = enabled;
		guest_time_write(info);
		vi->mask = 0;
		vi->enabled = !in_upcall;
	} else {
		vi->mask = mask;
		vi->enabled = enabled;
	}
	return 0;
}
