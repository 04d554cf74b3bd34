static int src[6] = {3, 0, 5, 7, 0, 2};
static int next(int *i) { return src[(*i)++ % 6]; }
int f(int n) {
  int a, b, c = 0, i = 0, v;
  a = b = n;
  if ((c = a * 2) > 10) c -= 1;
  while ((v = next(&i)) != 0) c += v;
  for (int k = 0; (v = k * k) < n; k++) c += v;
  c = (a++, b += 2, a + b);
  (void)v;
  return (c += 3) + (a = 4) + a;
}
int main(void) { int t = 0; for (int n = 0; n < 20; n++) t = t * 5 + f(n); return t & 255; }
