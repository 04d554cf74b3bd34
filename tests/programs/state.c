/* A KaRaMeL-style streaming state: heap struct with pointer fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct acc_state_s {
  uint32_t *block;
  uint8_t *buf;
  uint64_t total;
} acc_state;

static void absorb(uint32_t *block, uint8_t *data, uint32_t len) {
  for (uint32_t i = 0U; i < len; i++) {
    block[i % 4U] = block[i % 4U] * 31U + (uint32_t)data[i];
  }
}

acc_state *acc_malloc(void) {
  uint8_t *buf = (uint8_t *)calloc(16U, sizeof (uint8_t));
  uint32_t *block = (uint32_t *)calloc(4U, sizeof (uint32_t));
  acc_state s = { .block = block, .buf = buf, .total = (uint64_t)0U };
  acc_state *p = (acc_state *)malloc(sizeof (acc_state));
  p[0U] = s;
  block[0U] = 1U;
  return p;
}

void acc_update(acc_state *state, uint8_t *data, uint32_t len) {
  acc_state s = *state;
  uint32_t *block = s.block;
  uint8_t *buf = s.buf;
  uint64_t total = s.total;
  absorb(block, data, len);
  memcpy(buf, data, (len < 16U ? len : 16U) * sizeof (uint8_t));
  *state = ((acc_state){ .block = block, .buf = buf, .total = total + (uint64_t)len });
}

uint64_t acc_digest(acc_state *state) {
  acc_state scrut = *state;
  uint32_t *block = scrut.block;
  uint64_t r = scrut.total;
  for (uint32_t i = 0U; i < 4U; i++) {
    r = r * 1000003ULL + (uint64_t)block[i];
  }
  return r + (uint64_t)scrut.buf[0U];
}

void acc_free(acc_state *state) {
  acc_state scrut = *state;
  free(scrut.buf);
  free(scrut.block);
  free(state);
}

void c2safe_test(uint64_t *out) {
  acc_state *st = acc_malloc();
  uint8_t msg[40U] = { 0U };
  for (uint32_t i = 0U; i < 40U; i++) {
    msg[i] = (uint8_t)(i * 7U + 3U);
  }
  acc_update(st, msg, 5U);
  out[0] = acc_digest(st);
  acc_update(st, msg + 5U, 35U);
  out[1] = acc_digest(st);
  acc_free(st);
}
