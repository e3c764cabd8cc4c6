/* Deterministic pseudo-random numbers for partitions (splitmix64): a seed replays its sequence. */
#include <bulkhead.h>

void bh_random_seed(struct bh_random *r, uint64_t seed)
{
	r->state = seed;
}

uint32_t bh_random_next(struct bh_random *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

uint32_t bh_random_below(struct bh_random *r, uint32_t bound)
{
	/* multiply-shift: no division, and no bias worth a test's attention */
	return (uint32_t)(((uint64_t)bh_random_next(r) * bound) >> 32);
}
