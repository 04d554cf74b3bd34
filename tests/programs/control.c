/* Control flow: loops, break/continue, switch, ternary, early return, do-while. */
#include <stdint.h>

static uint32_t classify(uint8_t a) {
  switch (a) {
    case 0U:
    case 1U:
      return 10U;
    case 2U: {
      return 20U;
    }
    case 7U:
      if (a > 3U) {
        return 70U;
      }
      break;
    default:
      return 99U;
  }
  return 5U;
}

static uint32_t sum_skip(uint32_t n) {
  uint32_t s = 0U;
  for (uint32_t i = 0U; i < n; i++) {
    if (i % 3U == 0U) continue;
    if (i > 50U) break;
    s += i;
  }
  return s;
}

static uint32_t collatz(uint64_t x) {
  uint32_t steps = 0U;
  while (x != 1ULL) {
    x = x % 2ULL == 0ULL ? x / 2ULL : 3ULL * x + 1ULL;
    steps++;
  }
  return steps;
}

static uint32_t dowhile(uint32_t n) {
  uint32_t i = 0U;
  uint32_t acc = 0U;
  do {
    i++;
    if (i == 4U) continue;
    acc = acc * 3U + i;
  } while (i < n);
  return acc;
}

static uint32_t stepped(void) {
  uint32_t s = 0U;
  for (uint32_t i = 1U; i < 40U; i += 7U) s ^= i * i;
  uint32_t j = 10U;
  for (; j > 0U; j--) s += j;
  return s;
}

void c2safe_test(uint64_t *out) {
  for (uint32_t i = 0U; i < 9U; i++) {
    out[i] = classify((uint8_t)i);
  }
  out[9] = sum_skip(100U);
  out[10] = collatz(27ULL);
  out[11] = dowhile(10U);
  out[12] = stepped();
}
