/* Parameter shapes for c2safe difftest (written for c2safe's tests).
 *
 * Every function here is translated by c2safe and then run against this C by
 * `c2safe difftest`; the comments say what each one exercises. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* scalars, a branch */
uint32_t add_sat(uint32_t a, uint32_t b)
{
  uint32_t s = a + b;
  if (s < a)
  {
    return 0xFFFFFFFFU;
  }
  return s;
}

/* signed and narrow integers, bool, integer promotions */
int32_t mix_signed(int32_t a, int16_t b, bool neg)
{
  int32_t x = (int32_t)b * 3;
  if (neg)
  {
    return (a >> 3) - x;
  }
  return (a & 0xFFFF) + x;
}

uint8_t avg8(uint8_t a, uint8_t b)
{
  return (uint8_t)((a + b) / 2U);
}

/* a length parameter bounds a write loop */
void fill(uint8_t *dst, uint32_t len, uint8_t v)
{
  for (uint32_t i = 0U; i < len; i++)
  {
    dst[i] = (uint8_t)(v + (uint8_t)i);
  }
}

/* size_t length, a const source */
void xor_into(uint64_t *dst, const uint64_t *src, size_t n)
{
  for (size_t i = 0U; i < n; i++)
  {
    dst[i] = dst[i] ^ src[i];
  }
}

/* constant indices */
uint32_t sum4(const uint32_t *p)
{
  return p[0U] + p[1U] + p[2U] + p[3U];
}

/* memcpy with a length parameter, and a fixed one */
void copy_block(uint8_t *out, const uint8_t *in, uint32_t len)
{
  memcpy(out, in, len * sizeof (uint8_t));
  memcpy(out + len, in, 4U * sizeof (uint8_t));
}

/* a local array: only len <= 31 is in bounds */
void pad_last(uint8_t *out, const uint8_t *in, uint32_t len)
{
  uint8_t tmp[32U] = { 0U };
  memcpy(tmp, in, len * sizeof (uint8_t));
  tmp[len] = 0x80U;
  memcpy(out, tmp, 32U * sizeof (uint8_t));
}

/* a static helper: only 1 <= n <= 31 is defined behaviour */
static uint32_t rotl(uint32_t x, uint32_t n)
{
  return x << n | x >> (32U - n);
}

uint32_t rotl_sum(const uint32_t *p, uint32_t n)
{
  return rotl(p[0U], n) + rotl(p[1U], 32U - n);
}

/* a switch whose default exits */
uint32_t pick(uint8_t alg)
{
  switch (alg)
  {
    case 1:
      {
        return 10U;
      }
    case 2:
      {
        return 20U;
      }
    case 7:
      {
        return 70U;
      }
    default:
      {
        exit(253);
      }
  }
}

/* a struct passed and returned by value */
typedef struct u128_s
{
  uint64_t lo;
  uint64_t hi;
}
u128_t;

u128_t add128(u128_t a, u128_t b)
{
  u128_t r;
  r.lo = a.lo + b.lo;
  r.hi = a.hi + b.hi + (uint64_t)(r.lo < a.lo);
  return r;
}

/* a struct with an array field, by pointer */
typedef struct acc_s
{
  uint32_t h[4U];
  uint32_t n;
}
acc_t;

void acc_add(acc_t *a, const uint8_t *data, uint32_t len)
{
  for (uint32_t i = 0U; i < len; i++)
  {
    a->h[i % 4U] = a->h[i % 4U] * 31U + (uint32_t)data[i];
  }
  a->n = a->n + len;
}

/* a streaming state: a struct holding pointers, its constructor and destructor */
typedef struct stream_s
{
  uint8_t *buf;
  uint32_t *st;
  uint64_t total;
}
stream_t;

stream_t *stream_new(void)
{
  uint8_t *buf = (uint8_t *)calloc(16U, sizeof (uint8_t));
  uint32_t *st = (uint32_t *)calloc(4U, sizeof (uint32_t));
  stream_t s = { .buf = buf, .st = st, .total = 0ULL };
  stream_t *p = (stream_t *)malloc(sizeof (stream_t));
  p[0U] = s;
  return p;
}

void stream_feed(stream_t *s, const uint8_t *in, uint32_t len)
{
  stream_t cur = *s;
  uint8_t *buf = cur.buf;
  uint32_t *st = cur.st;
  uint32_t used = (uint32_t)(cur.total % 16ULL);
  for (uint32_t i = 0U; i < len; i++)
  {
    buf[(used + i) % 16U] = in[i];
    st[i % 4U] = st[i % 4U] + (uint32_t)in[i];
  }
  *s = ((stream_t){ .buf = buf, .st = st, .total = cur.total + (uint64_t)len });
}

void stream_free(stream_t *s)
{
  stream_t cur = *s;
  free(cur.buf);
  free(cur.st);
  free(s);
}

/* a nested struct whose inner struct holds a pointer */
typedef struct inner_s
{
  uint8_t tag;
  uint64_t *data;
}
inner_t;

typedef struct outer_s
{
  inner_t in;
  uint32_t count;
}
outer_t;

uint64_t outer_sum(outer_t *o)
{
  uint64_t acc = (uint64_t)o->in.tag;
  uint32_t n = o->count % 8U;
  for (uint32_t i = 0U; i < n; i++)
  {
    acc = acc + o->in.data[i];
  }
  return acc;
}

/* a struct that borrows a buffer it writes through (`&mut` slice field) */
typedef struct view_s
{
  uint32_t *words;
  uint32_t n;
}
view_t;

void view_scale(view_t *v, uint32_t k)
{
  uint32_t n = v->n % 8U;
  for (uint32_t i = 0U; i < n; i++)
  {
    v->words[i] = v->words[i] * k + 1U;
  }
  v->n = v->n + 1U;
}

/* branches on buffer contents: the oracle explores both sides */
uint32_t count_nonzero(const uint8_t *p, uint32_t n)
{
  uint32_t c = 0U;
  for (uint32_t i = 0U; i < n; i++)
  {
    if (p[i] != 0U)
    {
      c = c + 1U;
    }
  }
  return c;
}

/* an index taken from buffer contents: not covered, with that reason */
uint8_t sbox(const uint8_t *p, const uint8_t *table)
{
  return table[p[0U]];
}
