/* Measuring from ring 3: timing samples, their order statistics, and a TSC gap detector. */
#include <bulkhead.h>

#define OVERHEAD_PROBES 101

void bh_samples_add(struct bh_samples *s, uint32_t value)
{
	if (s->count == s->capacity)
		return;
	if (value > s->drop_above) {
		s->dropped++;
		return;
	}
	s->value[s->count++] = value;
}

/* Shell sort: small, and a few thousand values sort in well under a window. */
static void sort(uint32_t *v, uint32_t n)
{
	for (uint32_t gap = n / 2; gap > 0; gap /= 2)
		for (uint32_t i = gap; i < n; i++) {
			uint32_t x = v[i], j = i;

			for (; j >= gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
}

/* Nearest-rank percentile of a sorted, non-empty array. */
static uint32_t percentile(const uint32_t *sorted, uint32_t n, uint32_t p)
{
	uint32_t rank = (p * n + 99) / 100;

	return sorted[rank ? rank - 1 : 0];
}

uint32_t bh_samples_median(struct bh_samples *s)
{
	if (s->count == 0)
		return 0;
	sort(s->value, s->count);
	return percentile(s->value, s->count, 50);
}

void bh_samples_report(const char *metric, struct bh_samples *s, uint32_t overhead,
		       const char *extra)
{
	uint32_t n = s->count;

	if (n == 0) {
		printf("BENCH metric=%s samples=0 dropped=%u\n", metric, s->dropped);
		return;
	}
	sort(s->value, n);
	printf("BENCH metric=%s samples=%u min=%u median=%u p99=%u max=%u overhead=%u dropped=%u%s%s\n",
	       metric, n, s->value[0], percentile(s->value, n, 50), percentile(s->value, n, 99),
	       s->value[n - 1], overhead, s->dropped, extra ? " " : "", extra ? extra : "");
}

uint32_t bh_rdtsc_overhead(void)
{
	uint32_t values[OVERHEAD_PROBES];
	struct bh_samples probes = BH_SAMPLES(values, ~0u);

	while (!bh_samples_full(&probes)) {
		uint64_t t0 = bh_rdtsc();

		bh_samples_add(&probes, (uint32_t)(bh_rdtsc() - t0));
	}
	return bh_samples_median(&probes);
}

/* One turn is six instructions, mov rdtsc mov sub cmp jbe; the four before the loop make the
 * first gap a whole turn too. */
void bh_spin_until_gap(uint32_t limit, uint32_t *before, uint32_t *after)
{
	uint32_t prev, now, gap;

	__asm__ volatile("rdtsc\n\t"
			 "movl %%eax, %2\n\t"
			 "subl %0, %2\n\t"
			 "cmpl %3, %2\n\t"
			 "jmp 1f\n"
			 "1:\tmovl %%eax, %0\n\t"
			 "rdtsc\n\t"
			 "movl %%eax, %2\n\t"
			 "subl %0, %2\n\t"
			 "cmpl %3, %2\n\t"
			 "jbe 1b"
			 : "=&r"(prev), "=&a"(now), "=&r"(gap)
			 : "r"(limit)
			 : "edx", "cc");
	*before = prev;
	*after = now;
}
