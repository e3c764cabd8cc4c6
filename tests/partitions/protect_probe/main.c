/*
 * memory_protect from the partition's side. First every refusal, with its code; then what a
 * change does, one fault per start (the deployment warm-restarts it on every fault, memory
 * kept): a page made read-only faults on a write, and a restart makes it writable again; a page
 * made BH_PROT_NONE faults as a stack overflow; code written into a page runs once the page is
 * read and execute.
 */
#include <bulkhead.h>

#define PAGE BH_PAGE_SIZE

static uint8_t pages[3 * PAGE] __attribute__((aligned(PAGE)));
static uint32_t round;

static void expect(const char *what, int32_t got, int32_t want)
{
	printf("%s: %d%s\n", what, got, got == want ? "" : " WRONG");
}

static void refusals(void)
{
	uint32_t end = BH_PARTITION_BASE + 128 * 1024;  /* its memory (tests/configs/memory.c) */

	expect("unaligned address", bh_memory_protect(pages + 1, PAGE, BH_PROT_READ), BH_EINVAL);
	expect("unaligned length", bh_memory_protect(pages, PAGE + 1, BH_PROT_READ), BH_EINVAL);
	expect("write and execute", bh_memory_protect(pages, PAGE, BH_PROT_READ | BH_PROT_WRITE |
						       BH_PROT_EXEC), BH_EINVAL);
	expect("write without read", bh_memory_protect(pages, PAGE, BH_PROT_WRITE), BH_EINVAL);
	expect("execute without read", bh_memory_protect(pages, PAGE, BH_PROT_EXEC), BH_EINVAL);
	expect("unknown bit", bh_memory_protect(pages, PAGE, BH_PROT_READ | 8), BH_EINVAL);
	expect("below its memory", bh_memory_protect((void *)(BH_PARTITION_BASE - PAGE), PAGE,
						     BH_PROT_READ), BH_EFAULT);
	expect("past its end", bh_memory_protect((void *)(uintptr_t)(end - PAGE), 2 * PAGE,
						 BH_PROT_READ), BH_EFAULT);
	expect("at its end", bh_memory_protect((void *)(uintptr_t)end, PAGE, BH_PROT_READ),
	       BH_EFAULT);
	expect("wrapping length", bh_memory_protect(pages, 0 - PAGE, BH_PROT_READ), BH_EFAULT);
	expect("kernel address", bh_memory_protect((void *)0x100000, PAGE, BH_PROT_READ), BH_EFAULT);
	expect("read only", bh_memory_protect(pages, PAGE, BH_PROT_READ), 0);
	expect("read and write", bh_memory_protect(pages, PAGE, BH_PROT_READ | BH_PROT_WRITE), 0);
}

int main(void)
{
	volatile uint8_t *p = pages;

	round++;
	switch (round) {
	case 1:
		refusals();
		p[0] = 1;
		bh_memory_protect(pages, PAGE, BH_PROT_READ);
		printf("round 1: page 0x%x read only, reads %u; writing it\n", BH_PTR(p), p[0]);
		p[0] = 2;
		printf("round 1: wrote a read-only page: WRONG\n");
		break;
	case 2:
		p[0] = 3;
		printf("round 2: after the restart the page is writable again (%u)\n", p[0]);
		bh_memory_protect(pages + PAGE, PAGE, BH_PROT_NONE);
		printf("round 2: page 0x%x made a guard page; reading it\n", BH_PTR(p + PAGE));
		printf("round 2: read a guard page (%u): WRONG\n", p[PAGE]);
		break;
	case 3: {
		uint32_t (*fn)(void) = (uint32_t (*)(void))(uintptr_t)(pages + 2 * PAGE);

		pages[2 * PAGE] = 0xb8;                         /* mov $0x1234, %eax; ret */
		pages[2 * PAGE + 1] = 0x34;
		pages[2 * PAGE + 2] = 0x12;
		pages[2 * PAGE + 3] = 0;
		pages[2 * PAGE + 4] = 0;
		pages[2 * PAGE + 5] = 0xc3;
		bh_memory_protect(pages + 2 * PAGE, PAGE, BH_PROT_READ | BH_PROT_EXEC);
		printf("round 3: code written, page made read and execute: returns 0x%x\n", fn());
		printf("round 3: writing the executable page\n");
		pages[2 * PAGE] = 0xc3;
		printf("round 3: wrote an executable page: WRONG\n");
		break;
	}
	default:
		printf("round 4: done\n");
		bh_set_mode(BH_MODE_IDLE);
	}
	return 0;
}
