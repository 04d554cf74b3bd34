#ifndef C2SAFE_SIGNAL_H
#define C2SAFE_SIGNAL_H
#include <c2safe_types.h>
typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGABRT 6
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
sighandler_t signal(int sig, sighandler_t h);
int raise(int sig);
int kill(pid_t pid, int sig);
#endif
