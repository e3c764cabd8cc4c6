/* One of the short-window deployment's partitions (see ../short_windows.h). */
#include "../short_windows.h"
