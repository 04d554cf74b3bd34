/* A trie over lowercase words with an array of child pointers per node. */
#include <stdint.h>
#include <stdlib.h>

typedef struct trie {
  struct trie *child[26];
  int terminal;
  int count;
} trie;

trie *trie_new(void) {
  trie *t = calloc(1, sizeof(trie));
  return t;
}

void trie_insert(trie *t, const char *w) {
  for (; *w; w++) {
    int c = *w - 'a';
    if (t->child[c] == NULL) {
      t->child[c] = trie_new();
    }
    t = t->child[c];
    t->count++;
  }
  t->terminal = 1;
}

int trie_contains(const trie *t, const char *w) {
  while (*w) {
    t = t->child[*w - 'a'];
    if (t == NULL) {
      return 0;
    }
    w++;
  }
  return t->terminal;
}

int trie_prefix_count(const trie *t, const char *p) {
  while (*p && t != NULL) {
    t = t->child[*p - 'a'];
    p++;
  }
  return t == NULL ? 0 : t->count;
}

int trie_nodes(const trie *t) {
  int n = 1;
  for (int i = 0; i < 26; i++) {
    if (t->child[i]) {
      n += trie_nodes(t->child[i]);
    }
  }
  return n;
}

void trie_free(trie *t) {
  for (int i = 0; i < 26; i++) {
    if (t->child[i] != NULL) {
      trie_free(t->child[i]);
    }
  }
  free(t);
}

void c2safe_test(uint64_t *out) {
  trie *t = trie_new();
  trie_insert(t, "car");
  trie_insert(t, "cart");
  trie_insert(t, "care");
  trie_insert(t, "dog");
  trie_insert(t, "do");
  out[0] = (uint64_t)trie_contains(t, "car");
  out[1] = (uint64_t)trie_contains(t, "ca");
  out[2] = (uint64_t)trie_contains(t, "dog");
  out[3] = (uint64_t)trie_contains(t, "dot");
  out[4] = (uint64_t)trie_prefix_count(t, "car");
  out[5] = (uint64_t)trie_prefix_count(t, "d");
  out[6] = (uint64_t)trie_prefix_count(t, "x");
  out[7] = (uint64_t)trie_nodes(t);
  trie_free(t);
}
