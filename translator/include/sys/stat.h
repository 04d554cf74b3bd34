/* c2safe mini libc: declarations only (written for c2safe). */
#ifndef C2SAFE_SYS_STAT_H
#define C2SAFE_SYS_STAT_H
#include <sys/types.h>
#endif
