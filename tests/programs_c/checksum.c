/* CRC-32 with a table built at run time, Adler-32 and Fletcher-16 over pointer walks. */
#include <stdint.h>
#include <stddef.h>

void crc32_table(uint32_t *table) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) {
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    table[i] = c;
  }
}

uint32_t crc32(const uint32_t *table, const void *data, size_t n) {
  const uint8_t *p = data;
  uint32_t c = 0xFFFFFFFFu;
  while (n--) {
    c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
  }
  return c ^ 0xFFFFFFFFu;
}

uint32_t adler32(const uint8_t *p, size_t n) {
  uint32_t a = 1, b = 0;
  const uint8_t *end = p + n;
  for (; p < end; p++) {
    a = (a + *p) % 65521;
    b = (b + a) % 65521;
  }
  return b << 16 | a;
}

uint16_t fletcher16(const uint8_t *data, size_t n) {
  uint16_t s1 = 0, s2 = 0;
  for (size_t i = 0; i < n; i++) {
    s1 = (uint16_t)((s1 + data[i]) % 255);
    s2 = (uint16_t)((s2 + s1) % 255);
  }
  return (uint16_t)(s2 << 8 | s1);
}

void c2safe_test(uint64_t *out) {
  uint32_t table[256];
  crc32_table(table);
  out[0] = table[1];
  out[1] = table[255];
  uint8_t msg[9] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
  out[2] = crc32(table, msg, 9);
  uint32_t words[4] = {0x01020304u, 0xdeadbeefu, 0, 0xffffffffu};
  out[3] = crc32(table, words, sizeof words);
  out[4] = adler32(msg, 9);
  out[5] = fletcher16(msg, 9);
  out[6] = adler32((const uint8_t *)words + 3, 10);
}
