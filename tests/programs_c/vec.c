/* A realloc-grown vector of ints. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  int *data;
  size_t len;
  size_t cap;
} intvec;

void vec_init(intvec *v) {
  v->data = NULL;
  v->len = 0;
  v->cap = 0;
}

void vec_push(intvec *v, int x) {
  if (v->len == v->cap) {
    size_t ncap = v->cap == 0 ? 4 : v->cap * 2;
    v->data = realloc(v->data, ncap * sizeof(int));
    v->cap = ncap;
  }
  v->data[v->len++] = x;
}

int vec_pop(intvec *v) {
  v->len--;
  return v->data[v->len];
}

void vec_insert(intvec *v, size_t at, int x) {
  vec_push(v, 0);
  memmove(v->data + at + 1, v->data + at, (v->len - at - 1) * sizeof(int));
  v->data[at] = x;
}

long vec_sum(const intvec *v) {
  long s = 0;
  for (const int *p = v->data; p < v->data + v->len; p++) {
    s += *p;
  }
  return s;
}

void vec_free(intvec *v) {
  free(v->data);
  v->data = NULL;
  v->len = v->cap = 0;
}

int *make_range(int n) {
  int *r = malloc(sizeof(int) * (size_t)n);
  for (int i = 0; i < n; i++) {
    r[i] = i * 3;
  }
  return r;
}

void c2safe_test(uint64_t *out) {
  intvec v;
  vec_init(&v);
  for (int i = 0; i < 37; i++) {
    vec_push(&v, i * i - 5);
  }
  out[0] = v.len;
  out[1] = v.cap;
  out[2] = (uint64_t)vec_sum(&v);
  out[3] = (uint64_t)(int64_t)vec_pop(&v);
  vec_insert(&v, 3, 12345);
  out[4] = (uint64_t)v.data[3];
  out[5] = (uint64_t)v.data[4];
  out[6] = v.len;
  out[7] = (uint64_t)vec_sum(&v);
  vec_free(&v);
  out[8] = v.data == NULL;
  int *r = make_range(10);
  r = realloc(r, 20 * sizeof(int));
  for (int i = 10; i < 20; i++) {
    r[i] = -i;
  }
  long s = 0;
  for (int i = 0; i < 20; i++) {
    s += r[i];
  }
  out[9] = (uint64_t)s;
  free(r);
}
