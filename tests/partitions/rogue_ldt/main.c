/*
 * Hostile: selectors with TI=1 (the LDT). The kernel loads a null LDT, so lar, lsl, verr and
 * verw refuse every one of them, and each segment load or far transfer is #GP(selector). The
 * deployment restarts the partition warm after each #GP; memory survives, so `step` walks the
 * list.
 */
#include <bulkhead.h>

#define LDT_SELECTORS 8192
#define TI 4u
#define RPL3 3u

static volatile uint32_t step;

/* How many of the 8192 TI=1 selectors (RPL 3) each probe accepts (ZF set). */
static void scan(void)
{
	uint32_t lar = 0, lsl = 0, verr = 0, verw = 0;

	for (uint32_t i = 0; i < LDT_SELECTORS; i++) {
		uint32_t sel = i << 3 | TI | RPL3, out;
		uint8_t ok;

		__asm__ volatile("lar %2, %0; setz %1" : "=r"(out), "=q"(ok) : "r"(sel) : "cc");
		lar += ok;
		__asm__ volatile("lsl %2, %0; setz %1" : "=r"(out), "=q"(ok) : "r"(sel) : "cc");
		lsl += ok;
		__asm__ volatile("verr %w1; setz %0" : "=q"(ok) : "r"(sel) : "cc");
		verr += ok;
		__asm__ volatile("verw %w1; setz %0" : "=q"(ok) : "r"(sel) : "cc");
		verw += ok;
	}
	printf("TI=1 selectors accepted of %u: lar %u, lsl %u, verr %u, verw %u\n", LDT_SELECTORS,
	       lar, lsl, verr, verw);
}

int main(void)
{
	/* index 0, 1, 2, one in the IVT's reach, the BIOS data area's, a high one, the last */
	static const uint16_t sels[] = { 0x0007, 0x000f, 0x0017, 0x003f, 0x0207, 0x7ff7, 0xffff };
	enum { N = sizeof(sels) / sizeof(sels[0]), KINDS = 6 };
	static const char *const kinds[KINDS] = { "ds", "es", "fs", "gs", "ljmp", "lcall" };
	uint32_t s = step++, sel, kind;
	struct { uint32_t offset; uint16_t selector; } __attribute__((packed)) far;

	if (s == 0)
		scan();
	if (s >= N * KINDS) {
		printf("all %u TI=1 segment loads and far transfers were stopped\n", s);
		for (;;)
			bh_yield();
	}
	sel = sels[s % N];
	kind = s / N;
	printf("step %u: %s 0x%04x\n", s, kinds[kind], sel);
	far.offset = 0;
	far.selector = (uint16_t)sel;
	switch (kind) {
	case 0: __asm__ volatile("mov %0, %%ds" : : "r"(sel)); break;
	case 1: __asm__ volatile("mov %0, %%es" : : "r"(sel)); break;
	case 2: __asm__ volatile("mov %0, %%fs" : : "r"(sel)); break;
	case 3: __asm__ volatile("mov %0, %%gs" : : "r"(sel)); break;
	case 4: __asm__ volatile("ljmp *%0" : : "m"(far)); break;
	case 5: __asm__ volatile("lcall *%0" : : "m"(far)); break;
	}
	printf("step %u: %s 0x%04x was not stopped: isolation broken\n", s, kinds[kind], sel);
	for (;;)
		bh_yield();
}
