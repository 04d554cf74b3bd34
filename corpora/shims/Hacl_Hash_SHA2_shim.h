/* c2safe's SHA-512 shim for HACL*'s Ed25519 (written for c2safe).
 *
 * NSS builds Hacl_Ed25519.c against a shim over NSS's own SHA-512. This one
 * provides the same three functions over HACL*'s SHA-2 from CPython
 * (Hacl_Hash_SHA2.c), so Ed25519 translates together with it. Ed25519 reaches
 * this file through `#include "../Hacl_Hash_SHA2_shim.h"`: pass
 * `-I corpora/shims/include`. */
#ifndef C2SAFE_HACL_HASH_SHA2_SHIM_H
#define C2SAFE_HACL_HASH_SHA2_SHIM_H

#include <stdint.h>

typedef struct Hacl_Streaming_MD_state_64_s Hacl_Streaming_MD_state_64;

Hacl_Streaming_MD_state_64 *Hacl_Hash_SHA2_malloc_512(void);
uint8_t Hacl_Hash_SHA2_update_512(Hacl_Streaming_MD_state_64 *state, uint8_t *input,
                                  uint32_t input_len);
void Hacl_Hash_SHA2_digest_512(Hacl_Streaming_MD_state_64 *state, uint8_t *output);
void Hacl_Hash_SHA2_free_512(Hacl_Streaming_MD_state_64 *state);
void Hacl_Hash_SHA2_hash_512(uint8_t *output, uint8_t *input, uint32_t input_len);

/* hash = SHA-512(prefix[0..32] || input[0..len]) */
static inline void sha512_pre_msg(uint8_t *hash, uint8_t *prefix, uint32_t len, uint8_t *input)
{
  Hacl_Streaming_MD_state_64 *st = Hacl_Hash_SHA2_malloc_512();
  Hacl_Hash_SHA2_update_512(st, prefix, 32U);
  Hacl_Hash_SHA2_update_512(st, input, len);
  Hacl_Hash_SHA2_digest_512(st, hash);
  Hacl_Hash_SHA2_free_512(st);
}

/* hash = SHA-512(prefix[0..32] || prefix2[0..32] || input[0..len]) */
static inline void sha512_pre_pre2_msg(uint8_t *hash, uint8_t *prefix, uint8_t *prefix2,
                                       uint32_t len, uint8_t *input)
{
  Hacl_Streaming_MD_state_64 *st = Hacl_Hash_SHA2_malloc_512();
  Hacl_Hash_SHA2_update_512(st, prefix, 32U);
  Hacl_Hash_SHA2_update_512(st, prefix2, 32U);
  Hacl_Hash_SHA2_update_512(st, input, len);
  Hacl_Hash_SHA2_digest_512(st, hash);
  Hacl_Hash_SHA2_free_512(st);
}

/* expanded = SHA-512(secret[0..len]) */
static inline void Hacl_Streaming_SHA2_hash_512(uint8_t *secret, uint32_t len, uint8_t *expanded)
{
  Hacl_Hash_SHA2_hash_512(expanded, secret, len);
}

#endif
