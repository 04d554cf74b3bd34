#ifndef C2SAFE_STDLIB_H
#define C2SAFE_STDLIB_H
#include <stddef.h>
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void free(void *p);
void *realloc(void *p, size_t n);
void exit(int status);
void abort(void);
#endif
