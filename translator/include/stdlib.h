/* c2safe libc: stdlib (written for c2safe). */
#ifndef C2SAFE_STDLIB_H
#define C2SAFE_STDLIB_H
#include <stddef.h>
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void free(void *p);
void *realloc(void *p, size_t n);
void exit(int status);
void abort(void);
#ifndef C2SAFE_MINI_LIBC
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647
#define MB_CUR_MAX 1
typedef struct c2safe_div { int quot; int rem; } div_t;
typedef struct c2safe_ldiv { long quot; long rem; } ldiv_t;
typedef struct c2safe_lldiv { long long quot; long long rem; } lldiv_t;
void *realloc(void *p, size_t n);
void *aligned_alloc(size_t align, size_t n);
int posix_memalign(void **p, size_t align, size_t n);
void _Exit(int status);
int atexit(void (*f)(void));
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
double atof(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
double strtod(const char *s, char **end);
float strtof(const char *s, char **end);
long double strtold(const char *s, char **end);
int rand(void);
void srand(unsigned int seed);
long random(void);
void srandom(unsigned int seed);
int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int a, int b);
ldiv_t ldiv(long a, long b);
lldiv_t lldiv(long long a, long long b);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *));
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int system(const char *cmd);
char *realpath(const char *path, char *resolved);
int mkstemp(char *tmpl);
#endif
#endif
