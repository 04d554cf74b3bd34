#ifndef C2SAFE_INTTYPES_H
#define C2SAFE_INTTYPES_H
#include <stdint.h>
#define PRIu8 "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 "lu"
#define PRIx32 "x"
#define PRIx64 "lx"
#define PRId32 "d"
#define PRId64 "ld"
#endif
