/* The ARINC 653 APEX binding under the other name applications include it by. */
#ifndef APEX_H
#define APEX_H

#include "ARINC653.h"

#endif
