/* Pure scheduling decisions: the cyclic plan and the choice of vcpu inside a window. */
#include <core/sched.h>
#include <core/partition.h>

static void add_stretch(struct sched_plan *plan, int32_t window, uint32_t next, uint64_t start,
			uint64_t end)
{
	struct sched_stretch *st = &plan->stretches[plan->stretch_count++];

	st->window = window;
	st->next = next;
	st->start = start;
	st->end = end;
}

void sched_plan_prepare(struct sched_plan *plan)
{
	uint64_t at = 0;

	plan->stretch_count = 0;
	for (uint32_t j = 0; j < plan->count; j++) {
		const struct sched_window *w = &plan->windows[j];

		if (at < w->offset)
			add_stretch(plan, SCHED_IDLE, j, at, w->offset);
		add_stretch(plan, (int32_t)j, j + 1, w->offset, w->offset + w->duration);
		at = w->offset + w->duration;
	}
	if (at < plan->major)
		add_stretch(plan, SCHED_IDLE, plan->count, at, plan->major);
}

void sched_slot_at(const struct sched_plan *plan, uint64_t now, struct sched_slot *slot)
{
	uint64_t offset;
	uint32_t k = 0;

	slot->frame = (now - plan->epoch) / plan->major;
	slot->frame_start = plan->epoch + slot->frame * plan->major;
	offset = now - slot->frame_start;
	/* the stretches tile the frame: the last one ends at the major frame */
	while (k + 1 < plan->stretch_count && offset >= plan->stretches[k].end)
		k++;
	sched_enter_stretch(plan, slot, k);
}

struct vcpu *sched_pick_among(const struct partition *p, const struct vcpu *current, bool rotate,
			      bool *shared)
{
	uint32_t n = p->vcpu_count, i = p->rr_cursor, at_best = 0;
	struct vcpu *best = NULL;

	/* one round from the vcpu after the cursor: the first of the best priority met is the
	 * round robin's choice, and the round counts how many share that priority */
	for (uint32_t k = 0; k < n; k++) {
		struct vcpu *v;

		if (++i >= n)
			i = 0;
		v = p->vcpus[i];
		if (!sched_candidate(v))
			continue;
		if (!best || v->priority > best->priority) {
			best = v;
			at_best = 1;
		} else if (v->priority == best->priority) {
			at_best++;
		}
	}
	*shared = at_best > 1;
	if (best && !rotate && current && current->partition == p && sched_candidate(current) &&
	    current->priority == best->priority)
		return p->vcpus[current->index];
	return best;
}
