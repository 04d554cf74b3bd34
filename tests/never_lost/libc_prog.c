#include <stdio.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
static int count_space(const char *s, int n) { int c = 0; for (int i = 0; i < n; i++) if (isspace(s[i])) c++; return c; }
int main(void) {
  char buf[32] = "a b\tc d";
  srand(7);
  int r = rand() % 100;
  printf("spaces=%d len=%d r=%d\n", count_space(buf, 7), (int)strlen(buf), r);
  printf("%5.2f|%-6s|%x|%c\n", sqrt(2.0), "ab", 255u, 'Z');
  fprintf(stderr, "err %d\n", abs(-4));
  puts("done");
  return strcmp(buf, "a b") > 0 ? 3 : 4;
}
