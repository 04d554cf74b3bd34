/* c2safe mini libc: declarations only (written for c2safe); the platform calls
 * have no definition, so functions calling them are refused (C2S105). */
#ifndef C2SAFE_FCNTL_H
#define C2SAFE_FCNTL_H
#include <sys/types.h>
#define O_RDONLY 0
int open(const char *path, int flags, ...);
#endif
