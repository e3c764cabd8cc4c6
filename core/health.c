/* The health monitor: log, then apply the deployment's action for (partition, event). */
#include <core/health.h>
#include <core/platform.h>
#include <core/debug_info.h>
#include <core/partition.h>
#include <core/dispatch.h>
#include <core/vint.h>
#include <core/console.h>
#include <core/report.h>
#include <core/trace.h>
#include <core/deferred_output.h>
#include <core/guest.h>
#include <core/shm.h>
#include <core/schedule.h>
#include <lib/plural.h>
#include <lib/string.h>

/* A quiet partition (partition_config.hm_quiet) prints one event in this many; all are logged. */
#define HM_QUIET_EVERY 1000
/* At most this many characters in each of an event's lines (the event line runs to about 130). */
/* At most this many characters in each of an event's lines: a vcpu-misuse line with a 31-character
 * name is about 244 */
#define LINE_MAX_CHARS 256
/* Kept free between the end of a print and the end of the slot: the rest of the event's work. */
#define LINE_GUARD_NS US(5)

struct hm_log hm_log;
/* the log and its line bookkeeping: faults on several CPUs record at once */
static struct spinlock hm_lock = SPINLOCK("health log");
static uint32_t events_of[CONFIG_MAX_PARTITIONS];
static uint32_t events_by_kind[CONFIG_MAX_PARTITIONS][HM_EVENT_COUNT];

/*
 * An event's console lines take microseconds on a serial port, so they are printed only on the
 * faulting partition's own time or on idle time (core/deferred_output.c chooses when): a line printed in the last microseconds of a
 * window would make the next window start late. Lines come out in the log's order. One that does
 * not fit before the end of the slot waits, in the log, for an idle stretch (or for a later
 * event of its partition with time left, if it is the oldest waiting); the summary prints
 * whatever still waits. Lines of records the log overwrites before they could be printed are
 * counted as lost, and the count comes before the next line printed. What a line costs comes from
 * the slowest character the console has printed so far (console_cost), boot messages included.
 */
enum line_kind {
	LINE_EVENT = 1,        /* the event itself */
	LINE_QUIET = 2,        /* the first event of a quiet partition: the rationing notice */
	LINE_LIMIT = 4,        /* the restart limit stopped the partition for good */
};
static uint8_t lines_of[HM_LOG_SIZE];    /* enum line_kind bits, per record; 0: printed */
static uint32_t held_of[CONFIG_MAX_PARTITIONS];   /* records each partition has in the log */
static uint32_t printed_first;           /* the oldest records held whose lines are all printed */
static uint32_t lines_lost;
static uint32_t line_guard;
uint32_t health_lines_waiting;

_Static_assert(HM_ACTION_COUNT == BH_HM_ACTION_DELIVER, "the log's actions: the deployment's, then "
	       "delivery");
static const char *const action_names[BH_HM_ACTION_DELIVER + 1] = {
	"stop partition", "log", "stop partition", "cold restart", "warm restart", "shut down",
	"deliver",
};
DEBUG_ARRAY(action_names, action_names);
DEBUG_ARRAY(hm_lines_of, lines_of);

static const char *event_name(enum hm_event e)
{
	if (e == HM_EVENT_APPLICATION_ERROR)
		return "application error";
	if (e == HM_EVENT_VCPU_MISUSE)
		return "vcpu misuse";
	if (e == HM_EVENT_STACK_OVERFLOW)
		return "stack overflow";
	return arch_exception_name(e);
}

/* A restart beyond the limit within the span stops the partition for good. Under the log's lock:
 * two of the partition's vcpus on two CPUs may fault at once. */
static int restart_allowed(struct partition *p, uint64_t now)
{
	const struct partition_config *c = p->config;
	uint32_t limit = c->restart_limit ? c->restart_limit : DEFAULT_RESTART_LIMIT;
	uint64_t span = platform_clock_ns_to_ticks(c->restart_span_ns ? c->restart_span_ns :
					       DEFAULT_RESTART_SPAN_NS);
	int allowed = 0;

	spin_lock(&hm_lock);
	if (p->stats.span_restarts == 0 || now - p->stats.span_start >= span) {
		p->stats.span_start = now;
		p->stats.span_restarts = 0;
	}
	if (p->stats.span_restarts < limit) {
		p->stats.span_restarts++;
		p->stats.restarts++;
		allowed = 1;
	}
	spin_unlock(&hm_lock);
	return allowed;
}

/* Logs the event with its action (BH_HM_ACTION_*); `lines` are printed whatever the rationing
 * (LINE_LIMIT). Returns the record. */
/* Whose record a new one of `partition`'s replaces in a full log: the partition's that holds the
 * most, `partition`'s own on a tie. */
static uint32_t log_victim(uint32_t partition)
{
	uint32_t most = partition;

	for (uint32_t i = 0; i < partition_count; i++)
		if (held_of[i] > held_of[most])
			most = i;
	return most;
}

/* The slot of the i-th oldest record held. */
static uint32_t log_slot(uint32_t i)
{
	return hm_log.order[(hm_log.head + i) % HM_LOG_SIZE];
}

/* Takes the oldest record of `partition` out of the log (its lines, if still waiting, are lost)
 * and returns its slot: the older records of others move up a place, usually none. */
static uint32_t log_drop_oldest(uint32_t partition)
{
	uint32_t k = 0, slot;

	while (hm_log.records[log_slot(k)].partition != partition)
		k++;
	slot = log_slot(k);
	if (k < printed_first)
		printed_first--;
	if (lines_of[slot]) {
		lines_lost++;
		health_lines_waiting--;
		lines_of[slot] = 0;
	}
	for (; k; k--)
		hm_log.order[(hm_log.head + k) % HM_LOG_SIZE] = (uint8_t)log_slot(k - 1);
	hm_log.head = (hm_log.head + 1) % HM_LOG_SIZE;
	hm_log.held--;
	held_of[partition]--;
	return slot;
}

static struct bh_hm_record record(struct vcpu *v, enum hm_event event, uint32_t code,
				  uint32_t eip, uint32_t address, uint32_t action, uint64_t now,
				  uint8_t lines)
{
	uint64_t ns = platform_clock_ticks_to_ns(now);
	uint32_t nth, slot;
	struct bh_hm_record *r, copy;

	spin_lock(&hm_lock);
	nth = events_of[v->partition->id]++;
	slot = hm_log.held < HM_LOG_SIZE ? hm_log.held : log_drop_oldest(log_victim(v->partition->id));
	r = &hm_log.records[slot];

	events_by_kind[v->partition->id][event]++;
	hm_log.order[(hm_log.head + hm_log.held++) % HM_LOG_SIZE] = (uint8_t)slot;
	held_of[v->partition->id]++;

	memset(r, 0, sizeof(*r));
	r->time_ns = ns;
	r->sequence = hm_log.total++;
	r->event = event;
	r->partition = v->partition->id;
	r->vcpu = v->index;
	r->eip = eip;
	r->address = address;
	r->code = code;
	r->action = action;
	trace_vcpu(TRACE_HEALTH, v, (uint32_t)event | (uint32_t)action << 8);
	/* a partition failing by design thousands of times would flood the console and the CPU */
	if (!v->partition->config->hm_quiet || nth % HM_QUIET_EVERY == 0)
		lines |= LINE_EVENT;
	if (v->partition->config->hm_quiet && nth == 0)
		lines |= LINE_QUIET;
	lines_of[slot] = lines;
	if (lines)
		health_lines_waiting++;
	copy = *r;
	spin_unlock(&hm_lock);
	return copy;
}

/* Why a page fault of the partition's: its error code, and whose page it hit. */
static const char *page_fault_cause(const struct partition *p, const struct bh_hm_record *r)
{
	if (r->event == HM_EVENT_STACK_OVERFLOW)
		return "guard page";
	if (!(r->code & ARCH_PF_PRESENT))
		return "not mapped";
	if (!guest_ptr(p, r->address, 1) && !shm_maps(p, r->address))
		return "kernel page";
	if (!(r->code & ARCH_PF_USER))
		return "supervisor-mode access to a user page (SMAP)";
	if (r->code & ARCH_PF_FETCH)
		return "execute of a no-execute page";
	if (r->code & ARCH_PF_WRITE)
		return "write to a read-only page";
	return "protection";
}

static void print_lines(const struct bh_hm_record *r, uint8_t lines)
{
	const struct partition *p = &partitions[r->partition];
	enum hm_event event = (enum hm_event)r->event;

	if (lines & LINE_EVENT) {
		kprintf("bulkhead: hm: t=%llu.%03llu ms partition '%s' vcpu %u: %s",
			r->time_ns / 1000000, r->time_ns / 1000 % 1000, p->name, r->vcpu,
			event_name(event));
		if (event == HM_EVENT_PAGE_FAULT || event == HM_EVENT_STACK_OVERFLOW)
			kprintf(" (#%s) at eip 0x%08x, address 0x%08x, error 0x%x: %s",
				arch_exception_mnemonic(ARCH_VECTOR_PAGE_FAULT), r->eip, r->address,
				r->code, page_fault_cause(p, r));
		else if (event < 32)
			kprintf(" (#%s) at eip 0x%08x, address 0x%08x, error 0x%x",
				arch_exception_mnemonic(event), r->eip, r->address, r->code);
		else if (event == HM_EVENT_VCPU_MISUSE)
			/* the one misuse: an upcall stack a delivery cannot write (core/vint.c) */
			kprintf(": upcall stack top 0x%08x refused, no room in the partition below it "
				"for the frame of line %u (%s), at eip 0x%08x", r->address, r->code,
				vint_line_name(r->code), r->eip);
		else
			kprintf(" code %u at eip 0x%08x", r->code, r->eip);
		kprintf(" -> %s\n", action_names[r->action]);
	}
	if (lines & LINE_QUIET)
		kprintf("bulkhead: hm: partition '%s' is quiet: one event in %u is printed, all are "
			"logged\n", p->name, HM_QUIET_EVERY);
	if (lines & LINE_LIMIT)
		kprintf("bulkhead: hm: partition '%s' reached its restart limit; stopped for good\n",
			p->name);
}

static void print_lost(void)
{
	if (lines_lost == 1)
		kprintf("bulkhead: hm: 1 event line was not printed: no time for it before the log "
			"overwrote it (the event was logged)\n");
	else if (lines_lost)
		kprintf("bulkhead: hm: %u event lines were not printed: no time for them before the log "
			"overwrote them (each event was logged)\n", lines_lost);
	lines_lost = 0;
}

static void print_waiting(tick32_t until, const struct partition *only);

void health_print_waiting(tick32_t until, const struct partition *only)
{
	/* held while a line prints: a fault on another CPU waits for it, at most a line's cost */
	spin_lock(&hm_lock);
	print_waiting(until, only);
	spin_unlock(&hm_lock);
}

static void print_waiting(tick32_t until, const struct partition *only)
{
	if (!line_guard)
		line_guard = (uint32_t)platform_clock_ns_to_ticks(LINE_GUARD_NS);
	for (uint32_t k = printed_first; k < hm_log.held && health_lines_waiting; k++) {
		uint32_t slot = log_slot(k);
		const struct bh_hm_record *r = &hm_log.records[slot];
		uint32_t lines = lines_of[slot], count;
		uint64_t cost;

		if (!lines)
			continue;
		/* its lines, and the count of lost ones first if there are any */
		count = (uint32_t)__builtin_popcount(lines) + (lines_lost != 0);
		cost = console_cost(LINE_MAX_CHARS * count) + line_guard;
		/* in the log's order: another partition's line first waits for idle time */
		if ((only && r->partition != only->id) || cost >= DEADLINE_HORIZON ||
		    tick32_before(until, platform_clock_now32() + (uint32_t)cost))
			break;
		print_lost();
		print_lines(r, lines);
		lines_of[slot] = 0;
		health_lines_waiting--;
	}
	while (printed_first < hm_log.held && !lines_of[log_slot(printed_first)])
		printed_first++;
}

void health_print_all(void)
{
	/* the horizon is a bound on time, not on lines: a whole log prints in a fraction of it */
	health_print_waiting(platform_clock_now32() + DEADLINE_HORIZON, NULL);
	print_lost();
}

static void notify_system_partitions(void)
{
	for (uint32_t i = 0; i < partition_count; i++)
		if (partitions[i].config->system && partitions[i].life.mode != PARTITION_IDLE)
			vint_raise(partitions[i].vcpus[0], BH_VINT_HEALTH);
}

/*
 * Whether v can take BH_VINT_FAULT's upcall now, on the context that faulted: an upcall
 * registered, none running, delivery enabled and the line unmasked (with a shared page, as the
 * page says), and a context to resume (arch_vcpu_resumable: not a virtual-8086 frame).
 */
static bool can_take_fault(const struct vcpu *v, enum hm_event event)
{
	const struct vcpu_vint *vi = &v->vint;
	uint32_t line = 1u << BH_VINT_FAULT;
	uint32_t top = vi->upcall_stack ? vi->upcall_stack : arch_vcpu_sp(&v->arch);

	if (!vi->upcall_entry || arch_vcpu_in_upcall(&v->arch) || !arch_vcpu_resumable(&v->arch))
		return false;
	/* the upcall needs a stack it can be built on: an overflow's own stack is the guard page */
	if ((event == HM_EVENT_STACK_OVERFLOW && !vi->upcall_stack) ||
	    !guest_ptr(v->partition, top - BH_UPCALL_STACK_MIN, BH_UPCALL_STACK_MIN))
		return false;
	if (vi->info)
		return (vi->info->enabled & 1) && !(vi->info->mask & line);
	return vi->enabled && !(vi->mask & line);
}

/* Hands the fault to the partition: logged, held for hm_fault_read, the line raised; the exit
 * step delivers it and the vcpu goes on in its upcall. */
static void deliver(struct vcpu *v, enum hm_event event, uint32_t code, uint32_t eip,
		    uint32_t address)
{
	v->fault.record = record(v, event, code, eip, address, BH_HM_ACTION_DELIVER,
				  platform_clock_now(), 0);
	v->fault.held = true;
	deferred_output_health(v->partition);
	notify_system_partitions();
	vint_raise(v, BH_VINT_FAULT);
}

/* The deployment's action for the event (hm_actions). */
static void apply_action(struct vcpu *v, enum hm_event event, uint32_t code, uint32_t eip,
			 uint32_t address)
{
	struct partition *p = v->partition;
	enum hm_action action = p->config->hm_actions[event];
	uint64_t now = platform_clock_now();

	if (action == HM_ACTION_DEFAULT)
		action = HM_ACTION_STOP;
	if ((action == HM_ACTION_COLD_RESTART || action == HM_ACTION_WARM_RESTART) &&
	    !restart_allowed(p, now)) {
		record(v, event, code, eip, address, HM_ACTION_STOP, now, LINE_LIMIT);
		deferred_output_health(p);
		p->life.stopped_for_good = true;
		partition_stop(p);
		schedule_partition_stopped(p);
		notify_system_partitions();
		return;
	}
	record(v, event, code, eip, address, action, now, 0);
	deferred_output_health(p);
	notify_system_partitions();
	switch (action) {
	case HM_ACTION_LOG:
		/* an application error goes on; a vcpu cannot go past a faulting instruction */
		if (event != HM_EVENT_APPLICATION_ERROR)
			vcpu_stop(v, VCPU_HALTED);
		break;
	case HM_ACTION_COLD_RESTART:
		p->life.start_condition = BH_START_HM_PARTITION_RESTART;
		partition_cold_restart(p);
		break;
	case HM_ACTION_WARM_RESTART:
		p->life.start_condition = BH_START_HM_PARTITION_RESTART;
		partition_warm_restart(p);
		break;
	case HM_ACTION_SHUTDOWN:
		report_and_shutdown();
	case HM_ACTION_STOP:
	default:
		partition_stop(p);
		schedule_partition_stopped(p);
		break;
	}
}

void health_event(struct vcpu *v, enum hm_event event, uint32_t code, uint32_t eip,
		  uint32_t address)
{
	struct partition *p = v->partition;

	if (event != HM_EVENT_APPLICATION_ERROR)
		p->stats.faults++;
	/* config_check lets hm_deliver name only events a vcpu's instruction raises */
	if ((p->config->hm_deliver & HM_DELIVER(event)) && can_take_fault(v, event))
		deliver(v, event, code, eip, address);
	else
		apply_action(v, event, code, eip, address);
}

void health_summary(void)
{
	for (uint32_t i = 0; i < partition_count; i++) {
		if (!partitions[i].config->hm_quiet)
			continue;
		kprintf("bulkhead: hm: partition '%s': %u event%s, %u printed; by kind:",
			partitions[i].name, events_of[i], plural(events_of[i]),
			(events_of[i] + HM_QUIET_EVERY - 1) / HM_QUIET_EVERY);
		for (uint32_t e = 0; e < HM_EVENT_COUNT; e++)
			if (events_by_kind[i][e])
				kprintf(" %s %u", e < 32 ? arch_exception_mnemonic(e) : event_name(e),
					events_by_kind[i][e]);
		kprintf("\n");
	}
}

int32_t hm_log_read(uint32_t index, struct bh_hm_record *out)
{
	int32_t found = 0;

	spin_lock(&hm_lock);
	if (index < hm_log.held)
		*out = hm_log.records[log_slot(index)];
	else
		found = BH_ENOENT;
	spin_unlock(&hm_lock);
	return found;
}

void core_guest_exception(uint32_t vector, uint32_t error_code, uint32_t eip,
			  uint32_t fault_address)
{
	struct vcpu *v = current_vcpu();
	enum hm_event event = (enum hm_event)vector;

	/* every page of its memory is mapped but the guard pages (below vcpu 0's stack, or made
	 * BH_PROT_NONE); a jump into one is a bad jump, not an overflow */
	if (event == HM_EVENT_PAGE_FAULT && !(error_code & (ARCH_PF_PRESENT | ARCH_PF_FETCH)) &&
	    guest_ptr(v->partition, fault_address, 1))
		event = HM_EVENT_STACK_OVERFLOW;
	health_event(v, event, error_code, eip, fault_address);
}

int32_t hc_hm_report(struct vcpu *v, uint32_t code)
{
	health_event(v, HM_EVENT_APPLICATION_ERROR, code, arch_vcpu_pc(&v->arch), 0);
	return 0;
}

int32_t hc_hm_read_log(struct vcpu *v, uint32_t index, uint32_t out)
{
	struct bh_hm_record r;
	int32_t err;

	if (!v->partition->config->system)
		return BH_EPERM;
	if ((err = hm_log_read(index, &r)))
		return err;
	return copy_to_guest(v->partition, out, &r, sizeof(r));
}

int32_t hc_hm_fault_read(struct vcpu *v, uint32_t out)
{
	if (!v->fault.held)
		return BH_ENOENT;
	return copy_to_guest(v->partition, out, &v->fault.record, sizeof(v->fault.record));
}

int32_t hc_hm_fault_escalate(struct vcpu *v)
{
	struct bh_hm_record r = v->fault.record;

	if (!v->fault.held)
		return BH_ENOENT;
	v->fault.held = false;
	/* as if it had never been handed: its own time, eip and address, logged again */
	apply_action(v, (enum hm_event)r.event, r.code, r.eip, r.address);
	return 0;
}
