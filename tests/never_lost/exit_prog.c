#include <stdio.h>
#include <stdlib.h>
static void check(int v) { if (v > 5) { fprintf(stderr, "too big: %d\n", v); exit(3); } }
int main(void) { for (int i = 0; i < 10; i++) { printf("%d\n", i); check(i); } return 0; }
