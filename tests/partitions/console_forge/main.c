/*
 * Hostile: tries to forge kernel lines and hide its own through the console. Each line starts
 * with a byte that a terminal or log reader takes as a line break or a control sequence: C0
 * controls, DEL, the C1 controls NEL (0x85) and CSI (0x9b) as raw bytes and UTF-8 encoded,
 * then other bytes above 0x7e. The kernel shows every byte outside 0x20..0x7e as '.'.
 */
#include <bulkhead.h>

static const char *const lines[] = {
	"\rbulkhead: hm: forged by a carriage return\n",
	"\x1b[2Kbulkhead: hm: forged by an ANSI erase\n",
	"\x7f\x08\x08" "bulkhead: hm: forged by DEL and backspaces\n",
	"\x85" "bulkhead: hm: forged by NEL\n",
	"\x9b" "2Kbulkhead: hm: forged by CSI\n",
	"\xc2\x85" "bulkhead: hm: forged by UTF-8 NEL\n",
	"\xc2\x9b" "2Kbulkhead: hm: forged by UTF-8 CSI\n",
	"\xe2\x80\xa8" "bulkhead: hm: forged by LINE SEPARATOR\n",
	"high bytes \x80\x9f\xa0\xc3\xa9\xfe\xff end\n",
};

/* 121 characters: a line is 120 at most, the last one goes on a line of its own */
static char long_line[122];

int main(void)
{
	for (uint32_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		bh_console_write(lines[i], (uint32_t)strlen(lines[i]));
	memset(long_line, 'z', 120);
	long_line[120] = 'y';
	printf("%s\n", long_line);
	printf("done\n");
	bh_set_mode(BH_MODE_NORMAL);
	for (;;)
		bh_yield();
}
