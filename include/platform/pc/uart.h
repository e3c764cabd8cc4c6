/* 16550 UARTs: COM1 is the console, COM2 carries the binary trace stream. */
#ifndef PLATFORM_PC_UART_H
#define PLATFORM_PC_UART_H

#include <stdint.h>

#define UART_COM1 0x3f8
#define UART_COM2 0x2f8

void uart_init(uint16_t port);
void uart_putc(uint16_t port, char c);

#endif
