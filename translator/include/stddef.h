#ifndef C2SAFE_STDDEF_H
#define C2SAFE_STDDEF_H
typedef unsigned long size_t;
typedef long ptrdiff_t;
#define NULL ((void *)0)
#define offsetof(T, m) ((size_t)&((T *)0)->m)
typedef long max_align_t;
#endif
