/* Pointers as slices: offsets, aliases, memcpy/memset, out-parameters, tables. */
#include <stdint.h>
#include <string.h>

static const uint32_t table[8U] = { 3U, 1U, 4U, 1U, 5U, 9U, 2U, 6U };

static void fill(uint32_t *dst, uint32_t len, uint32_t seed) {
  for (uint32_t i = 0U; i < len; i++) {
    dst[i] = seed * (i + 1U) + table[i % 8U];
  }
}

static uint32_t sum(uint32_t *src, uint32_t len) {
  uint32_t s = 0U;
  for (uint32_t i = 0U; i < len; i++) {
    s += src[i];
  }
  return s;
}

static void add_into(uint32_t *out, uint32_t *a, uint32_t *b, uint32_t len) {
  for (uint32_t i = 0U; i < len; i++) {
    out[i] = a[i] + b[i];
  }
}

static void bump(uint32_t *x) { *x = *x + 1U; }

void c2safe_test(uint64_t *out) {
  uint32_t buf[32U] = { 0U };
  fill(buf, 32U, 7U);
  uint32_t *hi = buf + 16U;
  uint32_t *lo = buf;
  out[0] = sum(lo, 16U);
  out[1] = sum(hi, 16U);
  uint32_t tmp[16U] = { 0U };
  add_into(tmp, lo, hi, 16U);
  out[2] = sum(tmp, 16U);
  memcpy(buf + 4U, tmp, 8U * sizeof (uint32_t));
  out[3] = sum(buf, 32U);
  memset(buf + 8U, 0, 4U * sizeof (uint32_t));
  out[4] = sum(buf, 32U);
  uint32_t counter = 41U;
  bump(&counter);
  out[5] = counter;
  bump(&buf[3U]);
  out[6] = buf[3U];
  uint8_t bytes[16U] = { 1U, 2U, 3U };
  uint8_t *b2 = bytes + 2U;
  b2[5U] = 0x77U;
  out[7] = (uint64_t)bytes[7U] + (uint64_t)bytes[2U];
  memcpy(bytes, bytes + 2U, 6U * sizeof (uint8_t));
  out[8] = (uint64_t)bytes[0U] * 256U + bytes[5U];
}
