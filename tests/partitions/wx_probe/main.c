/*
 * W^X from the partition's side, one attempt per start: it writes its own text, executes code
 * it put on its stack, executes code in its data, executes code in its rodata, writes its
 * rodata. The deployment warm-restarts it on a page fault (memory kept, so the round counter
 * goes on): each attempt must be a fault, never a success. The last round checks that its text
 * and rodata are what they were.
 */
#include <bulkhead.h>

static uint32_t round;
static const uint8_t rodata_code[4] = { 0xb0, 0x2a, 0xc3 };    /* mov $42, %al; ret */
static uint8_t data_code[4] = { 0xb0, 0x2a, 0xc3 };
static uint8_t text_before;

static uint32_t run(const void *code)
{
	uint32_t (*fn)(void) = (uint32_t (*)(void))(uintptr_t)code;

	return fn() & 0xff;
}

int main(void)
{
	uint8_t stack_code[16];
	volatile uint8_t *text = (volatile uint8_t *)(uintptr_t)main;

	round++;
	switch (round) {
	case 1:
		text_before = *text;
		printf("round 1: writing my text at 0x%x\n", BH_PTR(text));
		*text = 0xcc;
		printf("round 1: wrote my own text: W^X broken\n");
		break;
	case 2:
		memcpy(stack_code, data_code, sizeof(data_code));
		printf("round 2: executing my stack at 0x%x\n", BH_PTR(stack_code));
		printf("round 2: the stack ran (%u): W^X broken\n", run(stack_code));
		break;
	case 3:
		printf("round 3: executing my data at 0x%x\n", BH_PTR(data_code));
		printf("round 3: the data ran (%u): W^X broken\n", run(data_code));
		break;
	case 4:
		printf("round 4: executing my rodata at 0x%x\n", BH_PTR(rodata_code));
		printf("round 4: the rodata ran (%u): W^X broken\n", run(rodata_code));
		break;
	case 5:
		printf("round 5: writing my rodata at 0x%x\n", BH_PTR(rodata_code));
		*(volatile uint8_t *)(uintptr_t)rodata_code = 0;
		printf("round 5: wrote my rodata: protection broken\n");
		break;
	default:
		printf("round 6: text %s, rodata %s\n", *text == text_before ? "unchanged" : "CHANGED",
		       rodata_code[0] == 0xb0 ? "unchanged" : "CHANGED");
		bh_set_mode(BH_MODE_IDLE);
	}
	return 0;
}
