/* Test partitions' check of a numbered message stream: every number once, in order. */
#ifndef TEST_PARTITIONS_SEQUENCE_H
#define TEST_PARTITIONS_SEQUENCE_H

#include <stdint.h>

struct sequence {
	uint32_t expected, received, lost, duplicated, reordered;
};

static inline void sequence_note(struct sequence *s, uint32_t value)
{
	s->received++;
	if (value == s->expected) {
		s->expected++;
	} else if (value < s->expected) {
		s->duplicated++;
	} else {
		s->lost += value - s->expected;
		s->reordered++;
		s->expected = value + 1;
	}
}

#endif
