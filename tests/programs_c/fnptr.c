/* Function pointers: operation tables, callbacks in structs, comparators. */
#include <stdint.h>
#include <stddef.h>

typedef int (*binop)(int, int);
typedef int (*cmp_fn)(const void *, const void *);

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int maxi(int a, int b) { return a > b ? a : b; }

int fold(const int *xs, int n, int init, binop f) {
  int acc = init;
  for (int i = 0; i < n; i++) {
    acc = f(acc, xs[i]);
  }
  return acc;
}

binop pick(int which) {
  switch (which) {
  case 0:
    return add;
  case 1:
    return sub;
  case 2:
    return mul;
  default:
    return maxi;
  }
}

typedef struct {
  binop op;
  int calls;
  int last;
} counter;

int counter_apply(counter *c, int a, int b) {
  c->calls++;
  c->last = c->op(a, b);
  return c->last;
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a;
  int y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b) {
  return cmp_int(b, a);
}

void isort(int *a, int n, cmp_fn cmp) {
  for (int i = 1; i < n; i++) {
    int key = a[i];
    int j = i - 1;
    while (j >= 0 && cmp(&a[j], &key) > 0) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = key;
  }
}

void c2safe_test(uint64_t *out) {
  int xs[6] = {3, -1, 4, 1, -5, 9};
  for (int k = 0; k < 4; k++) {
    out[k] = (uint64_t)(int64_t)fold(xs, 6, k == 2 ? 1 : 0, pick(k));
  }
  binop table[3] = {add, mul, maxi};
  counter c = {table[1], 0, 0};
  counter_apply(&c, 6, 7);
  c.op = table[0];
  counter_apply(&c, 6, 7);
  out[4] = (uint64_t)c.calls;
  out[5] = (uint64_t)c.last;
  out[6] = c.op == add;
  out[7] = pick(3) == maxi;
  isort(xs, 6, cmp_int);
  for (int i = 0; i < 6; i++) {
    out[8 + i] = (uint64_t)(int64_t)xs[i];
  }
  isort(xs, 6, cmp_int_desc);
  for (int i = 0; i < 6; i++) {
    out[14 + i] = (uint64_t)(int64_t)xs[i];
  }
}
