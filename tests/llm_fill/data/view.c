/* A stub no behavioural check can reach: a struct holding a pointer has no prototype-driven
 * inputs, and a stub has no C IR for the oracle (tests/llm_fill/test_evidence.py). */
#include <stdint.h>
typedef struct view_s {
  const uint8_t *b;
  uint32_t n;
} view;

uint32_t vsum(view *v)
{
  uint32_t s = 0U;
  if (v->n == 0U)
    goto done;
  for (uint32_t i = 0U; i < v->n; i++)
    s += v->b[i];
done:
  return s;
}
