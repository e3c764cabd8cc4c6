/* hm_late with no idle time: the sensor's window fills the rest of the frame, so the lines of
 * faults made in a window's last microseconds wait until the summary, and those the health
 * monitor's log overwrote meanwhile are counted as lost. */
#define HM_LATE_NAME "hm_late_busy"
#define SENSOR_WINDOW_NS US(900)
#define HM_LATE_FRAMES 100
#include "hm_late.c"
