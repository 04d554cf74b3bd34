#include <stdint.h>
struct S { int a : 3; unsigned b : 5; int32_t c; uint8_t d : 2; int : 4; int e : 7; };
static int run(int x) {
  struct S s = { 5, 40, 7, 6, 100 };
  int t = s.a * 1000 + s.b * 100 + s.d * 10 + s.e;
  s.a = x;
  s.b += x * 3;
  s.d |= x;
  s.e -= x * 50;
  return t + s.a * 7 + s.b * 11 + s.d * 13 + s.e * 17;
}
int main(void) { int t = 0; for (int i = -9; i < 20; i++) t = t * 31 + run(i); return t & 255; }
