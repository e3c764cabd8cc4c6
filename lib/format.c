/* printf-style formatting with no library underneath: the kernel, partitions and host share it. */
#include <lib/format.h>
#include <stdint.h>

struct spec {
	int left;        /* '-' flag */
	int zero;        /* '0' flag */
	int width;
	int precision;   /* -1 when absent */
	int length;      /* 0, 1 (l) or 2 (ll) */
};

/* n copies of c, a run at a time */
static int pad(format_sink_t sink, void *arg, char c, int n)
{
	static const char spaces[] = "                ", zeros[] = "0000000000000000";
	const char *run = c == '0' ? zeros : spaces;

	for (int left = n; left > 0; left -= (int)sizeof(spaces) - 1)
		sink(arg, run, left < (int)sizeof(spaces) - 1 ? (size_t)left : sizeof(spaces) - 1);
	return n > 0 ? n : 0;
}

static int emit_field(format_sink_t sink, void *arg, const struct spec *s,
		      const char *prefix, const char *body, int body_len)
{
	int prefix_len = 0, total, count = 0;

	while (prefix[prefix_len])
		prefix_len++;
	total = prefix_len + body_len;
	if (!s->left && !s->zero)
		count += pad(sink, arg, ' ', s->width - total);
	if (prefix_len)
		sink(arg, prefix, (size_t)prefix_len);
	count += prefix_len;
	if (!s->left && s->zero)
		count += pad(sink, arg, '0', s->width - total);
	if (body_len)
		sink(arg, body, (size_t)body_len);
	count += body_len;
	if (s->left)
		count += pad(sink, arg, ' ', s->width - total);
	return count;
}

static int to_digits(uint64_t value, unsigned int base, int upper, char *out)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, i;

	/* 64-bit division is a libgcc call per digit on i686: only numbers that need it pay it */
	for (; value > UINT32_MAX; value /= base)
		tmp[n++] = digits[value % base];
	for (uint32_t v = (uint32_t)value; v || !n; v /= base)
		tmp[n++] = digits[v % base];
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

static uint64_t take_unsigned(const struct spec *s, va_list *ap)
{
	if (s->length == 2)
		return va_arg(*ap, unsigned long long);
	if (s->length == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t take_signed(const struct spec *s, va_list *ap)
{
	if (s->length == 2)
		return va_arg(*ap, long long);
	if (s->length == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* Widths and precisions beyond this are clamped: no field needs more, and int must not overflow. */
#define FIELD_MAX 4096

static int clamp_digit(int value, char digit)
{
	value = value * 10 + (digit - '0');
	return value > FIELD_MAX ? FIELD_MAX : value;
}

static const char *parse_spec(const char *p, struct spec *s, va_list *ap)
{
	s->left = s->zero = s->width = s->length = 0;
	s->precision = -1;
	for (;; p++) {
		if (*p == '-')
			s->left = 1;
		else if (*p == '0')
			s->zero = 1;
		else
			break;
	}
	if (*p == '*') {
		int width = va_arg(*ap, int);

		if (width < 0) {
			s->left = 1;
			width = width < -FIELD_MAX ? FIELD_MAX : -width;
		}
		s->width = width > FIELD_MAX ? FIELD_MAX : width;
		p++;
	}
	while (*p >= '0' && *p <= '9')
		s->width = clamp_digit(s->width, *p++);
	if (*p == '.') {
		p++;
		s->precision = 0;
		if (*p == '*') {
			int precision = va_arg(*ap, int);

			s->precision = precision < 0 ? -1 : precision > FIELD_MAX ? FIELD_MAX : precision;
			p++;
		}
		while (*p >= '0' && *p <= '9')
			s->precision = clamp_digit(s->precision, *p++);
	}
	while (*p == 'l') {
		s->length++;
		p++;
	}
	if (s->length > 2)
		s->length = 2;
	if (s->left)
		s->zero = 0;
	return p;
}

#ifdef FORMAT_FLOAT
/*
 * %f, for partitions only (the runtime's build defines FORMAT_FLOAT; the kernel has no FPU code):
 * fixed point, the precision 6 if none, at most 9, rounded to nearest; inf and nan as C prints
 * them. An integer part of 2^64 or more prints as its leading digits and "e+N", with no fraction.
 * Not inlined: format's own frame and its integer paths stay as they were.
 */
__attribute__((noinline))
static int emit_fixed(format_sink_t sink, void *arg, struct spec *s, double v)
{
	static const uint32_t scales[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
					   100000000, 1000000000 };
	int precision = s->precision < 0 ? 6 : s->precision > 9 ? 9 : s->precision;
	const char *sign = __builtin_signbit(v) ? "-" : "";
	char body[48];
	int n, tens = 0;
	uint64_t whole, part;
	double scaled;

	if (v != v || v - v != 0) {
		s->zero = 0;
		return emit_field(sink, arg, s, v != v ? "" : sign, v != v ? "nan" : "inf", 3);
	}
	if (*sign)
		v = -v;
	for (; v >= 18446744073709551616.0; tens++)
		v /= 10;
	if (tens)
		precision = 0;
	whole = (uint64_t)v;
	scaled = (v - (double)whole) * scales[precision];
	part = (uint64_t)scaled;
	/* to nearest, a tie to even, as C's printf */
	if (scaled - (double)part > 0.5 ||
	    (scaled - (double)part == 0.5 && ((precision ? part : whole) & 1)))
		part++;
	if (!precision) {
		whole += part;
		part = 0;
	} else if (part >= scales[precision]) {
		whole++;
		part -= scales[precision];
	}
	n = to_digits(whole, 10, 0, body);
	if (tens) {
		body[n++] = 'e';
		body[n++] = '+';
		n += to_digits((uint64_t)tens, 10, 0, body + n);
	}
	if (precision) {
		body[n++] = '.';
		for (int i = precision - 1; i >= 0; i--, part /= 10)
			body[n + i] = (char)('0' + part % 10);
		n += precision;
	}
	return emit_field(sink, arg, s, sign, body, n);
}
#endif

int format(format_sink_t sink, void *arg, const char *fmt, va_list ap_in)
{
	va_list ap;
	int count = 0;

	va_copy(ap, ap_in);
	for (const char *p = fmt; *p; p++) {
		struct spec s;
		char body[24];
		int n;

		if (*p != '%') {
			/* the text up to the next conversion, in one run */
			const char *run = p;

			while (p[1] && p[1] != '%')
				p++;
			sink(arg, run, (size_t)(p - run + 1));
			count += (int)(p - run + 1);
			continue;
		}
		p = parse_spec(p + 1, &s, &ap);
		switch (*p) {
		case 'd':
		case 'i': {
			int64_t v = take_signed(&s, &ap);
			uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

			n = to_digits(mag, 10, 0, body);
			count += emit_field(sink, arg, &s, v < 0 ? "-" : "", body, n);
			break;
		}
		case 'u':
			n = to_digits(take_unsigned(&s, &ap), 10, 0, body);
			count += emit_field(sink, arg, &s, "", body, n);
			break;
		case 'x':
		case 'X':
			n = to_digits(take_unsigned(&s, &ap), 16, *p == 'X', body);
			count += emit_field(sink, arg, &s, "", body, n);
			break;
		case 'p':
			n = to_digits((uintptr_t)va_arg(ap, void *), 16, 0, body);
			count += emit_field(sink, arg, &s, "0x", body, n);
			break;
#ifdef FORMAT_FLOAT
		case 'f':
		case 'F':
			count += emit_fixed(sink, arg, &s, va_arg(ap, double));
			break;
#endif
		case 'c':
			body[0] = (char)va_arg(ap, int);
			s.zero = 0;
			count += emit_field(sink, arg, &s, "", body, 1);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			int len = 0;

			if (!str)
				str = "(null)";
			/* no byte past the precision is read: the string may end there */
			while ((s.precision < 0 || len < s.precision) && str[len])
				len++;
			s.zero = 0;
			count += emit_field(sink, arg, &s, "", str, len);
			break;
		}
		case '%':
			sink(arg, "%", 1);
			count++;
			break;
		case '\0':
			/* a lone '%' at the end prints as itself */
			sink(arg, "%", 1);
			count++;
			p--;
			break;
		default:
			/* unknown conversions are shown, not silently dropped */
			sink(arg, "%", 1);
			sink(arg, p, 1);
			count += 2;
			break;
		}
	}
	va_end(ap);
	return count;
}

struct string_sink {
	char *buf;
	size_t size;
	size_t used;
};

static void string_put(void *arg, const char *run, size_t n)
{
	struct string_sink *s = arg;

	for (size_t i = 0; i < n; i++, s->used++)
		if (s->used + 1 < s->size)
			s->buf[s->used] = run[i];
}

int vformat_string(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct string_sink s = { buf, size, 0 };
	int n = format(string_put, &s, fmt, ap);

	if (size)
		buf[s.used < size ? s.used : size - 1] = '\0';
	return n;
}

int format_string(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat_string(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
