/* c2safe prelude, force-included before every translated file (written for c2safe).
 *
 * It replaces KaRaMeL's byte-order header with plain declarations of the
 * load/store helpers, which the translator maps to its std-only runtime
 * module, and routes the KaRaMeL host macros to names the translator knows. */
#ifndef C2SAFE_PRELUDE_H
#define C2SAFE_PRELUDE_H
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <stdlib.h>

/* 128-bit integers: the preprocessor output spells `unsigned __int128` as
   c2safe_uint128, which the translator maps to u128 (see preprocess.py). */
typedef unsigned long c2safe_uint128;
typedef long c2safe_int128;

#define __LOWSTAR_ENDIANNESS_H
#define KRML_HEADER_LOWSTAR_ENDIANNESS_H /* the same header, as newer KaRaMeL guards it */
#define KRML_DEPRECATED(x)
#define KRML_HOST_EPRINTF(...) ((void)0)
#define KRML_HOST_PRINTF(...) ((void)0)
#define KRML_HOST_EXIT exit
#define KRML_HOST_MALLOC malloc
#define KRML_HOST_CALLOC calloc
#define KRML_HOST_FREE free
#define KRML_HOST_IGNORE(x) ((void)(x))
#define KRML_MAYBE_UNUSED
#define KRML_NOINLINE
#define KRML_ATTRIBUTE_TARGET(x)
#define KRML_ALIGNED_MALLOC(a, s) malloc(s)
#define KRML_ALIGNED_FREE(p) free(p)
#define __attribute__(x)
#define __extension__
#define __restrict
#define __restrict__
#define __inline inline
#define __inline__ inline
#define __forceinline inline
/* other GNU spellings (the file is preprocessed without __GNUC__) */
#define __signed__ signed
#define __signed signed
#define __const const
#define __volatile__ volatile
#define __volatile volatile
#define __thread
#define _Thread_local
#define __builtin_expect(e, v) (e)
#define __builtin_unreachable() abort()
#define __builtin_trap() abort()
#define __builtin_offsetof(T, m) offsetof(T, m)
#define __builtin_memcpy memcpy
#define __builtin_memset memset
#define __builtin_memmove memmove
#define __builtin_memcmp memcmp
#define __builtin_strlen strlen
#define __alignof__ _Alignof
#define __alignof _Alignof
#define __PRETTY_FUNCTION__ __func__
#define __FUNCTION__ __func__

uint16_t load16(uint8_t *b);
uint32_t load32(uint8_t *b);
uint64_t load64(uint8_t *b);
void store16(uint8_t *b, uint16_t i);
void store32(uint8_t *b, uint32_t i);
void store64(uint8_t *b, uint64_t i);
uint16_t load16_le(uint8_t *b);
uint16_t load16_be(uint8_t *b);
uint32_t load32_le(uint8_t *b);
uint32_t load32_be(uint8_t *b);
uint64_t load64_le(uint8_t *b);
uint64_t load64_be(uint8_t *b);
void store16_le(uint8_t *b, uint16_t i);
void store16_be(uint8_t *b, uint16_t i);
void store32_le(uint8_t *b, uint32_t i);
void store32_be(uint8_t *b, uint32_t i);
void store64_le(uint8_t *b, uint64_t i);
void store64_be(uint8_t *b, uint64_t i);
#define load16_le0 load16_le
#define store16_le0 store16_le
#define load16_be0 load16_be
#define store16_be0 store16_be
#define load32_le0 load32_le
#define store32_le0 store32_le
#define load32_be0 load32_be
#define store32_be0 store32_be
#define load64_le0 load64_le
#define store64_le0 store64_le
#define load64_be0 load64_be
#define store64_be0 store64_be
#endif
