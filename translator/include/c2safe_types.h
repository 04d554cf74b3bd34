/* c2safe libc: POSIX scalar types shared by the system headers (written for c2safe). */
#ifndef C2SAFE_TYPES_H
#define C2SAFE_TYPES_H
#include <stddef.h>
typedef long ssize_t;
typedef long off_t;
typedef long off64_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef long time_t;
typedef long clock_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef unsigned int socklen_t;
typedef int clockid_t;
typedef int key_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef int wint_t;
typedef int wchar_t;
typedef struct c2safe_mbstate { int c2safe_count; unsigned int c2safe_value; } mbstate_t;
typedef unsigned long sigset_t;
typedef unsigned long pthread_t;
typedef struct c2safe_pthread_mutex { long c2safe_opaque[5]; } pthread_mutex_t;
typedef struct c2safe_pthread_cond { long c2safe_opaque[6]; } pthread_cond_t;
typedef struct c2safe_pthread_attr { long c2safe_opaque[7]; } pthread_attr_t;
#endif
