/*
 * Deferred output: see include/core/deferred_output.h and docs/deferred_output.md.
 *
 * The console port carries one line at a time: a partition's line, once begun, is the only one the
 * port may take until its line end has gone (lines never mix). A write never waits on the port
 * past the time that pays for it: a step gives it what it takes now, a FIFO's worth at most.
 * Time is spent on steps, polling the
 * port between them, only up to the end of the time that pays for them (the writer's own slot, or
 * the idle stretch), less the longest step seen: a step that begins in time ends in time unless it
 * is longer than every one before it.
 */
#include <core/deferred_output.h>
#include <core/partition.h>
#include <core/dispatch.h>
#include <core/health.h>
#include <core/schedule.h>
#include <core/trace.h>
#include <core/platform.h>
#include <lib/string.h>

/*
 * Kept free at the end of the paying time until a step is seen to take longer. A step is up to a
 * FIFO's worth of port writes and a look at the clock: 0.2 us under QEMU, about 16 us on a PC's
 * ISA port, where the first step may end that much late once, before the guard has learned it.
 * Larger, windows of 10 us could never print on their own time.
 */
#define STEP_GUARD_NS US(2)
/* A step seen longer than this was stretched by a disturbance (an SMI; the host, under QEMU
 * without -icount), not by the port: the guard stops there, or one such step could keep every
 * later line off the partitions' own time for good. */
#define STEP_GUARD_MAX_NS US(20)
/* The most a port takes in one write (a 16550A's FIFO): a step looks no further for a line end. */
#define PORT_STEP_MAX 16

static uint32_t step_guard, step_guard_max;   /* clock ticks */
/* The partition whose line the port has begun (NULL: none): the next line waits for its end. */
struct partition *deferred_output_on_port;
/* Idle time serves the partitions' lines round robin, a line each, from this id on. */
static uint32_t next_turn;
/*
 * The console port and every buffer waiting for it: one CPU at a time writes lines out, so no
 * two CPUs' characters meet inside a line. A partition's own line is built under it too (its
 * vcpus may be on two CPUs). Idle time and a window's start only try it: a CPU never waits for
 * another's output, which goes on at the other's pace.
 */
static struct spinlock output_lock = SPINLOCK("console");

void deferred_output_lock(void)
{
	spin_lock(&output_lock);
}

void deferred_output_unlock(void)
{
	spin_unlock(&output_lock);
}

static uint32_t waiting_bytes(const struct console_buffer *c)
{
	return c->head - c->tail;
}

/* One write of p's oldest waiting bytes, as many as the port takes now, up to its line's end if
 * `one_line`; returns how many it took (0: the port is busy). */
static uint32_t console_step(struct partition *p, bool one_line)
{
	struct console_buffer *c = &p->console;
	uint32_t at = c->tail % CONSOLE_BUFFER_SIZE, most = CONSOLE_BUFFER_SIZE - at, n = 0, taken;

	if (most > waiting_bytes(c))
		most = waiting_bytes(c);
	if (most > PORT_STEP_MAX)
		most = PORT_STEP_MAX;
	if (!one_line)
		n = most;
	while (n < most && c->waiting[at + n] != '\n')
		n++;
	if (n < most)
		n++;                             /* the line end goes with its line */
	taken = platform_console_write_some(c->waiting + at, n);
	c->tail += taken;
	if (taken)
		deferred_output_on_port = c->waiting[(c->tail - 1) % CONSOLE_BUFFER_SIZE] == '\n' ? NULL : p;
	return taken;
}

/* The next partition with a line waiting, in turn. */
static struct partition *next_in_turn(void)
{
	for (uint32_t k = 0; k < partition_count; k++) {
		struct partition *p = &partitions[(next_turn + k) % partition_count];

		if (waiting_bytes(&p->console)) {
			next_turn = p->id + 1;
			return p;
		}
	}
	return NULL;
}

enum lines { LINE_ON_PORT, LINES_OF_ONE, LINES_OF_ALL };

/* Whose bytes go next: the line the port has begun, then, as `which` says, no other, the lines of
 * `p`, or those of every partition in turn. On p's own time only p's begun line is finished:
 * another's waits for its owner's time or idle time, so that no partition pays for another's. */
static struct partition *next_writer(enum lines which, struct partition *p)
{
	if (deferred_output_on_port)
		return which == LINES_OF_ONE && deferred_output_on_port != p ? NULL : deferred_output_on_port;
	if (which == LINES_OF_ONE)
		return waiting_bytes(&p->console) ? p : NULL;
	return which == LINES_OF_ALL ? next_in_turn() : NULL;
}

/* Console steps while each still fits before `until` at the longest step seen. A busy port is
 * waited on only while no interrupt asks for the CPU (a device line, the timer), unless
 * `whatever_asks` (the flush before shutdown): the kernel runs with interrupts off, and a slow
 * port must not hold a device's interrupt for the rest of a window. */
static void drain_console_until(tick32_t until, enum lines which, struct partition *p,
				bool whatever_asks)
{
	struct partition *q = next_writer(which, p);
	tick32_t now;

	if (!q)
		return;
	if (!step_guard) {
		step_guard = (uint32_t)platform_clock_ns_to_ticks(STEP_GUARD_NS);
		step_guard_max = (uint32_t)platform_clock_ns_to_ticks(STEP_GUARD_MAX_NS);
	}
	now = platform_clock_now32();
	while (q && tick32_before(now + step_guard, until)) {
		tick32_t after;

		/* p's own lines may share a write; another's go a line at a time (its turn ends there) */
		if (!console_step(q, which != LINES_OF_ONE || q != p) && !whatever_asks &&
		    platform_irq_waiting())
			return;
		after = platform_clock_now32();
		if (after - now > step_guard)
			step_guard = after - now < step_guard_max ? after - now : step_guard_max;
		now = after;
		q = next_writer(which, p);
	}
}

static void drain_console(tick32_t until, enum lines which, struct partition *p)
{
	drain_console_until(until, which, p, false);
}

/* The longest line as the port shows it: "[" name "] " text "\r\n". */
static uint32_t longest_line(const struct partition *p)
{
	return 1 + (uint32_t)strlen(p->name) + 2 + CONSOLE_LINE_MAX + 2;
}

bool deferred_output_begin_line(struct partition *p)
{
	struct console_buffer *c = &p->console;
	uint32_t need = longest_line(p);

	/* the caller is running: up to the slot's end the time is its own */
	if (CONSOLE_BUFFER_SIZE - waiting_bytes(c) < need)
		drain_console(dispatch_own_time_end(), LINES_OF_ONE, p);
	if (CONSOLE_BUFFER_SIZE - waiting_bytes(c) < need)
		return false;
	c->open = 0;
	c->line_len = 0;
	deferred_output_put_char(c, '[');
	for (const char *name = p->name; *name; name++)
		deferred_output_put_char(c, *name);
	deferred_output_put_char(c, ']');
	deferred_output_put_char(c, ' ');
	c->line_len = 0;
	return true;
}

void deferred_output_end_line(struct partition *p)
{
	struct console_buffer *c = &p->console;

	/* as the port shows it: the line is sanitised and holds no line end of its own */
	deferred_output_put_char(c, '\r');
	deferred_output_put_char(c, '\n');
	c->head += c->open;
	c->open = 0;
	c->line_len = 0;
	drain_console(dispatch_own_time_end(), LINES_OF_ONE, p);
}

void deferred_output_resume_line(void)
{
	if (!spin_trylock(&output_lock))
		return;
	drain_console(dispatch_own_time_end(), LINE_ON_PORT, NULL);
	spin_unlock(&output_lock);
}

void deferred_output_drop_line(struct partition *p)
{
	/* under the lock: a sibling on another CPU may be building a line (its prefix written) */
	spin_lock(&output_lock);
	p->console.open = 0;
	p->console.line_len = 0;
	spin_unlock(&output_lock);
}

void deferred_output_health(const struct partition *p)
{
	/* every event comes from the running vcpu: up to its next deadline the time is p's; a line
	 * another partition has begun on the port ends on that one's time, or idle time */
	if (!health_lines_waiting || (deferred_output_on_port && deferred_output_on_port != p))
		return;
	if (!spin_trylock(&output_lock))
		return;
	drain_console(dispatch_own_time_end(), LINE_ON_PORT, NULL);
	if (!deferred_output_on_port)
		health_print_waiting(dispatch_own_time_end(), p);
	spin_unlock(&output_lock);
}

/*
 * The console port before the trace's: console lines are never lost, the trace stream is allowed
 * to fall behind and count what it missed (core/trace.c), so on a slow port the console wins.
 */
static void idle_output(tick32_t until);

void deferred_output_idle(tick32_t until)
{
	if (!spin_trylock(&output_lock))
		return;
	idle_output(until);
	spin_unlock(&output_lock);
}

static void idle_output(tick32_t until)
{
	drain_console(until, LINE_ON_PORT, NULL);
	/* a health line waits on the port a character at a time: not while an interrupt asks */
	if (!deferred_output_on_port && health_lines_waiting && !platform_irq_waiting())
		health_print_waiting(until, NULL);
	if (!deferred_output_on_port)
		schedule_print_waiting(until);
	drain_console(until, LINES_OF_ALL, NULL);
	trace_idle(until);
}

void deferred_output_flush(void)
{
	/* the other CPUs are stopped, or stop at their next exit (cpu_mail_halt_others): whoever
	 * holds the lock lets it go before */
	spin_lock(&output_lock);
	/* the horizon is a bound on time, not on lines: every buffer prints in a fraction of it */
	drain_console_until(platform_clock_now32() + DEADLINE_HORIZON, LINES_OF_ALL, NULL, true);
	health_print_all();
	schedule_print_all();
	trace_flush();
	spin_unlock(&output_lock);
}
