/* Base64 encoding and decoding with a constant alphabet. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char alphabet[65] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t b64_encode(const uint8_t *in, size_t n, char *out) {
  char *o = out;
  size_t i = 0;
  for (; i + 2 < n; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    *o++ = alphabet[v >> 18 & 63];
    *o++ = alphabet[v >> 12 & 63];
    *o++ = alphabet[v >> 6 & 63];
    *o++ = alphabet[v & 63];
  }
  if (i < n) {
    uint32_t v = (uint32_t)in[i] << 16;
    if (i + 1 < n) {
      v |= (uint32_t)in[i + 1] << 8;
    }
    *o++ = alphabet[v >> 18 & 63];
    *o++ = alphabet[v >> 12 & 63];
    *o++ = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
    *o++ = '=';
  }
  *o = '\0';
  return (size_t)(o - out);
}

static int b64_value(char c) {
  const char *p = strchr(alphabet, c);
  if (c == '\0' || p == NULL) {
    return -1;
  }
  return (int)(p - alphabet);
}

long b64_decode(const char *in, uint8_t *out) {
  size_t n = strlen(in);
  if (n % 4 != 0) {
    return -1;
  }
  uint8_t *o = out;
  for (size_t i = 0; i < n; i += 4) {
    int a = b64_value(in[i]);
    int b = b64_value(in[i + 1]);
    int c = in[i + 2] == '=' ? 0 : b64_value(in[i + 2]);
    int d = in[i + 3] == '=' ? 0 : b64_value(in[i + 3]);
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      return -1;
    }
    uint32_t v = (uint32_t)(a << 18 | b << 12 | c << 6 | d);
    *o++ = (uint8_t)(v >> 16);
    if (in[i + 2] != '=') {
      *o++ = (uint8_t)(v >> 8);
    }
    if (in[i + 3] != '=') {
      *o++ = (uint8_t)v;
    }
  }
  return o - out;
}

void c2safe_test(uint64_t *out) {
  uint8_t data[10] = {'M', 'a', 'n', 0, 255, 16, 'x', 'y', 'z', 'w'};
  char enc[32];
  for (size_t n = 0; n <= 10; n += 2) {
    size_t m = b64_encode(data, n, enc);
    uint64_t h = 0;
    for (size_t i = 0; i < m; i++) {
      h = h * 257 + (uint8_t)enc[i];
    }
    out[n] = m;
    out[n + 1] = h;
  }
  uint8_t dec[16] = {0};
  long k = b64_decode("TWFuAP8QeHk=", dec);
  out[12] = (uint64_t)k;
  for (int i = 0; i < 8; i++) {
    out[13 + i] = dec[i];
  }
  out[21] = (uint64_t)b64_decode("TW=", dec);
  out[22] = (uint64_t)b64_decode("T!==", dec);
}
