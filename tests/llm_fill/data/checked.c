/* Stubs the rules refuse, in the shapes real C code has them (tests/llm_fill/test_evidence.py). */
#include <stddef.h>
#include <stdint.h>

/* goto for the error path: a hash-like checksum, 0 for an empty buffer */
uint32_t checked_sum(const uint8_t *buf, uint32_t len)
{
  uint32_t acc = 0U;
  if (len == 0U)
    goto out;
  for (uint32_t i = 0U; i < len; i++) {
    acc = acc * 31U + (uint32_t)buf[i];
  }
out:
  return acc;
}

/* a string literal: copies a fixed tag, returns how many bytes were written */
uint32_t put_magic(uint8_t *out, uint32_t cap)
{
  const char *magic = "C2S";
  if (cap < 3U)
    return 0U;
  for (uint32_t i = 0U; i < 3U; i++)
    out[i] = (uint8_t)magic[i];
  return 3U;
}

/* a pointer stepped through a buffer: sums 16-bit little-endian words */
uint32_t sum_words(const uint8_t *p, uint32_t nwords)
{
  uint32_t s = 0U;
  for (uint32_t i = 0U; i < nwords; i++) {
    s += (uint32_t)p[0] | ((uint32_t)p[1] << 8);
    p += 2;
  }
  return s;
}

/* a switch with fall-through: Duff-like tail handling */
uint32_t tail_mix(const uint8_t *t, uint32_t n)
{
  uint32_t h = 7U;
  switch (n & 3U) {
  case 3U:
    h ^= (uint32_t)t[2] << 16;
    /* fall through */
  case 2U:
    h ^= (uint32_t)t[1] << 8;
    /* fall through */
  case 1U:
    h ^= (uint32_t)t[0];
    h *= 0x5bd1e995U;
    break;
  default:
    break;
  }
  return h;
}
