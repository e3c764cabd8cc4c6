/*
 * The machine's CPUs: found in the firmware's tables before paging is on (all of physical memory
 * is reachable then: cpus_find), and started by the boot CPU before the banner
 * (platform_cpus_start). Each AP gets INIT, 10 ms, a startup IPI, 200 us, a second one, then
 * ARRIVAL_WAIT_NS to arrive; one that does not is reported, sent INIT again (so that it cannot
 * come later on the next AP's stack) and left out. Every delay is measured on the HPET; the boot
 * CPU waits in `hlt`, woken by its local APIC timer or by the AP's "started" IPI, never by
 * polling memory (under TCG a CPU that polls starves the others).
 */
#include <stdbool.h>
#include <cpus.h>
#include <cpu_tables.h>
#include <hpet.h>
#include <lapic.h>
#include <arch_cpu.h>
#include <platform_irq.h>
#include <paging.h>
#include <smp.h>
#include <cpu.h>
#include <io.h>
#include <core/console.h>
#include <core/platform.h>
#include <lib/format.h>
#include <lib/plural.h>

#define INIT_WAIT_NS 10000000u
#define STARTUP_WAIT_NS 200000u
#define ARRIVAL_WAIT_NS 10000000u
/* The timer's wake-ups while waiting: 100 us at QEMU's 1 GHz APIC clock, more on slower ones;
 * the HPET decides when a wait is over either way. */
#define WAKE_TICKS 100000u
#define PAGE 4096u

_Static_assert(LAPIC_VECTOR_TIMER >= ARCH_WAKE_VECTOR_FIRST && LAPIC_VECTOR_STARTED <= 0xff &&
	       LAPIC_VECTOR_TIMER >> 4 == LAPIC_VECTOR_STARTED >> 4,
	       "the local APIC's vectors: wake vectors of one priority class");

static struct cpu_tables found;
static uint8_t started_ids[CONFIG_MAX_CPUS];
static uint32_t started;
/* the index of the last AP that arrived, written by that AP */
static volatile uint32_t arrived;
static char description[128];

/* Paging is off: every physical address below 4 GiB reads as itself. */
static const uint8_t *physical(const struct firmware_memory *m, uint32_t phys, uint32_t len)
{
	(void)m;
	return phys && phys + len >= phys ? (const uint8_t *)(uintptr_t)phys : NULL;
}

static void warn(const struct firmware_memory *m, const char *line)
{
	(void)m;
	kprintf("bulkhead: warning: %s\n", line);
}

void cpus_find(void)
{
	const struct firmware_memory m = { .at = physical, .report = warn };
	uint32_t base;

	if (acpi_find_cpus(&m, &found) != 0)
		mptable_find_cpus(&m, &found);
	base = found.count ? found.lapic_base : LAPIC_DEFAULT_BASE;
	if (base % PAGE || base < DEVICE_WINDOW || base - DEVICE_WINDOW >= DEVICE_WINDOW_SIZE) {
		kprintf("bulkhead: warning: the %s puts the local APIC at 0x%x, outside the device "
			"window: the boot CPU runs alone\n", found.source, base);
		found.count = 0;
		base = LAPIC_DEFAULT_BASE;
	}
	lapic_map(base);
}

bool cpus_have_lapic(void)
{
	return found.count || cpu_has(1, CPUID_EDX, CPUID_1_EDX_APIC);
}

/* Until `ns` have passed, or (until_arrived) AP `index` has arrived. */
static void wait_ns(uint64_t ns, uint32_t until_arrived)
{
	uint64_t end = hpet_counter() + platform_clock_ns_to_ticks(ns);

	while (hpet_counter() < end && !(until_arrived && arrived == until_arrived)) {
		lapic_timer_once(WAKE_TICKS);
		arch_wait_for_interrupt();
		lapic_eoi();
	}
	/* a wake-up the AP's IPI overtook: stopped, or taken now if already raised; and the AP's
	 * IPI, if the wake-up came first (it is sent before `arrived` is set, so it is raised by
	 * now): nothing is left pending */
	lapic_timer_once(0);
	while (lapic_pending(LAPIC_VECTOR_TIMER) || lapic_pending(LAPIC_VECTOR_STARTED)) {
		arch_wait_for_interrupt();
		lapic_eoi();
	}
}

/* On the AP, once its tables are loaded: its local APIC, then the boot CPU is told. */
static void ap_entry(uint32_t index)
{
	lapic_enable();
	lapic_ipi(started_ids[0], LAPIC_IPI_FIXED(LAPIC_VECTOR_STARTED));
	arrived = index;
}

static bool start_ap(uint32_t index, uint8_t apic_id, uint32_t trampoline)
{
	arch_ap_prepare(index, ap_entry);
	/* an AP that came too late before (then sent INIT again) must not count as this one */
	arrived = 0;
	if (lapic_ipi(apic_id, LAPIC_IPI_INIT) == 0) {
		wait_ns(INIT_WAIT_NS, 0);
		lapic_ipi(apic_id, LAPIC_IPI_STARTUP(trampoline));
		wait_ns(STARTUP_WAIT_NS, 0);
		lapic_ipi(apic_id, LAPIC_IPI_STARTUP(trampoline));
		wait_ns(ARRIVAL_WAIT_NS, index);
	}
	if (arrived == index)
		return true;
	kprintf("bulkhead: cpu %u (apic id %u) did not start\n", index, apic_id);
	lapic_ipi(apic_id, LAPIC_IPI_INIT);
	return false;
}

static void describe(void)
{
	uint32_t n = format_string(description, sizeof(description), "%u found (%s), %u started: apic ids",
				   found.count ? found.count : 1,
				   found.count ? found.source : "no ACPI MADT or MP table", started);

	for (uint32_t i = 0; i < started && n < sizeof(description); i++)
		n += format_string(description + n, sizeof(description) - n, " %u", started_ids[i]);
}

void platform_cpus_start(void)
{
	uint32_t trampoline = 0;

	lapic_enable();
	started_ids[0] = lapic_id();
	started = 1;
	if (found.beyond)
		kprintf("bulkhead: warning: %u more CPU%s than CONFIG_MAX_CPUS (%d) %s left out\n",
			found.beyond, plural(found.beyond), CONFIG_MAX_CPUS,
			found.beyond == 1 ? "is" : "are");
	/* the boot CPU may be missing from the CPUs kept (tables list it anywhere, or not at all):
	 * never more than CONFIG_MAX_CPUS in all, each with its stack and GDT entry */
	for (uint32_t i = 0; i < found.count && started < CONFIG_MAX_CPUS; i++) {
		if (found.apic_ids[i] == started_ids[0])
			continue;
		if (!trampoline && !(trampoline = arch_ap_trampoline()))
			break;
		if (start_ap(started, found.apic_ids[i], trampoline))
			started_ids[started++] = found.apic_ids[i];
	}
	describe();
}

uint32_t platform_cpu_count(void)
{
	return started;
}

void platform_cpu_kick(uint32_t cpu)
{
	if (cpu >= started)
		return;
	lapic_ipi(started_ids[cpu], LAPIC_IPI_FIXED(PLATFORM_IRQ_KICK_VECTOR));
	/* QEMU's single-threaded TCG runs the target only once this CPU ends its turn, which a
	 * `pause` does at once; on hardware the target takes the IPI meanwhile anyway */
	arch_cpu_relax();
}

const char *platform_cpus_describe(void)
{
	return description;
}
