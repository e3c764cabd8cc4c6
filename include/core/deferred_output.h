/*
 * Deferred output: everything the kernel prints once the schedule runs (partition console lines,
 * health-monitor lines, the trace stream on its own port) goes out only on time that may pay for
 * it, so that a slow serial port never costs a partition a piece of its window. A partition's
 * lines go out in its own window, while the time left before the window ends allows, or in idle
 * time; health-monitor lines in the faulting partition's window or in idle time; the trace stream
 * in idle time. docs/deferred_output.md gives the rules and the per-window bound.
 */
#ifndef CORE_DEFERRED_OUTPUT_H
#define CORE_DEFERRED_OUTPUT_H

#include <stdint.h>
#include <stdbool.h>
#include <core/tick32.h>

struct partition;

/* A console line holds at most this many characters; a longer one is split. */
#define CONSOLE_LINE_MAX 120
/* Bytes of a partition's lines, as the port will show them ("[name] text\r\n"), that may wait for
 * the port: 6 of the longest lines with the longest name (156 bytes each), or 12 of 64 characters
 * with a name of 12. */
#define CONSOLE_BUFFER_SIZE 1024

/*
 * A partition's console: its ended lines waiting for the port, in [tail, head), then the line it
 * is writing, `open` bytes from head on ("[name] " and its `line_len` characters so far), which
 * the port never takes before the line ends.
 */
struct console_buffer {
	uint32_t line_len;
	uint32_t open;                 /* 0: no line begun */
	uint32_t head, tail;           /* bytes of ended lines put into and taken out of `waiting` */
	char waiting[CONSOLE_BUFFER_SIZE];
};

/*
 * Begins a line of p's: reserves room for the longest line and puts the "[name] " prefix. False,
 * with nothing changed, if the buffer has no room even after giving the port what p's own time
 * allows.
 */
bool deferred_output_begin_line(struct partition *p);
/* Puts a character (sanitised already) in p's begun line. */
static inline void deferred_output_put_char(struct console_buffer *c, char ch)
{
	c->waiting[(c->head + c->open++) % CONSOLE_BUFFER_SIZE] = ch;
	c->line_len++;
}
/* Ends p's begun line, which then waits for the port, and gives the port what p's time allows. */
void deferred_output_end_line(struct partition *p);
/* A restart forgets the line begun, never the ended ones. */
void deferred_output_drop_line(struct partition *p);
/* The health monitor's waiting lines for the running partition p, on its own time. */
void deferred_output_health(const struct partition *p);
/*
 * p's window begins: a line it had begun on the port when its last window ended goes on first,
 * in p's own time (no other partition's time ever pays for it, and the port takes no other line
 * until it ends). Inline: every window start asks.
 */
extern struct partition *deferred_output_on_port;
void deferred_output_resume_line(void);
/* Around a partition's console write (core/guest_console.c): the begin, put and end of its lines
 * are one CPU's at a time. */
void deferred_output_lock(void);
void deferred_output_unlock(void);
static inline void deferred_output_window_start(const struct partition *p)
{
	if (deferred_output_on_port == p)
		deferred_output_resume_line();
}
/* The CPU idles until `until`: every kind of waiting output, as long as it fits before then. */
void deferred_output_idle(tick32_t until);
/* Before shutdown: everything still waiting, whatever the time (the end-of-run report). */
void deferred_output_flush(void);

#endif
