/* c2safe mini libc: POSIX sizes (written for c2safe). */
#ifndef C2SAFE_SYS_TYPES_H
#define C2SAFE_SYS_TYPES_H
#include <stddef.h>
typedef long ssize_t;
typedef long off_t;
typedef unsigned int mode_t;
#endif
