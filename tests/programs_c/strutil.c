/* String processing over NUL-terminated char buffers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t my_strlen(const char *s) {
  const char *p = s;
  while (*p != '\0') {
    p++;
  }
  return (size_t)(p - s);
}

void str_reverse(char *s) {
  char *a = s;
  char *b = s + my_strlen(s);
  if (a == b) {
    return;
  }
  b--;
  while (a < b) {
    char t = *a;
    *a = *b;
    *b = t;
    a++;
    b--;
  }
}

void str_upper(char *s) {
  for (; *s; s++) {
    if (*s >= 'a' && *s <= 'z') {
      *s = (char)(*s - 'a' + 'A');
    }
  }
}

int count_words(const char *s) {
  int n = 0;
  int in_word = 0;
  while (*s) {
    if (*s == ' ' || *s == '\t' || *s == '\n') {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      n++;
    }
    s++;
  }
  return n;
}

char *str_trim(char *s) {
  while (*s == ' ') {
    s++;
  }
  char *end = s + my_strlen(s);
  while (end > s && end[-1] == ' ') {
    end--;
  }
  *end = '\0';
  return s;
}

const char *str_find(const char *hay, const char *needle) {
  size_t n = my_strlen(needle);
  for (; *hay; hay++) {
    if (strncmp(hay, needle, n) == 0) {
      return hay;
    }
  }
  return NULL;
}

int my_atoi(const char *s) {
  int sign = 1;
  int v = 0;
  while (*s == ' ') {
    s++;
  }
  if (*s == '-') {
    sign = -1;
    s++;
  } else if (*s == '+') {
    s++;
  }
  while (*s >= '0' && *s <= '9') {
    v = v * 10 + (*s - '0');
    s++;
  }
  return sign * v;
}

char *str_concat(const char *a, const char *b) {
  size_t la = my_strlen(a);
  size_t lb = my_strlen(b);
  char *r = malloc(la + lb + 1);
  memcpy(r, a, la);
  memcpy(r + la, b, lb + 1);
  return r;
}

static uint64_t str_hash(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  while (*s) {
    h = (h ^ (uint8_t)*s) * 1099511628211ULL;
    s++;
  }
  return h;
}

void c2safe_test(uint64_t *out) {
  char buf[32] = "  Hello safe world  ";
  out[0] = my_strlen(buf);
  char *t = str_trim(buf);
  out[1] = my_strlen(t);
  out[2] = (uint64_t)(t - buf);
  out[3] = (uint64_t)count_words(t);
  str_upper(t);
  out[4] = str_hash(t);
  str_reverse(t);
  out[5] = str_hash(t);
  out[6] = (uint64_t)(uint8_t)t[0];
  const char *f = str_find("find the needle here", "needle");
  out[7] = f == NULL ? 999 : my_strlen(f);
  out[8] = str_find("abc", "zz") == NULL;
  out[9] = (uint64_t)(int64_t)my_atoi("  -1234xyz");
  out[10] = (uint64_t)my_atoi("+77");
  char *c = str_concat("foo", "barbaz");
  out[11] = my_strlen(c);
  out[12] = str_hash(c);
  out[13] = (uint64_t)strcmp(c, "foobarbaz");
  free(c);
}
