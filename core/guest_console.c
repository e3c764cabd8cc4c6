/*
 * The console hypercall. Each partition's output is gathered into lines and each line is printed
 * whole, prefixed with the partition's name, so partitions never mix inside a line.
 */
#include <core/hypercall.h>
#include <core/partition.h>
#include <core/guest.h>
#include <core/console.h>

static void flush_line(struct partition *p)
{
	kprintf("[%s] %.*s\n", p->name, (int)p->console_len, p->console_line);
	p->console_len = 0;
}

int32_t hc_console_write(struct vcpu *v, uint32_t buf, uint32_t len)
{
	struct partition *p = v->partition;
	/* the whole range must be the caller's, even the part this call will not take */
	const char *s = guest_ptr(p, buf, len);

	if (!s)
		return BH_EFAULT;
	/*
	 * The kernel is not preemptible: a call prints at most one line and returns what it took,
	 * so a write just before the end of a window delays the next window by one line at most.
	 */
	for (uint32_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			flush_line(p);
			return (int32_t)i + 1;
		}
		if (p->console_len == CONSOLE_LINE_MAX) {
			flush_line(p);
			len = i + 1;
		}
		/* control characters could forge or hide console lines: show them as '.' */
		p->console_line[p->console_len++] = (char)((c < 0x20 || c == 0x7f) ? '.' : c);
	}
	return (int32_t)len;
}
