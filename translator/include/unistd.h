/* c2safe libc: unistd (written for c2safe). */
#ifndef C2SAFE_UNISTD_H
#define C2SAFE_UNISTD_H
#include <c2safe_types.h>
#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int access(const char *path, int mode);
int unlink(const char *path);
int rmdir(const char *path);
int chdir(const char *path);
char *getcwd(char *buf, size_t n);
pid_t getpid(void);
pid_t getppid(void);
pid_t fork(void);
uid_t getuid(void);
gid_t getgid(void);
unsigned int sleep(unsigned int s);
int usleep(useconds_t us);
int isatty(int fd);
int dup(int fd);
int dup2(int a, int b);
int pipe(int fds[2]);
long sysconf(int name);
int getopt(int argc, char *const argv[], const char *optstring);
extern char *optarg;
extern int optind, opterr, optopt;
int execvp(const char *file, char *const argv[]);
int execv(const char *path, char *const argv[]);
void _exit(int status);
int ftruncate(int fd, off_t len);
int fsync(int fd);
int gethostname(char *name, size_t n);
#endif
