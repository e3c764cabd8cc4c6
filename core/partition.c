/* Partitions: set up from the deployment at boot, restarted and stopped at run time. */
#include <core/partition.h>
#include <core/platform.h>
#include <core/deployment.h>
#include <core/boot_info.h>
#include <core/dispatch.h>
#include <core/console.h>
#include <core/ports.h>
#include <core/shm.h>
#include <core/trace.h>
#include <core/vint.h>
#include <core/guest.h>
#include <lib/format.h>
#include <lib/string.h>

struct partition partitions[CONFIG_MAX_PARTITIONS];
uint32_t partition_count;

const char *partition_mode_name(enum partition_mode m)
{
	static const char *const names[] = { "IDLE", "COLD_START", "WARM_START", "NORMAL" };

	return (unsigned int)m < 4 ? names[m] : "?";
}

static void *memory_of(const struct partition *p)
{
	return arch_phys_to_virt(p->mem.base);
}

static uint32_t initial_stack(const struct partition *p)
{
	return BH_PARTITION_BASE + p->mem.size;
}

/* The memory must be RAM and must not hold a boot module (the images are reloaded from there). */
static int check_memory(const struct partition *p)
{
	const struct boot_module *m;

	if (!boot_ram_contains(p->mem.base, p->mem.size)) {
		kprintf("bulkhead: partition '%s': memory [0x%x, +0x%x) is not in RAM\n", p->name,
			p->mem.base, p->mem.size);
		return -1;
	}
	if ((m = boot_module_overlapping(p->mem.base, p->mem.size))) {
		kprintf("bulkhead: partition '%s': memory overlaps boot module '%s'\n", p->name,
			m->name);
		return -1;
	}
	return 0;
}

/* vcpu 0's stack: the top of the memory */
static uint32_t stack_size(const struct partition *p)
{
	return p->config->stack_size ? p->config->stack_size : CONFIG_DEFAULT_STACK_SIZE;
}

/* The guard page below vcpu 0's stack, as an offset in the memory (config_validate, at build
 * and at boot, checked that stack and guard fit). */
static uint32_t guard_offset(const struct partition *p)
{
	return p->mem.size - stack_size(p) - CONFIG_PAGE_SIZE;
}

static uint32_t page_down(uint32_t x)
{
	return x & ~(CONFIG_PAGE_SIZE - 1);
}

static uint32_t page_up(uint32_t x)
{
	return page_down(x + CONFIG_PAGE_SIZE - 1);
}

/* Offset of the first page above the image. */
static uint32_t image_end(const struct elf_image *img)
{
	uint32_t end = 0;

	for (uint32_t i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];

		if (page_up(s->vaddr - BH_PARTITION_BASE + s->mem_size) > end)
			end = page_up(s->vaddr - BH_PARTITION_BASE + s->mem_size);
	}
	return end;
}

/* The image, and the APEX layer's stacks above it, end below the guard page (known only here:
 * the build checks its config). */
static int check_image_below_guard(const struct partition *p, char *why, size_t why_size)
{
	uint32_t end = image_end(&p->mem.elf), apex = p->config->apex.stack_bytes;

	if (end <= guard_offset(p) && apex <= guard_offset(p) - end)
		return 0;
	if (apex)
		format_string(why, why_size, "it ends at 0x%x, and the %u KiB of APEX stacks above it "
			      "(partitions[%u].apex.stack_bytes) pass the guard page at 0x%x below vcpu "
			      "0's stack (image %u KiB + APEX stacks %u KiB + guard 4 KiB + stack %u KiB > "
			      "memory %u KiB)", BH_PARTITION_BASE + end, apex >> 10, p->id,
			      BH_PARTITION_BASE + guard_offset(p), end >> 10, apex >> 10,
			      stack_size(p) >> 10, p->mem.size >> 10);
	else
		format_string(why, why_size, "it ends at 0x%x, past the guard page at 0x%x below vcpu "
			      "0's stack (image %u KiB + guard 4 KiB + stack %u KiB > memory %u KiB)",
			      BH_PARTITION_BASE + end, BH_PARTITION_BASE + guard_offset(p), end >> 10,
			      stack_size(p) >> 10, p->mem.size >> 10);
	return -1;
}

/* An image built with the APEX layer (its section) runs only with the deployment's APEX limits. */
static int check_apex_image(const struct partition *p, char *why, size_t why_size)
{
	if (p->config->apex.processes ||
	    !elf_has_section(arch_phys_to_virt(p->mem.image->start),
			     p->mem.image->end - p->mem.image->start, APEX_IMAGE_SECTION))
		return 0;
	format_string(why, why_size, "it is built with the APEX layer (section %s), but "
		      "partitions[%u].apex gives it no limits: set apex.processes and "
		      "apex.stack_bytes", APEX_IMAGE_SECTION, p->id);
	return -1;
}

/* What a segment's pages allow: every mapped page is readable on x86. */
static uint32_t segment_prot(const struct elf_segment *s)
{
	return BH_PROT_READ | (s->flags & ELF_PF_W ? BH_PROT_WRITE : 0) |
	       (s->flags & ELF_PF_X ? BH_PROT_EXEC : 0);
}

/* The access of the image page at `offset`: all the segments in it (elf_check refused W+X). */
static uint32_t image_page_prot(const struct elf_image *img, uint32_t offset)
{
	uint32_t prot = 0;

	for (uint32_t i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint32_t first = page_down(s->vaddr - BH_PARTITION_BASE);

		if (offset >= first && offset < page_up(s->vaddr - BH_PARTITION_BASE + s->mem_size))
			prot |= segment_prot(s);
	}
	return prot;
}

/*
 * The image's layout, set once at boot, which memory_protect may change and every restart puts
 * back (arch_aspace_reset): each segment's pages as its flags say (text read and execute, rodata
 * read, data and bss read and write), everything else (heap, stacks) read and write, no page
 * both writable and executable; the guard page below vcpu 0's stack unmapped, so that an
 * overflow faults.
 */
static void set_layout(struct partition *p)
{
	const struct elf_image *img = &p->mem.elf;

	arch_aspace_layout(&p->mem.aspace, 0, p->mem.size, BH_PROT_READ | BH_PROT_WRITE);
	for (uint32_t i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint32_t first = page_down(s->vaddr - BH_PARTITION_BASE);
		uint32_t end = page_up(s->vaddr - BH_PARTITION_BASE + s->mem_size);

		arch_aspace_layout(&p->mem.aspace, first, end - first, segment_prot(s));
	}
	/* a page two segments share takes both their accesses: only a segment's ends can, where
	 * they are not on a page boundary */
	for (uint32_t i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint32_t start = s->vaddr - BH_PARTITION_BASE, end = start + s->mem_size;

		if (start % CONFIG_PAGE_SIZE)
			arch_aspace_layout(&p->mem.aspace, page_down(start), CONFIG_PAGE_SIZE,
					   image_page_prot(img, page_down(start)));
		if (end % CONFIG_PAGE_SIZE)
			arch_aspace_layout(&p->mem.aspace, page_down(end), CONFIG_PAGE_SIZE,
					   image_page_prot(img, page_down(end)));
	}
	arch_aspace_layout(&p->mem.aspace, guard_offset(p), CONFIG_PAGE_SIZE, BH_PROT_NONE);
}

static int check_image(struct partition *p)
{
	char why[256];

	p->mem.image = boot_module_find(p->config->image);
	if (!p->mem.image) {
		kprintf("bulkhead: partition '%s': image '%s' is not among the boot modules; "
			"partition not started\n", p->name, p->config->image);
		return -1;
	}
	if (elf_check(arch_phys_to_virt(p->mem.image->start), p->mem.image->end - p->mem.image->start,
		      BH_PARTITION_BASE, p->mem.size, &p->mem.elf, why, sizeof(why)) ||
	    check_image_below_guard(p, why, sizeof(why)) || check_apex_image(p, why, sizeof(why))) {
		kprintf("bulkhead: partition '%s': image '%s' refused: %s; partition not started\n",
			p->name, p->config->image, why);
		return -1;
	}
	return 0;
}

/* v stopped in `state` with its lines, timer and FPU state forgotten, on its own CPU; a halted
 * vcpu keeps its registers (for debuggers), a down one is back to its initial ones. */
static void stop_here(struct vcpu *v, enum vcpu_state state)
{
	arch_vcpu_drop_fpu(v);
	vcpu_stop(v, state);
	vint_reset(v);
	if (state == VCPU_DOWN)
		vcpu_initialize(v, 0, 0);
}

/*
 * Every vcpu of p stopped in `state`: those of this CPU now, each of another CPU by its CPU, told
 * through its mailbox (core/cpu_mail.c), which carries the stop out before any later request
 * for it. Returns how many are another CPU's.
 */
static uint32_t stop_all(struct partition *p, enum vcpu_state state)
{
	uint32_t elsewhere = 0;

	for (struct vcpu *v = p->vcpu_list; v; v = v->next_in_list) {
		if (v->cpu == this_cpu_index()) {
			stop_here(v, state);
		} else {
			cpu_mail_stop(v, state);
			elsewhere++;
		}
	}
	return elsewhere;
}

void partition_pages_changed(const struct partition *p)
{
	uint32_t told = 1u << this_cpu_index();

	for (const struct vcpu *v = p->vcpu_list; v; v = v->next_in_list)
		if (!(told & (1u << v->cpu))) {
			told |= 1u << v->cpu;
			cpu_mail_flush_tlb(v->cpu);
		}
}

void partition_vcpu_stopped_elsewhere(struct vcpu *v, enum vcpu_state state)
{
	struct partition *p = v->partition;

	uint32_t pending = __atomic_load_n(&p->life.stops_pending, __ATOMIC_SEQ_CST);

	stop_here(v, state);
	/* a cold restart waits for each before it rewrites the memory: one fewer, never below 0 */
	while (pending && !__atomic_compare_exchange_n(&p->life.stops_pending, &pending, pending - 1,
						       false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
	if (pending == 1)
		cpu_mail_decide(partition_home_cpu(p));
}

/* Every vcpu back to its initial registers; vcpu 0 runnable at the entry point. */
static void reset_vcpus(struct partition *p, enum partition_mode mode)
{
	trace(TRACE_RESTART, p->id, TRACE_NONE, mode);
	stop_all(p, VCPU_DOWN);
	spin_lock(&p->mem.tables_lock);
	arch_aspace_reset(&p->mem.aspace);
	spin_unlock(&p->mem.tables_lock);
	partition_pages_changed(p);
	vcpu_initialize(p->vcpus[0], p->mem.elf.entry, initial_stack(p));
	vcpu_set_state(p->vcpus[0], VCPU_RUNNABLE);
	/* restarts and loads finish inside the partition's own window: it starts in one */
	vint_raise(p->vcpus[0], BH_VINT_WINDOW_START);
	p->life.mode = mode;
	deferred_output_drop_line(p);
}

/*
 * A restart or a stop is carried out on p's first CPU (partition_home_cpu), whichever CPU asked
 * for it: there it stops its own vcpus and asks the other CPUs for theirs. Asked elsewhere, it is
 * posted to that CPU (cpu_mail_lifecycle), the strongest request winning: stop, cold, warm.
 */
static bool done_at_home(struct partition *p, enum partition_request request)
{
	if (this_cpu_index() == partition_home_cpu(p))
		return false;
	/* this CPU's vcpus of p stop now: a faulting one must not run its instruction again while
	 * the request travels (the first CPU's stop of them later changes nothing) */
	for (struct vcpu *v = p->vcpu_list; v; v = v->next_in_list)
		if (v->cpu == this_cpu_index())
			stop_here(v, request == PARTITION_REQUEST_STOP ? VCPU_HALTED : VCPU_DOWN);
	cpu_mail_lifecycle(p, request);
	return true;
}

void partition_carry_out(struct partition *p, enum partition_request request)
{
	if (request == PARTITION_REQUEST_STOP)
		partition_stop(p);
	else if (request == PARTITION_REQUEST_COLD_RESTART)
		partition_cold_restart(p);
	else if (request == PARTITION_REQUEST_WARM_RESTART)
		partition_warm_restart(p);
}

void partition_warm_restart(struct partition *p)
{
	if (done_at_home(p, PARTITION_REQUEST_WARM_RESTART))
		return;
	reset_vcpus(p, PARTITION_WARM_START);
	/* vcpu 0 starts afresh: dispatched anew, even if it was the one running */
	cpu_ask_decision(this_cpu(), true);
}

/* The reload's start: its pages are rewritten in p's windows on its first CPU, once no vcpu of
 * p runs anywhere (partition_reload_here). */
static void begin_reload(struct partition *p)
{
	p->life.mode = PARTITION_IDLE;
	p->life.reloading = true;
	p->life.reload_offset = 0;
	ports_reset(p);
}

void partition_cold_restart(struct partition *p)
{
	uint32_t elsewhere;

	if (done_at_home(p, PARTITION_REQUEST_COLD_RESTART))
		return;
	/* DOWN: not started until the image is back in memory. The count is set before any other
	 * CPU can answer, so that no answer is missed */
	__atomic_store_n(&p->life.stops_pending, UINT32_MAX, __ATOMIC_SEQ_CST);
	elsewhere = stop_all(p, VCPU_DOWN);
	__atomic_add_fetch(&p->life.stops_pending, elsewhere + 1, __ATOMIC_SEQ_CST);
	begin_reload(p);
}

bool partition_reload_here(const struct partition *p, uint32_t cpu)
{
	return cpu == partition_home_cpu(p) &&
	       __atomic_load_n(&p->life.stops_pending, __ATOMIC_SEQ_CST) == 0;
}

bool partition_reload_step(struct partition *p)
{
	elf_load_page(arch_phys_to_virt(p->mem.image->start), &p->mem.elf, BH_PARTITION_BASE, memory_of(p),
		      p->life.reload_offset);
	p->life.reload_offset += ELF_PAGE_SIZE;
	if (p->life.reload_offset < p->mem.size)
		return false;
	p->life.reloading = false;
	reset_vcpus(p, PARTITION_COLD_START);
	return true;
}

bool partition_reload_worst_step(void)
{
	struct partition *worst = NULL;
	struct elf_image img = { .segment_count = ELF_MAX_SEGMENTS };
	uint32_t size;

	for (uint32_t i = 0; i < partition_count; i++) {
		struct partition *p = &partitions[i];

		if (p->life.reloading && (!worst || p->mem.image->end - p->mem.image->start >
					       worst->mem.image->end - worst->mem.image->start))
			worst = p;
	}
	if (!worst)
		return false;
	/* one segment fills the page; the other slots are looked at and copy nothing, as in a real
	 * image of that many segments */
	size = worst->mem.image->end - worst->mem.image->start;
	img.segments[0] = (struct elf_segment){ .file_offset = 0, .vaddr = BH_PARTITION_BASE,
		.file_size = size < ELF_PAGE_SIZE ? size : ELF_PAGE_SIZE, .mem_size = ELF_PAGE_SIZE };
	elf_load_page(arch_phys_to_virt(worst->mem.image->start), &img, BH_PARTITION_BASE,
		      memory_of(worst), 0);
	return true;
}

void partition_stop(struct partition *p)
{
	if (done_at_home(p, PARTITION_REQUEST_STOP))
		return;
	/* its timers stop too: a stopped partition's windows run idle, without interrupts */
	stop_all(p, VCPU_HALTED);
	p->life.mode = PARTITION_IDLE;
	p->life.reloading = false;
}

static int setup_partition(struct partition *p, const struct partition_config *cfg, uint32_t id)
{
	p->id = id;
	p->name = cfg->name;
	p->config = cfg;
	p->mem.base = cfg->memory_base;
	p->mem.size = cfg->memory_size;
	p->mem.tables_lock = (struct spinlock)SPINLOCK("page tables");
	p->life.mode = PARTITION_IDLE;
	arch_aspace_build(&p->mem.aspace, id, p->mem.base, p->mem.size);
	for (uint32_t i = 0; i < cfg->vcpu_count; i++) {
		struct vcpu *v = alloc_vcpu(p, i);

		if (!v) {
			kprintf("bulkhead: partition '%s': vcpu %u does not fit in the pool of %d vcpus "
				"(CONFIG_MAX_VCPUS)\n", p->name, i, CONFIG_MAX_VCPUS);
			return -1;
		}
		v->priority = cfg->priority[i];
		v->cpu = deployment_vcpu_cpu(&deployment, id, i);
	}
	return dispatch_add_partition(p);
}

int partition_init(void)
{
	partition_count = deployment_partition_count(&deployment);
	for (uint32_t i = 0; i < partition_count; i++) {
		struct partition *p = &partitions[i];

		if (setup_partition(p, &deployment.partitions[i], i))
			return -1;
		if (check_memory(p) || check_image(p)) {
			p->life.stopped_for_good = true;
			continue;
		}
		set_layout(p);
		if (shm_map(p)) {
			p->life.stopped_for_good = true;
			continue;
		}
		/* loaded like a cold restart, page by page in its own first windows: boot stays short
		 * and never spends one partition's time on another's memory (its vcpus are down) */
		begin_reload(p);
	}
	return 0;
}

int32_t hc_partition_status(struct vcpu *v, uint32_t id, uint32_t out)
{
	struct bh_partition_status st;
	const struct partition *p;

	if (id == BH_SELF)
		id = v->partition->id;
	if (id >= partition_count)
		return BH_ENOENT;
	if (id != v->partition->id && !v->partition->config->system)
		return BH_EPERM;
	p = &partitions[id];
	/* whole struct cleared first: no padding or stale kernel byte may reach a partition */
	memset(&st, 0, sizeof(st));
	st.id = p->id;
	st.mode = p->life.mode;
	st.vcpu_count = p->vcpu_count;
	for (uint32_t i = 0; i < p->vcpu_count; i++)
		st.vcpu_state[i] = p->vcpus[i]->state;
	st.restarts = p->stats.restarts;
	st.requested_restarts = p->stats.requested_restarts;
	st.faults = p->stats.faults;
	if (p->stats.windows_entered)
		st.window_start_ns = platform_clock_ticks_to_ns(dispatch_window_start(p));
	st.window_end_ns = platform_clock_ticks_to_ns(dispatch_window_end(p));
	st.major_frame_ns = platform_clock_ticks_to_ns(this_cpu()->plan->major);
	st.windows_entered = p->stats.windows_entered;
	st.system = p->config->system;
	return copy_to_guest(v->partition, out, &st, sizeof(st));
}

int32_t hc_partition_set_mode(struct vcpu *v, uint32_t mode)
{
	struct partition *p = v->partition;

	switch (mode) {
	case BH_MODE_NORMAL:
		p->life.mode = PARTITION_NORMAL;
		return 0;
	case BH_MODE_IDLE:
		partition_stop(p);
		return 0;
	case BH_MODE_WARM_START:
		p->stats.requested_restarts++;
		p->life.start_condition = BH_START_PARTITION_RESTART;
		partition_warm_restart(p);
		return 0;
	case BH_MODE_COLD_START:
		p->stats.requested_restarts++;
		p->life.start_condition = BH_START_PARTITION_RESTART;
		partition_cold_restart(p);
		return 0;
	default:
		return BH_EINVAL;
	}
}

int32_t hc_partition_info(struct vcpu *v, uint32_t out)
{
	const struct partition *p = v->partition;
	const struct partition_config *c = p->config;
	struct schedule_view s;
	struct bh_partition_info info;
	bool first = true;

	memset(&info, 0, sizeof(info));
	info.id = p->id;
	info.memory_size = p->mem.size;
	info.image_end = BH_PARTITION_BASE + image_end(&p->mem.elf);
	info.stack_size = stack_size(p);
	info.vcpu_count = p->vcpu_count;
	info.start_condition = p->life.start_condition;
	/* the schedule in force; its windows, in time order (validated): the first of its own is
	 * its first */
	deployment_schedule(&deployment, dispatch_plan_id(this_cpu()), &s);
	info.period_ns = s.major_frame_ns;
	for (uint32_t w = 0; w < s.window_count; w++) {
		const struct window_config *win = &s.windows[w];

		if (strcmp(win->partition, p->name) != 0)
			continue;
		if (first)
			info.first_window_ns = win->offset_ns;
		first = false;
		info.duration_ns += win->duration_ns;
	}
	info.apex_processes = c->apex.processes;
	info.apex_stack_bytes = c->apex.stack_bytes;
	return copy_to_guest(p, out, &info, sizeof(info));
}
