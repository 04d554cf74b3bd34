/* Structs that borrow buffers (never allocated, never returned): `S<'a>` with slice
   fields, including a struct holding a struct holding pointers. */
#include <stdint.h>

typedef struct span_s {
  uint8_t *data;
  uint32_t len;
} span;

typedef struct pair_s {
  span in;
  uint32_t *acc;
} pair;

static uint32_t span_sum(span *s) {
  uint32_t r = 0U;
  for (uint32_t i = 0U; i < s->len; i++) {
    r = r * 31U + (uint32_t)s->data[i];
  }
  return r;
}

static void span_fill(span *s, uint8_t v) {
  for (uint32_t i = 0U; i < s->len; i++) {
    s->data[i] = (uint8_t)(v + (uint8_t)i);
  }
}

static void pair_step(pair *p) {
  p->acc[0U] = p->acc[0U] + span_sum(&p->in);
  p->acc[1U] = p->acc[1U] ^ p->in.len;
}

void c2safe_test(uint64_t *out) {
  uint8_t buf[32U] = { 0U };
  span whole = { .data = buf, .len = 32U };
  span_fill(&whole, 5U);
  out[0] = span_sum(&whole);
  span tail = { .data = buf + 16U, .len = 16U };
  out[1] = span_sum(&tail);
  uint32_t acc[2U] = { 1U, 2U };
  pair p = { .in = tail, .acc = acc };
  pair_step(&p);
  pair_step(&p);
  out[2] = acc[0U];
  out[3] = acc[1U];
}
