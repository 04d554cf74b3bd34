/* Doubly linked list with a sentinel: insert, remove, walk both ways. */
#include <stdint.h>
#include <stdlib.h>

typedef struct dnode {
  struct dnode *prev;
  struct dnode *next;
  uint32_t key;
} dnode;

typedef struct {
  dnode head;
  uint32_t count;
} dlist;

void dlist_init(dlist *l) {
  l->head.prev = &l->head;
  l->head.next = &l->head;
  l->count = 0;
}

dnode *dlist_insert_after(dlist *l, dnode *at, uint32_t key) {
  dnode *n = malloc(sizeof(dnode));
  n->key = key;
  n->prev = at;
  n->next = at->next;
  at->next->prev = n;
  at->next = n;
  l->count++;
  return n;
}

void dlist_remove(dlist *l, dnode *n) {
  n->prev->next = n->next;
  n->next->prev = n->prev;
  free(n);
  l->count--;
}

uint64_t dlist_forward_hash(const dlist *l) {
  uint64_t h = 17;
  for (const dnode *p = l->head.next; p != &l->head; p = p->next) {
    h = h * 31 + p->key;
  }
  return h;
}

uint64_t dlist_backward_hash(const dlist *l) {
  uint64_t h = 17;
  for (const dnode *p = l->head.prev; p != &l->head; p = p->prev) {
    h = h * 31 + p->key;
  }
  return h;
}

dnode *dlist_find(dlist *l, uint32_t key) {
  dnode *p = l->head.next;
  while (p != &l->head) {
    if (p->key == key) {
      return p;
    }
    p = p->next;
  }
  return NULL;
}

void dlist_clear(dlist *l) {
  while (l->head.next != &l->head) {
    dlist_remove(l, l->head.next);
  }
}

void c2safe_test(uint64_t *out) {
  dlist l;
  dlist_init(&l);
  for (uint32_t i = 0; i < 8; i++) {
    dlist_insert_after(&l, &l.head, i);
  }
  dnode *five = dlist_find(&l, 5);
  dlist_insert_after(&l, five, 50);
  out[0] = l.count;
  out[1] = dlist_forward_hash(&l);
  out[2] = dlist_backward_hash(&l);
  dlist_remove(&l, dlist_find(&l, 0));
  dlist_remove(&l, dlist_find(&l, 7));
  out[3] = l.count;
  out[4] = dlist_forward_hash(&l);
  out[5] = dlist_find(&l, 99) == NULL;
  out[6] = l.head.next->key;
  out[7] = l.head.prev->key;
  dlist_clear(&l);
  out[8] = l.count;
  out[9] = l.head.next == &l.head;
}
