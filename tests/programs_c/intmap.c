/* Open-addressing hash map from uint32 keys to int64 values, with tombstones. */
#include <stdint.h>
#include <stdlib.h>

#define EMPTY 0
#define FULL 1
#define DELETED 2

typedef struct {
  uint32_t key;
  uint8_t state;
  int64_t value;
} slot;

typedef struct {
  slot *slots;
  uint32_t cap;
  uint32_t len;
} intmap;

static uint32_t mix(uint32_t k) {
  k ^= k >> 16;
  k *= 0x45d9f3bu;
  k ^= k >> 16;
  return k;
}

void map_init(intmap *m, uint32_t cap) {
  m->slots = calloc(cap, sizeof(slot));
  m->cap = cap;
  m->len = 0;
}

static slot *find_slot(const intmap *m, uint32_t key, int for_insert) {
  uint32_t i = mix(key) & (m->cap - 1);
  slot *tomb = NULL;
  for (;;) {
    slot *s = &m->slots[i];
    if (s->state == EMPTY) {
      return for_insert && tomb != NULL ? tomb : (for_insert ? s : NULL);
    }
    if (s->state == DELETED) {
      if (tomb == NULL) {
        tomb = s;
      }
    } else if (s->key == key) {
      return s;
    }
    i = (i + 1) & (m->cap - 1);
  }
}

static void map_put(intmap *m, uint32_t key, int64_t value);

static void grow(intmap *m) {
  slot *old = m->slots;
  uint32_t oldcap = m->cap;
  map_init(m, oldcap * 2);
  for (uint32_t i = 0; i < oldcap; i++) {
    if (old[i].state == FULL) {
      map_put(m, old[i].key, old[i].value);
    }
  }
  free(old);
}

static void map_put(intmap *m, uint32_t key, int64_t value) {
  if ((m->len + 1) * 4 > m->cap * 3) {
    grow(m);
  }
  slot *s = find_slot(m, key, 1);
  if (s->state != FULL) {
    m->len++;
  }
  s->key = key;
  s->state = FULL;
  s->value = value;
}

int map_get(const intmap *m, uint32_t key, int64_t *value) {
  slot *s = find_slot(m, key, 0);
  if (s == NULL) {
    return 0;
  }
  *value = s->value;
  return 1;
}

int map_del(intmap *m, uint32_t key) {
  slot *s = find_slot(m, key, 0);
  if (s == NULL) {
    return 0;
  }
  s->state = DELETED;
  m->len--;
  return 1;
}

void c2safe_test(uint64_t *out) {
  intmap m;
  map_init(&m, 4);
  for (uint32_t k = 0; k < 50; k++) {
    map_put(&m, k * 7919u, (int64_t)k * k - 100);
  }
  out[0] = m.len;
  out[1] = m.cap;
  int64_t v = 0;
  out[2] = (uint64_t)map_get(&m, 7919u * 13, &v);
  out[3] = (uint64_t)v;
  out[4] = (uint64_t)map_get(&m, 5, &v);
  int dels = 0;
  for (uint32_t k = 0; k < 50; k += 2) {
    dels += map_del(&m, k * 7919u);
  }
  out[5] = (uint64_t)dels;
  out[6] = m.len;
  out[7] = (uint64_t)map_get(&m, 7919u * 14, &v);
  map_put(&m, 7919u * 14, 77);
  out[8] = (uint64_t)map_get(&m, 7919u * 14, &v);
  out[9] = (uint64_t)v;
  uint64_t sum = 0;
  for (uint32_t i = 0; i < m.cap; i++) {
    if (m.slots[i].state == FULL) {
      sum += (uint64_t)m.slots[i].value;
    }
  }
  out[10] = sum;
  free(m.slots);
}
