/* c2safe libc: POSIX types (byte-order helpers are modelled by the prelude). */
#ifndef C2SAFE_SYS_TYPES_H
#define C2SAFE_SYS_TYPES_H
#include <c2safe_types.h>
#endif
