/* A bump arena handing out void * from a byte buffer; structs live inside it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint8_t *base;
  size_t used;
  size_t size;
} arena;

typedef struct {
  int32_t x;
  int32_t y;
} point;

typedef struct {
  point a;
  point b;
  uint32_t tag;
} segment;

void arena_init(arena *a, size_t size) {
  a->base = calloc(size, 1);
  a->used = 0;
  a->size = size;
}

void *arena_alloc(arena *a, size_t n) {
  size_t aligned = (a->used + 7) & ~(size_t)7;
  if (aligned + n > a->size) {
    return NULL;
  }
  void *p = a->base + aligned;
  a->used = aligned + n;
  memset(p, 0, n);
  return p;
}

segment *segment_new(arena *a, int32_t x0, int32_t y0, int32_t x1, int32_t y1) {
  segment *s = arena_alloc(a, sizeof(segment));
  if (s == NULL) {
    return NULL;
  }
  s->a.x = x0;
  s->a.y = y0;
  s->b.x = x1;
  s->b.y = y1;
  s->tag = 0xabcd;
  return s;
}

int64_t segment_len2(const segment *s) {
  int64_t dx = s->b.x - s->a.x;
  int64_t dy = s->b.y - s->a.y;
  return dx * dx + dy * dy;
}

uint32_t arena_checksum(const arena *a) {
  uint32_t h = 0;
  for (size_t i = 0; i < a->used; i++) {
    h = h * 131 + a->base[i];
  }
  return h;
}

void c2safe_test(uint64_t *out) {
  arena ar;
  arena_init(&ar, 64);
  segment *s1 = segment_new(&ar, 0, 0, 3, 4);
  char *msg = arena_alloc(&ar, 3);
  msg[0] = 'h';
  msg[1] = 'i';
  segment *s2 = segment_new(&ar, -1, 2, 5, 10);
  segment *s3 = segment_new(&ar, 1, 1, 1, 1);
  out[0] = (uint64_t)segment_len2(s1);
  out[1] = (uint64_t)segment_len2(s2);
  out[2] = s3 == NULL;
  out[3] = ar.used;
  out[4] = arena_checksum(&ar);
  out[5] = (uint64_t)((uint8_t *)s2 - ar.base);
  point *pts = (point *)s1;
  out[6] = (uint64_t)pts[1].y;
  uint32_t *raw = (uint32_t *)ar.base;
  out[7] = raw[4];
  out[8] = (uint64_t)(uint8_t)msg[1];
  free(ar.base);
}
