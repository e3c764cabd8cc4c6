/* Hostile: writes where another partition's memory lives (physical 16 MiB, the sensor's). */
#include <bulkhead.h>

int main(void)
{
	printf("writing to 0x01000000\n");
	*(volatile uint32_t *)0x01000000 = 0xbad;
	printf("wrote another partition's memory: isolation broken\n");
	return 0;
}
