/* The local APIC's registers (include/platform/pc/lapic.h). */
#include <stdbool.h>
#include <lapic.h>
#include <hpet.h>
#include <paging.h>
#include <core/platform.h>

#define REG_ID 0x020
#define REG_EOI 0x0b0
#define REG_SPURIOUS 0x0f0
#define REG_IRR 0x200
#define REG_ICR_LOW 0x300
#define REG_ICR_HIGH 0x310
#define SPURIOUS_ENABLE (1u << 8)
#define ICR_PENDING (1u << 12)

static uint32_t lapic_base = LAPIC_DEFAULT_BASE;
volatile uint32_t *lapic_eoi_register = (volatile uint32_t *)(LAPIC_DEFAULT_BASE + REG_EOI);

static volatile uint32_t *reg(uint32_t offset)
{
	return (volatile uint32_t *)(uintptr_t)(lapic_base + offset);
}

volatile uint32_t *lapic_register(uint32_t offset)
{
	return reg(offset);
}

void lapic_map(uint32_t base)
{
	lapic_base = base;
	lapic_eoi_register = reg(REG_EOI);
	arch_map_device(base);
}

void lapic_enable(void)
{
	*reg(REG_SPURIOUS) = SPURIOUS_ENABLE | LAPIC_VECTOR_SPURIOUS;
}

uint8_t lapic_id(void)
{
	return (uint8_t)(*reg(REG_ID) >> 24);
}

static int wait_sent(void)
{
	uint64_t end = hpet_counter() + platform_clock_ns_to_ticks(LAPIC_IPI_WAIT_NS);

	while (*reg(REG_ICR_LOW) & ICR_PENDING)
		if (hpet_counter() > end)
			return -1;
	return 0;
}

int lapic_ipi(uint8_t apic_id, uint32_t command)
{
	if (wait_sent() != 0)
		return -1;
	*reg(REG_ICR_HIGH) = (uint32_t)apic_id << 24;
	*reg(REG_ICR_LOW) = command;
	return wait_sent();
}

void lapic_timer_once(uint32_t count)
{
	*reg(LAPIC_REG_TIMER_DIVIDE) = LAPIC_TIMER_DIVIDE_1;
	*reg(LAPIC_REG_LVT_TIMER) = LAPIC_VECTOR_TIMER;
	*reg(LAPIC_REG_TIMER_INITIAL) = count;
}

void lapic_eoi(void)
{
	*reg(REG_EOI) = 0;
}

bool lapic_pending(uint32_t vector)
{
	return (*reg(REG_IRR + vector / 32 * 0x10) >> (vector % 32)) & 1u;
}
