/* T ** out-parameters: allocation through out pointers, pointer-to-pointer walks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
  int id;
  struct item *next;
} item;

int item_new(int id, item **out) {
  if (id < 0) {
    *out = NULL;
    return -1;
  }
  item *it = malloc(sizeof(item));
  it->id = id;
  it->next = NULL;
  *out = it;
  return 0;
}

void sorted_insert(item **head, item *it) {
  item **pp = head;
  while (*pp != NULL && (*pp)->id < it->id) {
    pp = &(*pp)->next;
  }
  it->next = *pp;
  *pp = it;
}

int split_kv(char *s, char **key, char **val) {
  char *eq = strchr(s, '=');
  if (eq == NULL) {
    return 0;
  }
  *eq = '\0';
  *key = s;
  *val = eq + 1;
  return 1;
}

void min_max(const int *a, int n, int *mn, int *mx) {
  *mn = a[0];
  *mx = a[0];
  for (int i = 1; i < n; i++) {
    if (a[i] < *mn) {
      *mn = a[i];
    }
    if (a[i] > *mx) {
      *mx = a[i];
    }
  }
}

void swap_ptrs(int **a, int **b) {
  int *t = *a;
  *a = *b;
  *b = t;
}

void c2safe_test(uint64_t *out) {
  item *head = NULL;
  int ids[7] = {5, 1, 9, 3, 7, -2, 4};
  int failures = 0;
  for (int i = 0; i < 7; i++) {
    item *it;
    if (item_new(ids[i], &it) != 0) {
      failures++;
      out[20] = it == NULL;
      continue;
    }
    sorted_insert(&head, it);
  }
  out[0] = (uint64_t)failures;
  int k = 1;
  for (item *p = head; p != NULL; p = p->next) {
    out[k++] = (uint64_t)p->id;
  }
  while (head) {
    item *n = head->next;
    free(head);
    head = n;
  }
  char line[32] = "width=640";
  char *key = NULL;
  char *val = NULL;
  out[10] = (uint64_t)split_kv(line, &key, &val);
  out[11] = strlen(key);
  out[12] = strlen(val);
  out[13] = (uint64_t)(val - line);
  out[14] = (uint64_t)(uint8_t)val[0];
  int a[5] = {4, -8, 15, 16, 23};
  int mn, mx;
  min_max(a, 5, &mn, &mx);
  out[15] = (uint64_t)(int64_t)mn;
  out[16] = (uint64_t)mx;
  int *p = &a[0];
  int *q = &a[4];
  swap_ptrs(&p, &q);
  out[17] = (uint64_t)*p;
  out[18] = (uint64_t)(q - a);
}
