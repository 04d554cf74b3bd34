/* Functions for the prototype-driven method's tests (tests/difftest/test_proto.py). */
#include <stdint.h>

/* shifting too far or shifting a negative value is undefined in C: UBSan must discard
 * those inputs */
int32_t shl_i32(int32_t a, uint32_t s)
{
  return a << s;
}

/* reads `len` bytes: the buffer must grow with `len` */
uint32_t weigh(const uint8_t *buf, uint32_t len)
{
  uint32_t acc = 0U;
  for (uint32_t i = 0U; i < len; i++) {
    acc = acc * 31U + (uint32_t)buf[i];
  }
  return acc;
}

static const uint8_t TABLE[4] = { 3U, 1U, 4U, 1U };

/* an unchecked table index: inputs past the table are invalid for the C (ASan) */
uint8_t lookup(uint32_t i)
{
  const uint8_t *t = TABLE;
  return t[i];
}

/* writes a block: every byte of `out` is compared */
void spread(uint8_t *out, uint8_t seed)
{
  for (uint32_t i = 0U; i < 16U; i++) {
    out[i] = (uint8_t)(seed ^ (uint8_t)(i * 7U));
  }
}

typedef struct pair_s {
  uint32_t lo;
  uint32_t hi;
} pair;

/* a pointer-free struct in a buffer */
void pair_add(pair *p, uint32_t x)
{
  uint32_t lo = p->lo + x;
  p->hi = p->hi + (uint32_t)(lo < x);
  p->lo = lo;
}

typedef struct acc_s {
  uint32_t *st;
  uint8_t *buf;
  uint32_t used;
} acc;

/* a struct holding pointers (a streaming state): its buffers are built and compared too */
void acc_feed(acc *a, const uint8_t *in, uint32_t n)
{
  for (uint32_t i = 0U; i < n; i++) {
    a->buf[(a->used + i) % 16U] ^= in[i];
    a->st[0] = a->st[0] + (uint32_t)in[i];
  }
  a->used = (a->used + n) % 16U;
}

/* 128-bit integers (KaRaMeL's FStar_UInt128 on gcc) */
unsigned __int128 mul_wide(uint64_t a, uint64_t b)
{
  return (unsigned __int128)a * b;
}
