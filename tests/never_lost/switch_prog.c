int classify(int x) {
  int r = 0;
  switch (x) {
    case 0: r += 1;
    case 1: r += 10;
    case 2: r += 100; break;
    case 3: if (r == 0) { r = 7; break; }
    case 4: r += 1000;
    default: r += 5;
  }
  return r;
}
int main(void) { int t = 0; for (int i = -1; i < 6; i++) t = t * 3 + classify(i); return t % 256; }
