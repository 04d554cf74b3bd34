/* Runs a self-checking program's c2safe_test and prints its 64 results. */
#include <stdint.h>
#include <stdio.h>

void c2safe_test(uint64_t *out);

int main(void) {
  uint64_t out[64] = { 0 };
  c2safe_test(out);
  for (int i = 0; i < 64; i++) {
    printf("%llu\n", (unsigned long long)out[i]);
  }
  return 0;
}
