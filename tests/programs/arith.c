/* Integer semantics: promotions, conversions, wrapping, shifts, division. */
#include <stdint.h>
#include <stdbool.h>

static uint32_t rotl(uint32_t x, uint32_t n) { return x << n | x >> (32U - n); }

static int32_t sdiv(int32_t a, int32_t b) { return a / b + a % b; }

static uint8_t mix8(uint8_t a, uint8_t b) {
  uint8_t c = a + b;          /* wraps at 8 bits */
  uint8_t d = (uint8_t)(a * b);
  return (uint8_t)(c ^ d ^ (uint8_t)~a);
}

static bool lt_mixed(int32_t s, uint32_t u) { return s < u; } /* -1 < 1u is false in C */

void c2safe_test(uint64_t *out) {
  uint32_t x = 0xdeadbeefU;
  out[0] = rotl(x, 7U);
  out[1] = (uint64_t)(x * 2654435761U);
  out[2] = (uint64_t)(int64_t)sdiv(-17, 5);
  out[3] = mix8(200U, 100U);
  out[4] = lt_mixed(-1, 1U);
  out[5] = (uint64_t)(uint16_t)(65535U + 2U);
  out[6] = (uint64_t)((uint8_t)250U + (uint8_t)10U); /* int arithmetic: 260 */
  int64_t neg = -5;
  out[7] = (uint64_t)neg;
  out[8] = (uint64_t)(neg >> 1);
  out[9] = 0xffffffffffffffffULL + 2ULL;
  uint64_t acc = 1469598103934665603ULL;
  for (uint32_t i = 0U; i < 100U; i++) {
    acc = (acc ^ (uint64_t)i) * 1099511628211ULL;
  }
  out[10] = acc;
  out[11] = (uint64_t)(x >> 31U) + (uint64_t)(x % 1000U);
  out[12] = (uint64_t)(~0U - x);
  out[13] = (uint64_t)(-(int32_t)7 * 3);
  out[14] = (uint64_t)((uint32_t)1U << 31U);
  out[15] = (uint64_t)(0U - 1U);
}
