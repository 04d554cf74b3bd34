/* c2safe mini libc: declarations only (written for c2safe); the platform calls
 * have no definition, so functions calling them are refused (C2S105). */
#ifndef C2SAFE_UNISTD_H
#define C2SAFE_UNISTD_H
#include <sys/types.h>
ssize_t read(int fd, void *buf, size_t n);
int close(int fd);
#endif
