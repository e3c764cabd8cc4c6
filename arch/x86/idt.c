/* The IDT: every exception and hardware line to the kernel (DPL 0), the hypercall gate DPL 3. */
#include <stdint.h>
#include <segments.h>
#include <smp.h>
#include <platform_irq.h>
#include <public/hypercall.h>
#include <core/debug_info.h>

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t zero;
	uint8_t type_attr;
	uint16_t offset_high;
} __attribute__((packed));

#define GATE_INTERRUPT_32 0x8e    /* present, DPL 0, 32-bit interrupt gate: IF cleared on entry */
#define GATE_DPL3         0x60
#define STUB_COUNT        48      /* 32 exceptions and 16 legacy interrupt lines */

extern const uint32_t isr_table[STUB_COUNT];
extern void hypercall_entry(void);
extern void isr_local_timer(void);
extern void isr_kick(void);
extern void arch_wake_entry(void);

static struct idt_gate idt[256];
DEBUG_ARRAY(idt, idt);
DEBUG_SIZE(idt_gate, struct idt_gate);
DEBUG_FIELD(idt_gate.offset_low, struct idt_gate, offset_low);
DEBUG_FIELD(idt_gate.offset_high, struct idt_gate, offset_high);
DEBUG_FIELD(idt_gate.type_attr, struct idt_gate, type_attr);

static void set_gate(int vector, uint32_t handler, uint8_t type_attr)
{
	idt[vector].offset_low = handler & 0xffff;
	idt[vector].selector = GDT_KERNEL_CODE;
	idt[vector].zero = 0;
	idt[vector].type_attr = type_attr;
	idt[vector].offset_high = (uint16_t)(handler >> 16);
}

void idt_init(void)
{
	for (int v = 0; v < STUB_COUNT; v++)
		set_gate(v, isr_table[v], GATE_INTERRUPT_32);
	set_gate(PLATFORM_IRQ_LOCAL_TIMER_VECTOR, (uint32_t)(uintptr_t)isr_local_timer, GATE_INTERRUPT_32);
	set_gate(PLATFORM_IRQ_KICK_VECTOR, (uint32_t)(uintptr_t)isr_kick, GATE_INTERRUPT_32);
	set_gate(BH_HYPERCALL_VECTOR, (uint32_t)(uintptr_t)hypercall_entry,
		 GATE_INTERRUPT_32 | GATE_DPL3);
	for (int v = ARCH_WAKE_VECTOR_FIRST; v <= ARCH_WAKE_VECTOR_LAST; v++)
		set_gate(v, (uint32_t)(uintptr_t)arch_wake_entry, GATE_INTERRUPT_32);
	idt_load();
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint32_t)(uintptr_t)idt };

	__asm__ volatile("lidt %0" : : "m"(idtr));
}
