#include <string.h>
static int sum_lengths(int argc, char **argv) {
  int t = 0;
  for (int i = 1; i < argc; i++) t += (int)strlen(argv[i]);
  return t;
}
int main(int argc, char **argv) { return sum_lengths(argc, argv) + argc * 10; }
