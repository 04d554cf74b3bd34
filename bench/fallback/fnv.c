/* The same hash twice: FNV-1a over a buffer by index (slice model) and by a walking
   pointer (checked model). Benchmarked by bench/checked_bench.py. */
#include <stdint.h>

uint32_t fnv_index(const uint8_t *buf, uint32_t len) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < len; i++) {
    h = (h ^ buf[i]) * 16777619u;
  }
  return h;
}

uint32_t fnv_walk(const uint8_t *buf, uint32_t len) {
  uint32_t h = 2166136261u;
  const uint8_t *end = buf + len;
  while (buf != end) {
    h = (h ^ *buf++) * 16777619u;
  }
  return h;
}
