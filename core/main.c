/* kernel_main: report, validate the deployment, start the partitions and the schedule. */
#include <core/arch.h>
#include <core/schedule.h>
#include <core/boot_info.h>
#include <core/cmdline.h>
#include <core/console.h>
#include <core/deployment.h>
#include <core/dispatch.h>
#include <core/cpu.h>
#include <core/guest.h>
#include <core/guest_time.h>
#include <core/hypercall.h>
#include <core/partition.h>
#include <core/ports.h>
#include <core/trace.h>
#include <core/panic.h>
#include <core/platform.h>
#include <core/device.h>
#include <lib/plural.h>
#include <lib/string.h>

#ifndef BULKHEAD_VERSION
#define BULKHEAD_VERSION "unknown"
#endif

static struct cmdline_options options;

static void unknown_option(const char *option, uint32_t length)
{
	kprintf("bulkhead: warning: unknown or invalid command-line option '%.*s' ignored\n",
		(int)length, option);
}

/* The deployment's trace selection, unless the command line says otherwise. */
static void select_trace(void)
{
	uint32_t classes = options.trace_classes_set ? options.trace_classes :
			   deployment.trace_classes;
	uint32_t traced = options.trace_partitions_set ? options.trace_partitions :
			  deployment.trace_partitions;

	if (options.trace_classes_set && !options.trace_partitions_set && !traced)
		traced = TRACE_PARTITIONS_ALL;
	trace_select(classes & TRACE_CLASS_ALL, traced);
}

/* The end of the RAM partitions may use: the top of usable memory, within what the kernel maps. */
static uint64_t partition_ram_end(void)
{
	uint64_t end = 0;

	for (uint32_t i = 0; i < boot_info.range_count; i++) {
		uint64_t e = boot_info.ranges[i].base + boot_info.ranges[i].length;

		if (e > end)
			end = e;
	}
	return end < CONFIG_KERNEL_MAPPED_RAM ? end : CONFIG_KERNEL_MAPPED_RAM;
}

/* noinline: the panic test expects this frame in the backtrace */
static __attribute__((noinline)) void fault_on_purpose(const char *kind)
{
	if (strcmp(kind, "page") == 0)
		*(volatile uint32_t *)0xdead0000u = 1;
	else if (strcmp(kind, "text") == 0)
		/* kernel text is mapped read-only, for the kernel too (CR0.WP) */
		*(volatile uint8_t *)(uintptr_t)kernel_main = 0xcc;
	else if (strcmp(kind, "divide") == 0) {
		volatile uint32_t dividend = 1000, zero = 0;

		/* the fault is the point */
		// cppcheck-suppress zerodiv
		kprintf("%u\n", dividend / zero); // NOLINT(clang-analyzer-core.DivideZero)
	} else if (strcmp(kind, "panic") == 0)
		panic("test_fault=panic requested on the command line");
	kprintf("bulkhead: warning: test_fault=%s is not a known fault\n", kind);
}

static void banner(void)
{
	uint32_t vcpus = 0, np = deployment_partition_count(&deployment);

	for (uint32_t i = 0; i < np; i++)
		vcpus += deployment.partitions[i].vcpu_count;
	kprintf("\nBulkhead %s: a partitioning hypervisor for x86\n", BULKHEAD_VERSION);
	kprintf("bulkhead: loader: %s\n", boot_info.loader[0] ? boot_info.loader : "unknown");
	kprintf("bulkhead: entered at tsc %llu\n", boot_entry_tsc);
	kprintf("bulkhead: memory: %llu KiB usable\n", boot_info.memory_total / 1024);
	kprintf("bulkhead: command line: %s\n", boot_info.cmdline);
	kprintf("bulkhead: timer: %s\n", platform_timer_describe());
	kprintf("bulkhead: cpu: %s\n", arch_cpu_describe());
	/* started here, so that an AP that does not start is reported just before the sum */
	platform_cpus_start();
	kprintf("bulkhead: cpus: %s\n", platform_cpus_describe());
	kprintf("bulkhead: paging: %s\n", arch_paging_describe());
	kprintf("bulkhead: deployment '%s': %u partition%s, %u vcpu%s, major frame %llu us\n",
		deployment.name ? deployment.name : "?", np, plural(np), vcpus, plural(vcpus),
		schedule_initial_major_ns() / 1000);
}

/* One line per problem the validator finds, as the build prints them. */
static void print_refusal(const struct config_error *err, void *context)
{
	(void)context;
	kprintf("bulkhead: deployment '%s' refused: %s: %s\n",
		deployment.name ? deployment.name : "?", err->field, err->reason);
}

/* A deployment needing more CPUs than started is refused whole: nothing of it would keep its plan. */
static bool cpus_enough(void)
{
	uint32_t needed = deployment.cpus ? deployment.cpus : 1, have = platform_cpu_count();

	if (needed <= have)
		return true;
	kprintf("bulkhead: deployment '%s' needs %u CPU%s; this machine has %u\n",
		deployment.name ? deployment.name : "?", needed, plural(needed), have);
	return false;
}

/* A deployment on several CPUs needs a timer on each (the local APICs'), found before the banner
 * names the timer. */
static bool timers_enough(void)
{
	if (!deployment.cpus || deployment.cpus == 1 || platform_timer_per_cpu())
		return true;
	kprintf("bulkhead: deployment '%s' needs a timer on each of its %u CPUs; this machine's "
		"local APIC timer does not work\n", deployment.name ? deployment.name : "?",
		deployment.cpus);
	return false;
}

void core_ap_main(uint32_t index)
{
	cpus[index].index = index;
	arch_cpu_attach(index, &cpus[index]);
	/* it idles until the boot CPU starts its dispatcher (cpu_mail_start), if the deployment
	 * has windows for it */
	arch_return_to_guest();
}

void kernel_main(void)
{
	bool timers;

	arch_cpu_attach(0, &cpus[0]);
	guest_time_start();
	timers = timers_enough();
	banner();
	cmdline_parse(boot_info.cmdline, &options, unknown_option);
	if (options.uart_model_baud)
		platform_console_model(options.uart_model_baud);
	kprintf("bulkhead: kernel initialized\n");
	if (options.test_fault[0])
		fault_on_purpose(options.test_fault);
	guest_touch_test = options.test_kernel_touch;
	if (options.test_abi_version_set)
		hypercall_abi_version = options.test_abi_version;

	if (config_check_all(&deployment, partition_ram_end(), print_refusal, NULL) || !cpus_enough() ||
	    !timers) {
		kprintf("bulkhead: no partition started; shutting down\n");
		platform_shutdown();
	}
	if (partition_init()) {
		kprintf("bulkhead: no partition started; shutting down\n");
		platform_shutdown();
	}
	ports_init();
	device_init();
	select_trace();
	if (options.clock_wrap_in_ms) {
		platform_clock_set((1ull << 32) - platform_clock_ns_to_ticks(MS(options.clock_wrap_in_ms)));
		kprintf("bulkhead: clock set %u ms before its low half wraps\n",
			options.clock_wrap_in_ms);
	}
	dispatch_start(options.frames_set ? options.frames : deployment.run_frames);
	core_exit();
	arch_return_to_guest();
}
