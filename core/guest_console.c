/*
 * The console hypercall. Each partition's output is gathered into lines; each ended line waits,
 * prefixed with the partition's name, in the partition's console buffer until time that may pay
 * for the port takes it (core/deferred_output.c), and lines go to the port whole, so partitions
 * never mix inside a line.
 */
#include <core/hypercall.h>
#include <core/partition.h>
#include <core/guest.h>
#include <core/deferred_output.h>

/* A call that took nothing because the buffer is full says so: the partition tries again later. */
static int32_t took(uint32_t n)
{
	return n ? (int32_t)n : BH_EAGAIN;
}

/* Puts the characters of s up to a line end, or up to a full line, in the line begun, sanitised;
 * returns how many (one at least: s does not begin with a line end, the line is not full). */
static uint32_t put_run(struct console_buffer *cb, const char *s, uint32_t len)
{
	uint32_t room = CONSOLE_LINE_MAX - cb->line_len, at = cb->head + cb->open, k = 0;

	while (k < len && k < room && s[k] != '\n') {
		unsigned char c = (unsigned char)s[k];

		/* the console is ASCII: C0 and C1 controls (NEL 0x85, CSI 0x9b), DEL, and any byte
		 * above it, whatever encoding a reader assumes, could forge or hide lines */
		cb->waiting[(at + k++) % CONSOLE_BUFFER_SIZE] = (char)((c < 0x20 || c > 0x7e) ? '.' : c);
	}
	cb->open += k;
	cb->line_len += k;
	return k;
}

static int32_t write_lines(struct vcpu *v, uint32_t buf, uint32_t len)
{
	struct partition *p = v->partition;
	struct console_buffer *cb = &p->console;
	/* the whole range must be the caller's, even the part this call will not take */
	const char *s = guest_ptr(p, buf, len);
	uint32_t i = 0;

	if (!s)
		return BH_EFAULT;
	/*
	 * A call takes at most one line and returns what it took, so that one call keeps the
	 * (non-preemptible) kernel only for what one line costs in the caller's own time.
	 */
	while (i < len) {
		uint32_t n = cb->line_len;   /* the line so far */

		if (!cb->open && !deferred_output_begin_line(p))
			return took(i);
		if (s[i] == '\n') {
			deferred_output_end_line(p);
			return (int32_t)i + 1;
		}
		if (n == CONSOLE_LINE_MAX) {
			deferred_output_end_line(p);
			if (!deferred_output_begin_line(p))
				return took(i);
			len = i + 1;
		}
		i += put_run(cb, s + i, len - i);
	}
	return (int32_t)len;
}

int32_t hc_console_write(struct vcpu *v, uint32_t buf, uint32_t len)
{
	int32_t written;

	deferred_output_lock();
	written = write_lines(v, buf, len);
	deferred_output_unlock();
	return written;
}
