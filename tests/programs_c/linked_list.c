/* Singly linked list of ints: push, append, reverse, remove, free. */
#include <stdint.h>
#include <stdlib.h>

struct node {
  int value;
  struct node *next;
};

struct node *list_push(struct node *head, int v) {
  struct node *n = (struct node *)malloc(sizeof(struct node));
  n->value = v;
  n->next = head;
  return n;
}

struct node *list_append(struct node *head, int v) {
  struct node *n = (struct node *)malloc(sizeof(struct node));
  n->value = v;
  n->next = NULL;
  if (head == NULL) {
    return n;
  }
  struct node *cur = head;
  while (cur->next != NULL) {
    cur = cur->next;
  }
  cur->next = n;
  return head;
}

int list_length(const struct node *head) {
  int n = 0;
  for (const struct node *p = head; p != NULL; p = p->next) {
    n++;
  }
  return n;
}

long list_sum(const struct node *head) {
  long s = 0;
  while (head) {
    s += head->value;
    head = head->next;
  }
  return s;
}

struct node *list_reverse(struct node *head) {
  struct node *prev = NULL;
  while (head != NULL) {
    struct node *next = head->next;
    head->next = prev;
    prev = head;
    head = next;
  }
  return prev;
}

struct node *list_remove(struct node *head, int v) {
  struct node *prev = NULL;
  struct node *cur = head;
  while (cur != NULL) {
    if (cur->value == v) {
      struct node *next = cur->next;
      free(cur);
      if (prev == NULL) {
        return next;
      }
      prev->next = next;
      return head;
    }
    prev = cur;
    cur = cur->next;
  }
  return head;
}

int list_nth(const struct node *head, int k) {
  while (head != NULL && k > 0) {
    head = head->next;
    k--;
  }
  return head ? head->value : -1;
}

void list_free(struct node *head) {
  while (head != NULL) {
    struct node *next = head->next;
    free(head);
    head = next;
  }
}

void c2safe_test(uint64_t *out) {
  struct node *l = NULL;
  for (int i = 1; i <= 10; i++) {
    l = list_push(l, i * i);
  }
  l = list_append(l, 1000);
  out[0] = (uint64_t)list_length(l);
  out[1] = (uint64_t)list_sum(l);
  out[2] = (uint64_t)list_nth(l, 0);
  l = list_reverse(l);
  out[3] = (uint64_t)list_nth(l, 0);
  out[4] = (uint64_t)list_nth(l, 10);
  l = list_remove(l, 1000);
  l = list_remove(l, 25);
  l = list_remove(l, 7);
  out[5] = (uint64_t)list_length(l);
  out[6] = (uint64_t)list_sum(l);
  out[7] = (uint64_t)(int64_t)list_nth(l, 42);
  list_free(l);
}
