/* The ARINC 653 C binding's per-service header for sampling ports: all of it is in ARINC653.h. */
#include "ARINC653.h"
