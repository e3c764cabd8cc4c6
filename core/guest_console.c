/*
 * The console hypercall. Each partition's output is gathered into lines and each line is printed
 * whole, prefixed with the partition's name, so partitions never mix inside a line.
 */
#include <core/hypercall.h>
#include <core/partition.h>
#include <core/guest.h>
#include <core/platform.h>
#include <lib/string.h>

/*
 * "[name] line", written to the port as it is: no formatter on the way, since the line is
 * sanitised and holds no line end. It is printed inside the kernel, so its cost is time taken
 * from whatever runs next.
 */
static void flush_line(struct partition *p, uint32_t len)
{
	platform_console_write("[", 1);
	platform_console_write(p->name, (uint32_t)strlen(p->name));
	platform_console_write("] ", 2);
	platform_console_write(p->console_line, len);
	platform_console_write("\r\n", 2);
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
	uint32_t n = p->console_len;   /* the line so far */

	for (uint32_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			flush_line(p, n);
			return (int32_t)i + 1;
		}
		if (n == CONSOLE_LINE_MAX) {
			flush_line(p, n);
			n = 0;
			len = i + 1;
		}
		/* the console is ASCII: C0 and C1 controls (NEL 0x85, CSI 0x9b), DEL, and any byte
		 * above it, whatever encoding a reader assumes, could forge or hide lines */
		p->console_line[n++] = (char)((c < 0x20 || c > 0x7e) ? '.' : c);
	}
	p->console_len = n;
	return (int32_t)len;
}
