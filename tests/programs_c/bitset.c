/* A heap bitset over 64-bit words, with iteration via a cursor struct. */
#include <stdint.h>
#include <stdlib.h>

typedef struct {
  uint64_t *words;
  size_t nbits;
} bitset;

bitset *bs_new(size_t nbits) {
  bitset *b = malloc(sizeof *b);
  b->nbits = nbits;
  b->words = calloc((nbits + 63) / 64, sizeof(uint64_t));
  return b;
}

void bs_set(bitset *b, size_t i) { b->words[i / 64] |= (uint64_t)1 << (i % 64); }

void bs_clear(bitset *b, size_t i) { b->words[i / 64] &= ~((uint64_t)1 << (i % 64)); }

int bs_test(const bitset *b, size_t i) { return (int)((b->words[i / 64] >> (i % 64)) & 1); }

static int popcount64(uint64_t x) {
  int n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

size_t bs_count(const bitset *b) {
  size_t n = 0;
  const uint64_t *w = b->words;
  const uint64_t *end = w + (b->nbits + 63) / 64;
  while (w != end) {
    n += (size_t)popcount64(*w++);
  }
  return n;
}

long bs_next(const bitset *b, size_t from) {
  for (size_t i = from; i < b->nbits; i++) {
    if (bs_test(b, i)) {
      return (long)i;
    }
  }
  return -1;
}

void bs_free(bitset *b) {
  free(b->words);
  free(b);
}

void c2safe_test(uint64_t *out) {
  bitset *b = bs_new(200);
  for (size_t i = 0; i < 200; i += 3) {
    bs_set(b, i);
  }
  for (size_t i = 0; i < 200; i += 5) {
    bs_clear(b, i);
  }
  out[0] = bs_count(b);
  out[1] = (uint64_t)bs_test(b, 3);
  out[2] = (uint64_t)bs_test(b, 15);
  long i = bs_next(b, 0);
  int k = 3;
  while (i >= 0 && k < 20) {
    out[k++] = (uint64_t)i;
    i = bs_next(b, (size_t)i + 1);
  }
  out[2] = b->words[1];
  out[20] = b->words[3];
  bs_free(b);
}
