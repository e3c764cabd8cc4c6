/* The 16550 UART's registers, as offsets from its base port, for the test partitions that drive
 * one (dev_uart, dev_latency). */
#ifndef TESTS_UART_REGS_H
#define TESTS_UART_REGS_H

#define RBR 0
#define THR 0
#define IER 1
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define DLL 0
#define DLM 1
#define LSR_DATA 0x01

#endif
