/* In-place buffer walkers: pointer copies, run-length coding, filters. */
#include <stdint.h>
#include <stddef.h>

size_t copy_until(uint8_t *dst, const uint8_t *src, uint8_t stop) {
  uint8_t *d = dst;
  while (*src != stop) {
    *d++ = *src++;
  }
  return (size_t)(d - dst);
}

size_t rle_encode(const uint8_t *in, size_t n, uint8_t *out) {
  const uint8_t *p = in;
  const uint8_t *end = in + n;
  uint8_t *o = out;
  while (p < end) {
    uint8_t c = *p;
    const uint8_t *q = p;
    while (q < end && *q == c && q - p < 255) {
      q++;
    }
    *o++ = (uint8_t)(q - p);
    *o++ = c;
    p = q;
  }
  return (size_t)(o - out);
}

size_t rle_decode(const uint8_t *in, size_t n, uint8_t *out) {
  uint8_t *o = out;
  for (const uint8_t *p = in; p + 1 < in + n + 1 && p < in + n; p += 2) {
    for (uint8_t k = 0; k < p[0]; k++) {
      *o = p[1];
      o++;
    }
  }
  return (size_t)(o - out);
}

size_t remove_byte(uint8_t *buf, size_t n, uint8_t b) {
  uint8_t *r = buf;
  uint8_t *w = buf;
  uint8_t *end = buf + n;
  while (r != end) {
    if (*r != b) {
      *w = *r;
      w++;
    }
    r++;
  }
  return (size_t)(w - buf);
}

void reverse_words32(uint32_t *a, size_t n) {
  uint32_t *lo = a;
  uint32_t *hi = a + n - 1;
  while (lo < hi) {
    uint32_t t = *lo;
    *lo++ = *hi;
    *hi-- = t;
  }
}

uint32_t sum_bytes(const uint8_t *p, const uint8_t *end) {
  uint32_t s = 0;
  while (p != end) {
    s += *p++;
  }
  return s;
}

void c2safe_test(uint64_t *out) {
  uint8_t src[16] = {1, 2, 3, 4, 5, 9, 7, 7};
  uint8_t dst[16] = {0};
  out[0] = copy_until(dst, src, 9);
  out[1] = dst[4];
  uint8_t data[20] = {5, 5, 5, 1, 1, 2, 2, 2, 2, 7};
  uint8_t enc[40] = {0};
  size_t m = rle_encode(data, 10, enc);
  out[2] = m;
  for (size_t i = 0; i < m; i++) {
    out[3 + i] = enc[i];
  }
  uint8_t dec[20] = {0};
  size_t k = rle_decode(enc, m, dec);
  out[20] = k;
  out[21] = sum_bytes(dec, dec + k);
  out[22] = remove_byte(data, 10, 2);
  out[23] = sum_bytes(data, data + out[22]);
  uint32_t w[5] = {10, 20, 30, 40, 50};
  reverse_words32(w, 5);
  for (int i = 0; i < 5; i++) {
    out[24 + i] = w[i];
  }
}
