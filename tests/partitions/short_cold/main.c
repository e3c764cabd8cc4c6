/* The short-window deployment's partition that is cold restarted twice (see ../short_windows.h). */
#define FAULT_RESTARTS 2
#include "../short_windows.h"
