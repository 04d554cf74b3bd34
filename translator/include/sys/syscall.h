/* c2safe mini libc (written for c2safe): no SYS_* numbers, so code written for
 * POSIX takes its portable path; a call to syscall() is refused (C2S105). */
#ifndef C2SAFE_SYS_SYSCALL_H
#define C2SAFE_SYS_SYSCALL_H
long syscall(long number, ...);
#endif
