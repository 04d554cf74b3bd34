#ifndef C2SAFE_TIME_H
#define C2SAFE_TIME_H
typedef long time_t;
time_t time(time_t *t);
#endif
