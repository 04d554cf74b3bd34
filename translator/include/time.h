/* c2safe libc: time (written for c2safe). */
#ifndef C2SAFE_TIME_H
#define C2SAFE_TIME_H
#include <stddef.h>
typedef long time_t;
time_t time(time_t *t);
#ifndef C2SAFE_MINI_LIBC
typedef long clock_t;
#define CLOCKS_PER_SEC 1000000L
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
struct tm {
  int tm_sec; int tm_min; int tm_hour; int tm_mday; int tm_mon; int tm_year;
  int tm_wday; int tm_yday; int tm_isdst; long tm_gmtoff; const char *tm_zone;
};
struct timespec { time_t tv_sec; long tv_nsec; };
clock_t clock(void);
double difftime(time_t a, time_t b);
time_t mktime(struct tm *t);
struct tm *localtime(const time_t *t);
struct tm *gmtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *out);
struct tm *gmtime_r(const time_t *t, struct tm *out);
char *asctime(const struct tm *t);
char *ctime(const time_t *t);
size_t strftime(char *s, size_t n, const char *fmt, const struct tm *t);
int clock_gettime(int clk, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
#endif
#endif
