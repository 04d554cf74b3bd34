int f(int x) {
  int r = 0;
  {
  again:
    r += x;
  }
  {
    for (int i = 0; i < 3; i++) {
      if (r < 20) { x++; goto again; }
    }
  }
  return r;
}
int main(void) { return f(1) + f(7); }
