#ifndef C2SAFE_STDIO_H
#define C2SAFE_STDIO_H
#include <stddef.h>
typedef struct c2safe_FILE FILE;
extern FILE *stderr;
extern FILE *stdout;
int printf(const char *fmt, ...);
int fprintf(FILE *f, const char *fmt, ...);
#endif
