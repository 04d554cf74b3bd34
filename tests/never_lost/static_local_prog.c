#include <stdio.h>
static int next_id(void) { static int id = 100; return id++; }
static int table_at(int i) { static const int t[4] = {7, 11, 13, 17}; return t[i & 3]; }
int main(void) {
  int s = 0;
  for (int i = 0; i < 6; i++) s += next_id() * table_at(i);
  printf("%d\n", s);
  return s % 251;
}
