/* c2safe: SIMD vector types as opaque structs (written for c2safe).
 *
 * Files that use SIMD intrinsics still parse; every function that calls an
 * intrinsic is refused on its own with C2S109, and the rest of the file is
 * translated. */
#ifndef C2SAFE_SIMD_H
#define C2SAFE_SIMD_H
#include <stdint.h>
typedef struct c2safe_simd_m128i_s { uint64_t c2safe_lanes[2]; } __m128i;
typedef struct c2safe_simd_m128_s { uint64_t c2safe_lanes[2]; } __m128;
typedef struct c2safe_simd_m128d_s { uint64_t c2safe_lanes[2]; } __m128d;
typedef struct c2safe_simd_m256i_s { uint64_t c2safe_lanes[4]; } __m256i;
typedef struct c2safe_simd_m256_s { uint64_t c2safe_lanes[4]; } __m256;
typedef struct c2safe_simd_m256d_s { uint64_t c2safe_lanes[4]; } __m256d;
typedef struct c2safe_simd_u32x4_s { uint32_t c2safe_lanes[4]; } uint32x4_t;
typedef struct c2safe_simd_u64x2_s { uint64_t c2safe_lanes[2]; } uint64x2_t;
typedef struct c2safe_simd_u8x16_s { uint8_t c2safe_lanes[16]; } uint8x16_t;
#endif
