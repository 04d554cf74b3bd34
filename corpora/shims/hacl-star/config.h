/* c2safe: HACL*'s build configuration for a target with no CPU-specific code
 * (written for c2safe; HACL*'s configure script normally generates this file).
 *
 * CPU features are fixed to "none": HACL_CAN_COMPILE_VALE, _VEC128, _VEC256,
 * _INLINE_ASM, _INTRINSICS and _UINT128 stay undefined, so every
 * `#if HACL_CAN_COMPILE_*` branch is compiled out, EverCrypt_AutoConfig2_init
 * sets no cpu_has_* flag, and every run-time dispatch takes the portable branch.
 *
 * Portable code still names the SIMD state types (the agile hash state of
 * EverCrypt_Hash has Blake2 SIMD arms, behind pointers), so they are declared
 * here as incomplete structs, as HACL*'s own libintvector-shim.h does (they
 * cannot be built or used, only pointed to); under c2safe they are its SIMD
 * stand-ins, and each function that touches one is refused on its own (C2S109). */
#ifndef C2SAFE_HACL_STAR_CONFIG_H
#define C2SAFE_HACL_STAR_CONFIG_H
#define TARGET_ARCHITECTURE TARGET_ARCHITECTURE_ID_UNKNOWN
#ifdef C2SAFE_PRELUDE_H
/* under c2safe: its opaque SIMD stand-ins, which the lowering recognises */
#include <c2safe_simd.h>
typedef __m128i Lib_IntVector_Intrinsics_vec128;
typedef __m256i Lib_IntVector_Intrinsics_vec256;
#else
typedef struct __vec128 Lib_IntVector_Intrinsics_vec128;
typedef struct __vec256 Lib_IntVector_Intrinsics_vec256;
#endif
#endif
