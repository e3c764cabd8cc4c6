/* Pure scheduling decisions: the cyclic plan and the choice of vcpu inside a window. */
#include <core/sched.h>

static void add_stretch(struct sched_plan *plan, int32_t window, uint32_t next, uint64_t start,
			uint64_t end)
{
	struct sched_stretch *st = &plan->stretches[plan->stretch_count++];

	st->window = window;
	st->next = next;
	st->start = (uint32_t)start;
	st->end = (uint32_t)end;
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

void sched_frame_next(const struct sched_plan *plan, struct sched_slot *slot)
{
	slot->frame++;
	slot->frame_start += plan->major;
}

void sched_plan_switch(struct sched_plan *to, struct sched_slot *slot)
{
	to->epoch = slot->frame_start;
	to->first_frame = slot->frame;
	sched_enter_stretch(to, slot, 0);
}

void sched_slot_at(const struct sched_plan *plan, uint64_t now, struct sched_slot *slot)
{
	uint64_t offset;
	uint32_t k = 0;

	uint64_t frames = (now - plan->epoch) / plan->major;

	slot->frame = plan->first_frame + frames;
	slot->frame_start = plan->epoch + frames * plan->major;
	offset = now - slot->frame_start;
	/* the stretches tile the frame: the last one ends at the major frame */
	while (k + 1 < plan->stretch_count && offset >= plan->stretches[k].end)
		k++;
	sched_enter_stretch(plan, slot, k);
}

void sched_prepare_priorities(struct sched_partition *s, const uint32_t *priorities,
			      uint32_t count)
{
	uint32_t placed = 0;

	s->priority_class_count = 0;
	while (placed != (1u << count) - 1) {
		uint32_t top = 0, class = 0;

		for (uint32_t i = 0; i < count; i++)
			if (!(placed & 1u << i) && priorities[i] > top)
				top = priorities[i];
		for (uint32_t i = 0; i < count; i++)
			if (!(placed & 1u << i) && priorities[i] == top)
				class |= 1u << i;
		s->priority_classes[s->priority_class_count++] = class;
		placed |= class;
	}
}
