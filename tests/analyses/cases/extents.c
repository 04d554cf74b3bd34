/* Data-driven slice-length facts, one expect-len line per function:
   parameter=MAY/MUST in elements, MAY `?` when unbounded. */
#include <stdint.h>
#include <string.h>

/* expect-len: four: a=4/4, out=4/4 */
void four(uint64_t *out, uint64_t *a) {
  for (uint32_t i = 0U; i < 4U; i++) { out[i] = a[i] + 1U; }
}

/* expect-len: via_call: x=12/12, y=8/8 */
void via_call(uint64_t *x, uint64_t *y) {
  four(x + 8U, y);
  four(x, y + 4U);
}

/* expect-len: cond: p=8/1 */
void cond(uint32_t *p, uint32_t c) {
  p[0U] = 1U;
  if (c) { p[7U] = 2U; }
}

/* expect-len: early: p=6/2 */
void early(uint32_t *p, uint32_t c) {
  p[1U] = 0U;
  if (c == 0U) { return; }
  p[5U] = 1U;
}

/* expect-len: unknown: p=?/16, q=16/16 */
void unknown(uint8_t *p, uint8_t *q, uint32_t n) {
  p[0U] = q[15U];
  for (uint32_t i = 0U; i < n; i++) { p[i] = 0U; }
  memcpy(q, p, 16U * sizeof (uint8_t));
}

/* expect-len: modulo: w=16/1 */
void modulo(uint32_t *w, uint32_t i) {
  w[0U] = w[(i + 1U) % 16U];
}

/* start and bound varying with an outer loop (KaRaMeL's bn_sqr shape): bounded by extremes */
/* expect-len: triangle: a=4/4, r=8/8 */
void triangle(uint64_t *r, uint64_t *a) {
  for (uint32_t i0 = 0U; i0 < 4U; i0++) {
    uint64_t *rj = r + i0;
    for (uint32_t i = i0 / 4U * 4U; i < i0; i++) { rj[i] = a[i]; }
    r[i0 + i0] = a[i0];
  }
  r[7U] = 0U;
}
