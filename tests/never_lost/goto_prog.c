static int cleanup_count = 0;
int parse(int x) {
  int r = 0;
  if (x < 0) goto fail;
  r = x * 2;
  if (r > 100) goto fail;
  for (int i = 0; i < 10; i++) {
    if (i == x) goto done;
    r += i;
  }
done:
  return r;
fail:
  return -1;
}
int collatz(int n) {
  int steps = 0;
again:
  if (n == 1) return steps;
  for (int k = 0; k < 3; k++) {
    if (k == 1) {
      n = (n % 2) ? 3 * n + 1 : n / 2;
      steps++;
      goto again;
    }
  }
  return -5;
}
int cross(int a) {
  int r = 0;
  while (a > 0) {
    a--;
    if (a == 3) continue;
    if (a == 7) break;
    r += a;
    if (r > 1000) goto out;
  }
  r *= 2;
out:
  return r;
}
int main(void) {
  int t = 0;
  for (int i = -2; i < 60; i += 3) t = t * 7 + parse(i) + collatz(i > 0 ? i : 1) + cross(i);
  return t & 255;
}
