/* c2safe: SIMD intrinsic header; see c2safe_simd.h. */
#include <c2safe_simd.h>
