/*
 * ups_clock.c — the UPS clock's words (see private/ups_clock.h).
 */
#include <string.h>

#include "private/ups_clock.h"

void nv_clock_encode(time_t t, uint16_t w[NV_CLOCK_WORDS])
{
	struct tm tm;

	localtime_r(&t, &tm);
	w[0] = (uint16_t)(tm.tm_min << 8 | tm.tm_sec);
	w[1] = (uint16_t)(tm.tm_mday << 8 | tm.tm_hour);
	w[2] = (uint16_t)((tm.tm_mon + 1) << 8 | (tm.tm_wday == 0 ? 7 : tm.tm_wday));
	w[3] = (uint16_t)(tm.tm_year + 1900 - 2000);
}

time_t nv_clock_decode(const uint16_t w[NV_CLOCK_WORDS])
{
	struct tm tm;
	int min = w[0] >> 8, sec = w[0] & 0xFF, mday = w[1] >> 8, hour = w[1] & 0xFF;
	int mon = w[2] >> 8, wday = w[2] & 0xFF;

	/* the day of week is the UPS's own; only its range is checked */
	if (min > 59 || sec > 59 || mday < 1 || mday > 31 || hour > 23 || mon < 1 ||
	    mon > 12 || wday < 1 || wday > 7 || w[3] > 99)
		return (time_t)-1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_sec = sec;
	tm.tm_min = min;
	tm.tm_hour = hour;
	tm.tm_mday = mday;
	tm.tm_mon = mon - 1;
	tm.tm_year = w[3] + 2000 - 1900;
	tm.tm_isdst = -1;
	return mktime(&tm);
}
