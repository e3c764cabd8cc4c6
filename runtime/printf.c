/* printf for partitions: the shared formatter, buffered, flushed through console_write. */
#include <bulkhead.h>
#include <format.h>

struct line_buffer {
	char data[128];
	uint32_t used;
};

static void flush(struct line_buffer *b)
{
	uint32_t done = 0;

	while (done < b->used) {
		int32_t n = bh_console_write(b->data + done, b->used - done);

		/* the partition's console buffer is full until the port takes some of it */
		if (n == BH_EAGAIN) {
			bh_yield();
			continue;
		}
		if (n <= 0)
			break;
		done += (uint32_t)n;
	}
	b->used = 0;
}

static void put(void *arg, const char *run, size_t n)
{
	struct line_buffer *b = arg;

	for (size_t i = 0; i < n; i++) {
		b->data[b->used++] = run[i];
		if (b->used == sizeof(b->data) || run[i] == '\n')
			flush(b);
	}
}

int vprintf(const char *fmt, va_list ap)
{
	struct line_buffer b;
	int n;

	b.used = 0;
	n = format(put, &b, fmt, ap);
	flush(&b);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat_string(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}
