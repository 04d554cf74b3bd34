/* Matrices as a struct with a heap buffer, plus an array of row pointers. */
#include <stdint.h>
#include <stdlib.h>

typedef struct {
  int rows;
  int cols;
  int64_t *data;
} matrix;

matrix *mat_new(int rows, int cols) {
  matrix *m = malloc(sizeof(matrix));
  m->rows = rows;
  m->cols = cols;
  m->data = calloc((size_t)(rows * cols), sizeof(int64_t));
  return m;
}

int64_t *mat_at(matrix *m, int r, int c) {
  return &m->data[r * m->cols + c];
}

matrix *mat_mul(matrix *a, matrix *b) {
  matrix *r = mat_new(a->rows, b->cols);
  for (int i = 0; i < a->rows; i++) {
    for (int j = 0; j < b->cols; j++) {
      int64_t s = 0;
      for (int k = 0; k < a->cols; k++) {
        s += *mat_at(a, i, k) * *mat_at(b, k, j);
      }
      *mat_at(r, i, j) = s;
    }
  }
  return r;
}

matrix *mat_transpose(matrix *a) {
  matrix *t = mat_new(a->cols, a->rows);
  for (int i = 0; i < a->rows; i++) {
    for (int j = 0; j < a->cols; j++) {
      *mat_at(t, j, i) = *mat_at(a, i, j);
    }
  }
  return t;
}

void mat_free(matrix *m) {
  free(m->data);
  free(m);
}

int64_t **row_pointers(matrix *m) {
  int64_t **rows = malloc((size_t)m->rows * sizeof(int64_t *));
  for (int i = 0; i < m->rows; i++) {
    rows[i] = m->data + i * m->cols;
  }
  return rows;
}

int64_t trace_rows(int64_t **rows, int n) {
  int64_t t = 0;
  for (int i = 0; i < n; i++) {
    t += rows[i][i];
  }
  return t;
}

void c2safe_test(uint64_t *out) {
  matrix *a = mat_new(3, 4);
  matrix *b = mat_new(4, 3);
  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 4; j++) {
      *mat_at(a, i, j) = i * 4 + j - 5;
      *mat_at(b, j, i) = (i + 1) * (j + 2);
    }
  }
  matrix *c = mat_mul(a, b);
  for (int i = 0; i < 9; i++) {
    out[i] = (uint64_t)c->data[i];
  }
  matrix *t = mat_transpose(a);
  out[9] = (uint64_t)t->rows;
  out[10] = (uint64_t)*mat_at(t, 3, 2);
  int64_t **rows = row_pointers(c);
  out[11] = (uint64_t)trace_rows(rows, 3);
  rows[1][1] = 1000;
  out[12] = (uint64_t)c->data[4];
  free(rows);
  mat_free(a);
  mat_free(b);
  mat_free(c);
  mat_free(t);
}
