/* Kernel command-line parsing: pure, so host tests cover it. */
#include <core/cmdline.h>
#include <lib/string.h>

static const char *skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static const char *word_end(const char *p)
{
	while (*p && *p != ' ' && *p != '\t')
		p++;
	return p;
}

static bool parse_u32(const char *s, uint32_t len, uint32_t *out)
{
	uint64_t v = 0;

	if (len == 0 || len > 10)
		return false;
	for (uint32_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	if (v > 0xffffffffu)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool hex_digit(char c, uint32_t *value)
{
	if (c >= '0' && c <= '9')
		*value = (uint32_t)(c - '0');
	else if (c >= 'a' && c <= 'f')
		*value = (uint32_t)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'F')
		*value = (uint32_t)(c - 'A' + 10);
	else
		return false;
	return true;
}

/* A bit mask: "all", 0x followed by 1 to 8 hex digits, or a decimal number. */
static bool parse_mask(const char *s, uint32_t len, uint32_t *out)
{
	uint32_t v = 0, digit;

	if (len == 3 && strncmp(s, "all", 3) == 0) {
		*out = 0xffffffffu;
		return true;
	}
	if (len < 3 || len > 10 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return parse_u32(s, len, out);
	for (uint32_t i = 2; i < len; i++) {
		if (!hex_digit(s[i], &digit))
			return false;
		v = v << 4 | digit;
	}
	*out = v;
	return true;
}

static bool is_option(const char *word, uint32_t name_len, const char *name)
{
	return strlen(name) == name_len && strncmp(word, name, name_len) == 0;
}

static bool apply(const char *word, uint32_t len, struct cmdline_options *out)
{
	uint32_t name_len = 0;
	const char *value;
	uint32_t value_len;

	while (name_len < len && word[name_len] != '=')
		name_len++;
	if (name_len == len)
		return false;   /* every option takes a value */
	value = word + name_len + 1;
	value_len = len - name_len - 1;
	if (is_option(word, name_len, "frames")) {
		/* an invalid value is ignored, as the warning says: an earlier valid one stands */
		if (!parse_u32(value, value_len, &out->frames))
			return false;
		out->frames_set = true;
		return true;
	}
	if (is_option(word, name_len, "trace_classes")) {
		out->trace_classes_set = parse_mask(value, value_len, &out->trace_classes);
		return out->trace_classes_set;
	}
	if (is_option(word, name_len, "trace_partitions")) {
		out->trace_partitions_set = parse_mask(value, value_len, &out->trace_partitions);
		return out->trace_partitions_set;
	}
	if (is_option(word, name_len, "clock_wrap_in_ms")) {
		uint32_t ms;

		if (!parse_u32(value, value_len, &ms) || ms == 0 || ms > CMDLINE_CLOCK_WRAP_MAX_MS)
			return false;
		out->clock_wrap_in_ms = ms;
		return true;
	}
	if (is_option(word, name_len, "uart_model")) {
		uint32_t baud;

		if (!parse_u32(value, value_len, &baud) || baud < CMDLINE_UART_MODEL_MIN ||
		    baud > CMDLINE_UART_MODEL_MAX)
			return false;
		out->uart_model_baud = baud;
		return true;
	}
	if (is_option(word, name_len, "test_kernel_touch")) {
		static const char *const kinds[] = { "read", "exec", "data-exec" };

		for (uint32_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (is_option(value, value_len, kinds[i])) {
				out->test_kernel_touch = (enum cmdline_touch)(CMDLINE_TOUCH_READ + i);
				return true;
			}
		return false;
	}
	if (is_option(word, name_len, "test_abi_version")) {
		if (!parse_u32(value, value_len, &out->test_abi_version))
			return false;
		out->test_abi_version_set = true;
		return true;
	}
	/* timer=hpet|lapic and pacer=N: the platform's, read before the banner
	 * (platform/pc/platform_timer.c, platform/pc/pacer.c) */
	if (is_option(word, name_len, "timer") || is_option(word, name_len, "pacer"))
		return true;
	if (is_option(word, name_len, "test_fault")) {
		if (value_len == 0 || value_len >= CMDLINE_VALUE_MAX)
			return false;
		memcpy(out->test_fault, value, value_len);
		out->test_fault[value_len] = '\0';
		return true;
	}
	return false;
}

void cmdline_parse(const char *line, struct cmdline_options *out,
		   void (*unknown)(const char *option, uint32_t length))
{
	const char *p = skip_spaces(line), *first_end = word_end(p);

	memset(out, 0, sizeof(*out));
	/* QEMU's -kernel puts the kernel's path first, GRUB does not: options always have '=' */
	for (const char *c = p; c < first_end && *c != '='; c++)
		if (c + 1 == first_end)
			p = first_end;
	for (p = skip_spaces(p); *p; p = skip_spaces(p)) {
		const char *end = word_end(p);
		uint32_t len = (uint32_t)(end - p);

		if (!apply(p, len, out))
			unknown(p, len);
		p = end;
	}
}
