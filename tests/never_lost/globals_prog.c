#include <stdio.h>
static int counter = 5;
unsigned long total;
double avg = 0.5;
static void bump(int k) { counter += k; total++; avg = avg * 0.5 + k; }
int main(void) {
  for (int i = 0; i < 10; i++) bump(i);
  counter--;
  printf("%d %lu %.3f\n", counter, total, avg);
  return counter % 256;
}
