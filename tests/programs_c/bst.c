/* Binary search tree: insert, lookup, min, height, in-order walk, delete, free. */
#include <stdint.h>
#include <stdlib.h>

typedef struct tree {
  int key;
  int count;
  struct tree *left;
  struct tree *right;
} tree;

tree *tree_insert(tree *t, int key) {
  if (t == NULL) {
    tree *n = (tree *)calloc(1, sizeof(tree));
    n->key = key;
    n->count = 1;
    return n;
  }
  if (key < t->key) {
    t->left = tree_insert(t->left, key);
  } else if (key > t->key) {
    t->right = tree_insert(t->right, key);
  } else {
    t->count++;
  }
  return t;
}

const tree *tree_find(const tree *t, int key) {
  while (t != NULL && t->key != key) {
    t = key < t->key ? t->left : t->right;
  }
  return t;
}

int tree_height(const tree *t) {
  if (!t) {
    return 0;
  }
  int l = tree_height(t->left);
  int r = tree_height(t->right);
  return 1 + (l > r ? l : r);
}

int tree_inorder(const tree *t, int *out, int pos) {
  if (t == NULL) {
    return pos;
  }
  pos = tree_inorder(t->left, out, pos);
  out[pos] = t->key;
  pos = pos + 1;
  return tree_inorder(t->right, out, pos);
}

tree *tree_min(tree *t) {
  while (t->left != NULL) {
    t = t->left;
  }
  return t;
}

tree *tree_delete(tree *t, int key) {
  if (t == NULL) {
    return NULL;
  }
  if (key < t->key) {
    t->left = tree_delete(t->left, key);
  } else if (key > t->key) {
    t->right = tree_delete(t->right, key);
  } else {
    if (t->left == NULL) {
      tree *r = t->right;
      free(t);
      return r;
    }
    if (t->right == NULL) {
      tree *l = t->left;
      free(t);
      return l;
    }
    tree *m = tree_min(t->right);
    t->key = m->key;
    t->count = m->count;
    t->right = tree_delete(t->right, m->key);
  }
  return t;
}

void tree_free(tree *t) {
  if (t == NULL) {
    return;
  }
  tree_free(t->left);
  tree_free(t->right);
  free(t);
}

void c2safe_test(uint64_t *out) {
  tree *t = NULL;
  int keys[12] = {50, 30, 70, 20, 40, 60, 80, 30, 65, 10, 45, 70};
  for (int i = 0; i < 12; i++) {
    t = tree_insert(t, keys[i]);
  }
  int order[16] = {0};
  int n = tree_inorder(t, order, 0);
  out[0] = (uint64_t)n;
  for (int i = 0; i < n; i++) {
    out[1 + i] = (uint64_t)order[i];
  }
  out[12] = (uint64_t)tree_height(t);
  out[13] = (uint64_t)tree_find(t, 30)->count;
  out[14] = tree_find(t, 31) == NULL;
  t = tree_delete(t, 50);
  t = tree_delete(t, 20);
  t = tree_delete(t, 999);
  n = tree_inorder(t, order, 0);
  out[15] = (uint64_t)n;
  out[16] = (uint64_t)t->key;
  for (int i = 0; i < n; i++) {
    out[17 + i] = (uint64_t)order[i];
  }
  out[30] = (uint64_t)tree_height(t);
  tree_free(t);
}
