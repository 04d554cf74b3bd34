/* Tokenizer and recursive-descent evaluator over a const char ** cursor. */
#include <stdint.h>
#include <stdlib.h>

enum { TOK_NUM, TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_LP, TOK_RP, TOK_END };

typedef struct {
  int kind;
  long value;
} token;

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int tokenize(const char *s, token *toks, int max) {
  int n = 0;
  while (*s && n < max - 1) {
    char c = *s;
    if (c == ' ') {
      s++;
      continue;
    }
    if (is_digit(c)) {
      long v = 0;
      while (is_digit(*s)) {
        v = v * 10 + (*s - '0');
        s++;
      }
      toks[n].kind = TOK_NUM;
      toks[n].value = v;
      n++;
      continue;
    }
    int k = c == '+' ? TOK_PLUS : c == '-' ? TOK_MINUS : c == '*' ? TOK_STAR : c == '(' ? TOK_LP : TOK_RP;
    toks[n].kind = k;
    toks[n].value = 0;
    n++;
    s++;
  }
  toks[n].kind = TOK_END;
  toks[n].value = 0;
  return n;
}

static long parse_expr(const token **cur);

static long parse_atom(const token **cur) {
  const token *t = *cur;
  if (t->kind == TOK_NUM) {
    *cur = t + 1;
    return t->value;
  }
  if (t->kind == TOK_MINUS) {
    *cur = t + 1;
    return -parse_atom(cur);
  }
  if (t->kind == TOK_LP) {
    *cur = t + 1;
    long v = parse_expr(cur);
    (*cur)++;
    return v;
  }
  return 0;
}

static long parse_term(const token **cur) {
  long v = parse_atom(cur);
  while ((*cur)->kind == TOK_STAR) {
    (*cur)++;
    v = v * parse_atom(cur);
  }
  return v;
}

static long parse_expr(const token **cur) {
  long v = parse_term(cur);
  for (;;) {
    int k = (*cur)->kind;
    if (k == TOK_PLUS) {
      (*cur)++;
      v += parse_term(cur);
    } else if (k == TOK_MINUS) {
      (*cur)++;
      v -= parse_term(cur);
    } else {
      break;
    }
  }
  return v;
}

long eval(const char *src) {
  token *toks = malloc(64 * sizeof(token));
  tokenize(src, toks, 64);
  const token *cur = toks;
  long v = parse_expr(&cur);
  free(toks);
  return v;
}

void c2safe_test(uint64_t *out) {
  out[0] = (uint64_t)eval("1 + 2 * 3");
  out[1] = (uint64_t)eval("(1 + 2) * 3");
  out[2] = (uint64_t)eval("2 * (3 + 4) * 5 - 6");
  out[3] = (uint64_t)eval("-(7 - 10) * -2");
  out[4] = (uint64_t)eval("123456 * 1000 + 789");
  token toks[8];
  out[5] = (uint64_t)tokenize("1+2+3+4+5+6+7+8", toks, 8);
  out[6] = (uint64_t)toks[7].kind;
}
