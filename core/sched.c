/* Pure scheduling decisions: the cyclic plan and the choice of vcpu inside a window. */
#include <core/sched.h>
#include <core/partition.h>

/* From time `from` in frame (frame, frame_start): window j, or the gap before it. */
static void slot_toward(const struct sched_plan *plan, struct sched_slot *s, uint32_t j,
			uint64_t from)
{
	uint64_t start;

	if (j == plan->count) {
		uint64_t frame_end = s->frame_start + plan->major;

		if (from < frame_end) {
			s->window = SCHED_IDLE;
			s->next = j;
			s->start = from;
			s->end = frame_end;
			return;
		}
		s->frame++;
		s->frame_start = frame_end;
		j = 0;
	}
	start = s->frame_start + plan->windows[j].offset;
	if (from < start) {
		s->window = SCHED_IDLE;
		s->next = j;
		s->start = from;
		s->end = start;
		return;
	}
	s->window = (int32_t)j;
	s->next = j + 1;
	s->start = start;
	s->end = start + plan->windows[j].duration;
}

void sched_slot_next(const struct sched_plan *plan, struct sched_slot *slot)
{
	slot_toward(plan, slot, slot->next, slot->end);
}

void sched_slot_at(const struct sched_plan *plan, uint64_t now, struct sched_slot *slot)
{
	uint64_t offset;
	uint64_t from;
	uint32_t j;

	slot->frame = (now - plan->epoch) / plan->major;
	slot->frame_start = plan->epoch + slot->frame * plan->major;
	offset = now - slot->frame_start;
	from = slot->frame_start;
	for (j = 0; j < plan->count; j++) {
		const struct sched_window *w = &plan->windows[j];

		if (offset < w->offset)
			break;
		from = slot->frame_start + w->offset + w->duration;
		if (offset < w->offset + w->duration) {
			from = slot->frame_start + w->offset;
			break;
		}
	}
	slot_toward(plan, slot, j, from);
}

static bool candidate(const struct vcpu *v)
{
	return v->state == VCPU_RUNNABLE || v->state == VCPU_RUNNING;
}

struct vcpu *sched_pick(const struct partition *p, const struct vcpu *current, bool rotate,
			bool *shared)
{
	uint32_t n = p->vcpu_count, i = p->rr_cursor, at_best = 0;
	struct vcpu *best = NULL;

	/* most partitions have one vcpu: nothing to choose between */
	if (n == 1) {
		*shared = false;
		return candidate(p->vcpus[0]) ? p->vcpus[0] : NULL;
	}
	/* one round from the vcpu after the cursor: the first of the best priority met is the
	 * round robin's choice, and the round counts how many share that priority */
	for (uint32_t k = 0; k < n; k++) {
		struct vcpu *v;

		if (++i >= n)
			i = 0;
		v = p->vcpus[i];
		if (!candidate(v))
			continue;
		if (!best || v->priority > best->priority) {
			best = v;
			at_best = 1;
		} else if (v->priority == best->priority) {
			at_best++;
		}
	}
	*shared = at_best > 1;
	if (best && !rotate && current && current->partition == p && candidate(current) &&
	    current->priority == best->priority)
		return p->vcpus[current->index];
	return best;
}
