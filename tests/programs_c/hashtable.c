/* Chained hash table from C strings to void * values, with resizing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
  char *key;
  void *value;
  struct entry *next;
} entry;

typedef struct {
  entry **buckets;
  size_t nbuckets;
  size_t size;
} table;

static uint32_t hash_str(const char *s) {
  uint32_t h = 5381;
  while (*s) {
    h = h * 33u + (uint8_t)*s;
    s++;
  }
  return h;
}

static char *dup_str(const char *s) {
  size_t n = strlen(s);
  char *d = malloc(n + 1);
  memcpy(d, s, n + 1);
  return d;
}

table *table_new(size_t nbuckets) {
  table *t = malloc(sizeof(table));
  t->buckets = calloc(nbuckets, sizeof(entry *));
  t->nbuckets = nbuckets;
  t->size = 0;
  return t;
}

static void table_resize(table *t) {
  size_t nb = t->nbuckets * 2;
  entry **nbk = calloc(nb, sizeof(entry *));
  for (size_t i = 0; i < t->nbuckets; i++) {
    entry *e = t->buckets[i];
    while (e != NULL) {
      entry *next = e->next;
      size_t j = hash_str(e->key) % nb;
      e->next = nbk[j];
      nbk[j] = e;
      e = next;
    }
  }
  free(t->buckets);
  t->buckets = nbk;
  t->nbuckets = nb;
}

void *table_get(const table *t, const char *key) {
  entry *e = t->buckets[hash_str(key) % t->nbuckets];
  for (; e != NULL; e = e->next) {
    if (strcmp(e->key, key) == 0) {
      return e->value;
    }
  }
  return NULL;
}

void table_put(table *t, const char *key, void *value) {
  size_t i = hash_str(key) % t->nbuckets;
  for (entry *e = t->buckets[i]; e != NULL; e = e->next) {
    if (strcmp(e->key, key) == 0) {
      e->value = value;
      return;
    }
  }
  entry *e = malloc(sizeof(entry));
  e->key = dup_str(key);
  e->value = value;
  e->next = t->buckets[i];
  t->buckets[i] = e;
  t->size++;
  if (t->size > t->nbuckets * 2) {
    table_resize(t);
  }
}

int table_remove(table *t, const char *key) {
  size_t i = hash_str(key) % t->nbuckets;
  entry **pp = &t->buckets[i];
  while (*pp != NULL) {
    entry *e = *pp;
    if (strcmp(e->key, key) == 0) {
      *pp = e->next;
      free(e->key);
      free(e);
      t->size--;
      return 1;
    }
    pp = &e->next;
  }
  return 0;
}

void table_free(table *t) {
  for (size_t i = 0; i < t->nbuckets; i++) {
    entry *e = t->buckets[i];
    while (e) {
      entry *n = e->next;
      free(e->key);
      free(e);
      e = n;
    }
  }
  free(t->buckets);
  free(t);
}

void c2safe_test(uint64_t *out) {
  table *t = table_new(2);
  int values[6] = {11, 22, 33, 44, 55, 66};
  char key[4] = "k0";
  for (int i = 0; i < 6; i++) {
    key[1] = (char)('a' + i);
    table_put(t, key, &values[i]);
  }
  table_put(t, "alpha", &values[5]);
  table_put(t, "ka", &values[3]);
  out[0] = t->size;
  out[1] = t->nbuckets;
  out[2] = (uint64_t)*(int *)table_get(t, "ka");
  out[3] = (uint64_t)*(int *)table_get(t, "kf");
  out[4] = (uint64_t)*(int *)table_get(t, "alpha");
  out[5] = table_get(t, "zz") == NULL;
  out[6] = (uint64_t)table_remove(t, "kc");
  out[7] = (uint64_t)table_remove(t, "kc");
  out[8] = table_get(t, "kc") == NULL;
  out[9] = t->size;
  int *v = table_get(t, "kb");
  *v = 222;
  out[10] = (uint64_t)values[1];
  out[11] = hash_str("hello");
  table_free(t);
}
