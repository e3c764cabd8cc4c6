/* Several schedules: requests, status, the switch's news. See include/core/schedule.h. */
#include <core/schedule.h>
#include <core/dispatch.h>
#include <core/deployment.h>
#include <core/partition.h>
#include <core/platform.h>
#include <core/console.h>
#include <core/guest.h>
#include <core/vint.h>
#include <core/trace.h>
#include <public/hypercall.h>
#include <public/vint.h>
#include <lib/string.h>

/* Switch lines wait here for idle time, as health-monitor lines do (docs/deferred_output.md): a
 * line printed at the boundary would make the new schedule's first window late. 16: a switch a
 * frame, for 16 frames without idle time, before one is lost (and counted). */
#define SWITCH_LOG 16
/* "bulkhead: schedule switch to '<31>' (id 3) at frame <20>, t=<20> ns\r\n", and the count of
 * lost lines before it ("bulkhead: <10> schedule switch lines were not printed: ...\r\n") */
#define LINE_MAX_CHARS 128
#define LOST_LINE_MAX_CHARS 96
#define LINE_GUARD_NS US(5)

/* the ABI (docs/hypercalls.md) gives its size; no padding that could carry a kernel byte out */
_Static_assert(sizeof(struct bh_schedule_status) == 48, "struct bh_schedule_status is 48 bytes");

static struct switch_line {
	uint32_t id;
	uint64_t frame, at;
} switch_log[SWITCH_LOG];
static uint32_t switches, printed, lines_lost;   /* sequences, and lines overwritten unprinted */
static uint64_t last_switch;                     /* clock ticks; 0: no switch yet */

/*
 * The schedule asked for, and the frame from which it is in force (its low half): every CPU
 * switches at the start of that frame, the same boundary for all. Written in this order, read in
 * the other (schedule_due), so that a CPU that sees the id sees its frame. With several CPUs a
 * request less than SWITCH_MARGIN_NS before a frame's end takes effect a frame later, so that no
 * CPU can have crossed the boundary before the request is made.
 */
#define SWITCH_MARGIN_NS US(50)
static uint32_t wanted_id, wanted_from;

void schedule_start(uint32_t initial)
{
	wanted_id = initial;
	wanted_from = 0;
}

void schedule_request(uint32_t id)
{
	const struct cpu *c = this_cpu();
	uint64_t next = c->slot.frame_start + c->plan->major;
	uint64_t from = c->slot.frame + 1;

	if (dispatch_cpu_count > 1 &&
	    platform_clock_now() + platform_clock_ns_to_ticks(SWITCH_MARGIN_NS) >= next)
		from++;
	__atomic_store_n(&wanted_from, (uint32_t)from, __ATOMIC_SEQ_CST);
	__atomic_store_n(&wanted_id, id, __ATOMIC_SEQ_CST);
}

void schedule_due(struct cpu *c)
{
	uint32_t id = __atomic_load_n(&wanted_id, __ATOMIC_SEQ_CST);
	uint32_t from = __atomic_load_n(&wanted_from, __ATOMIC_SEQ_CST);

	if ((int32_t)((uint32_t)c->slot.frame - from) >= 0)
		c->next_plan = &dispatch_plans[c->index][id];
}

uint32_t schedule_wanted(void)
{
	return __atomic_load_n(&wanted_id, __ATOMIC_SEQ_CST);
}

void schedule_switched(struct cpu *c, uint32_t id, uint64_t frame, uint64_t at)
{
	struct switch_line *line = &switch_log[switches % SWITCH_LOG];

	/* on every CPU, for the vcpus it runs: one not in the new schedule takes it when it runs
	 * again */
	for (uint32_t i = 0; i < partition_count; i++)
		for (struct vcpu *v = partitions[i].vcpu_list; v; v = v->next_in_list)
			if (v->cpu == c->index)
				vint_raise(v, BH_VINT_SCHEDULE);
	/* one switch of the whole system: the boot CPU's records it */
	if (c->index)
		return;

	if (switches - printed == SWITCH_LOG) {
		printed++;
		lines_lost++;
	}
	*line = (struct switch_line){ id, frame, at };
	switches++;
	last_switch = at;
	trace_schedule_switch(id, at);
}

void schedule_partition_stopped(const struct partition *p)
{
	if (p->config->hm_stop_schedule)
		schedule_request((uint32_t)deployment_find_schedule(&deployment,
								    p->config->hm_stop_schedule));
}

static void print_line(const struct switch_line *line)
{
	struct schedule_view s;

	if (lines_lost)
		kprintf("bulkhead: %u schedule switch line%s not printed: no idle time for them\n",
			lines_lost, lines_lost == 1 ? " was" : "s were");
	lines_lost = 0;
	deployment_schedule(&deployment, line->id, &s);
	kprintf("bulkhead: schedule switch to '%s' (id %u) at frame %llu, t=%llu ns\n", s.name,
		line->id, line->frame, platform_clock_ticks_to_ns(line->at));
}

void schedule_print_waiting(tick32_t until)
{
	/* idle time calls this at every idle stretch: without a line waiting, it only compares */
	while (printed != switches) {
		uint64_t cost = console_cost(LINE_MAX_CHARS + (lines_lost ? LOST_LINE_MAX_CHARS : 0)) +
				platform_clock_ns_to_ticks(LINE_GUARD_NS);

		if (cost >= DEADLINE_HORIZON || tick32_before(until, platform_clock_now32() + (uint32_t)cost))
			return;
		print_line(&switch_log[printed % SWITCH_LOG]);
		printed++;
	}
}

void schedule_print_all(void)
{
	while (printed != switches)
		print_line(&switch_log[printed++ % SWITCH_LOG]);
}

uint64_t schedule_initial_major_ns(void)
{
	int id = deployment_initial_schedule(&deployment);
	struct schedule_view s;

	if (id < 0 || (uint32_t)id >= deployment_schedule_count(&deployment))
		return 0;
	deployment_schedule(&deployment, (uint32_t)id, &s);
	return s.major_frame_ns;
}

int32_t hc_schedule_set(struct vcpu *v, uint32_t id)
{
	if (!v->partition->config->system)
		return BH_EPERM;
	if (id >= dispatch_plan_count)
		return BH_EINVAL;
	schedule_request(id);
	return 0;
}

int32_t hc_schedule_status(struct vcpu *v, uint32_t out)
{
	const struct cpu *c = this_cpu();
	struct bh_schedule_status st;

	memset(&st, 0, sizeof(st));
	st.current = dispatch_plan_id(c);
	st.next = schedule_wanted();
	st.last_switch_ns = switches ? platform_clock_ticks_to_ns(last_switch) : 0;
	st.frame = c->slot.frame;
	st.frame_start_ns = platform_clock_ticks_to_ns(c->slot.frame_start);
	st.major_frame_ns = platform_clock_ticks_to_ns(c->plan->major);
	st.switches = switches;
	st.count = dispatch_plan_count;
	return copy_to_guest(v->partition, out, &st, sizeof(st));
}

int32_t hc_schedule_find(struct vcpu *v, uint32_t name_addr)
{
	char name[BH_SCHEDULE_NAME_MAX];
	int32_t refused = copy_name_from_guest(v->partition, name, name_addr, sizeof(name)), id;

	if (refused)
		return refused;
	id = deployment_find_schedule(&deployment, name);
	return id < 0 ? BH_ENOENT : id;
}
