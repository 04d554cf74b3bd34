/* Merge sort with a scratch buffer, quicksort, and a generic byte swap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void swap_bytes(void *a, void *b, size_t size) {
  uint8_t *x = a;
  uint8_t *y = b;
  for (size_t i = 0; i < size; i++) {
    uint8_t t = x[i];
    x[i] = y[i];
    y[i] = t;
  }
}

static void merge(int32_t *a, int32_t *tmp, size_t lo, size_t mid, size_t hi) {
  size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  }
  while (i < mid) {
    tmp[k++] = a[i++];
  }
  while (j < hi) {
    tmp[k++] = a[j++];
  }
  memcpy(a + lo, tmp + lo, (hi - lo) * sizeof(int32_t));
}

static void msort_rec(int32_t *a, int32_t *tmp, size_t lo, size_t hi) {
  if (hi - lo < 2) {
    return;
  }
  size_t mid = lo + (hi - lo) / 2;
  msort_rec(a, tmp, lo, mid);
  msort_rec(a, tmp, mid, hi);
  merge(a, tmp, lo, mid, hi);
}

void merge_sort(int32_t *a, size_t n) {
  int32_t *tmp = malloc(n * sizeof(int32_t));
  msort_rec(a, tmp, 0, n);
  free(tmp);
}

void quick_sort(int32_t *lo, int32_t *hi) {
  if (hi - lo < 2) {
    return;
  }
  int32_t pivot = *(lo + (hi - lo) / 2);
  int32_t *i = lo;
  int32_t *j = hi - 1;
  while (i <= j) {
    while (*i < pivot) {
      i++;
    }
    while (*j > pivot) {
      j--;
    }
    if (i <= j) {
      swap_bytes(i, j, sizeof(int32_t));
      i++;
      j--;
    }
  }
  quick_sort(lo, j + 1);
  quick_sort(i, hi);
}

typedef struct {
  uint16_t id;
  uint64_t score;
} rec;

void sort_recs(rec *r, size_t n) {
  for (size_t i = 0; i < n; i++) {
    for (size_t j = i + 1; j < n; j++) {
      if (r[j].score < r[i].score) {
        swap_bytes(&r[i], &r[j], sizeof(rec));
      }
    }
  }
}

void c2safe_test(uint64_t *out) {
  int32_t a[20];
  int32_t b[20];
  uint32_t seed = 12345;
  for (int i = 0; i < 20; i++) {
    seed = seed * 1103515245u + 12345u;
    a[i] = (int32_t)(seed >> 16) % 1000 - 500;
    b[i] = a[i];
  }
  merge_sort(a, 20);
  quick_sort(b, b + 20);
  for (int i = 0; i < 20; i++) {
    out[i] = (uint64_t)(int64_t)a[i];
    out[20] += a[i] == b[i];
  }
  rec rs[4] = {{1, 40}, {2, 10}, {3, 30}, {4, 20}};
  sort_recs(rs, 4);
  for (int i = 0; i < 4; i++) {
    out[21 + i] = rs[i].id;
  }
}
