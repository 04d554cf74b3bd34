/* A stack on a growable array and a queue on a ring buffer, both heap-backed. */
#include <stdint.h>
#include <stdlib.h>

typedef struct {
  uint32_t *items;
  uint32_t top;
  uint32_t cap;
} stack;

typedef struct {
  uint16_t *buf;
  uint32_t head;
  uint32_t tail;
  uint32_t cap;
  uint32_t count;
} queue;

stack *stack_new(uint32_t cap) {
  stack *s = malloc(sizeof(stack));
  s->items = malloc(cap * sizeof(uint32_t));
  s->top = 0;
  s->cap = cap;
  return s;
}

int stack_push(stack *s, uint32_t v) {
  if (s->top == s->cap) {
    return 0;
  }
  s->items[s->top++] = v;
  return 1;
}

uint32_t stack_pop(stack *s) {
  return s->items[--s->top];
}

void stack_free(stack *s) {
  free(s->items);
  free(s);
}

void queue_init(queue *q, uint32_t cap) {
  q->buf = calloc(cap, sizeof(uint16_t));
  q->head = q->tail = q->count = 0;
  q->cap = cap;
}

int queue_put(queue *q, uint16_t v) {
  if (q->count == q->cap) {
    return 0;
  }
  q->buf[q->tail] = v;
  q->tail = (q->tail + 1) % q->cap;
  q->count++;
  return 1;
}

int queue_get(queue *q, uint16_t *v) {
  if (q->count == 0) {
    return 0;
  }
  *v = q->buf[q->head];
  q->head = (q->head + 1) % q->cap;
  q->count--;
  return 1;
}

void c2safe_test(uint64_t *out) {
  stack *s = stack_new(5);
  uint32_t pushed = 0;
  for (uint32_t i = 0; i < 8; i++) {
    pushed += (uint32_t)stack_push(s, i * 100);
  }
  out[0] = pushed;
  out[1] = stack_pop(s);
  out[2] = stack_pop(s);
  out[3] = s->top;
  stack_free(s);
  queue q;
  queue_init(&q, 4);
  uint64_t acc = 0;
  for (uint16_t i = 1; i <= 10; i++) {
    if (!queue_put(&q, (uint16_t)(i * 3))) {
      uint16_t v = 0;
      queue_get(&q, &v);
      acc = acc * 7 + v;
      queue_put(&q, (uint16_t)(i * 3));
    }
  }
  out[4] = acc;
  out[5] = q.count;
  uint16_t v;
  int got = 0;
  while (queue_get(&q, &v)) {
    out[6 + got] = v;
    got++;
  }
  out[12] = (uint64_t)got;
  out[13] = q.head;
  free(q.buf);
}
