/* c2safe difftest, prototype-driven method: the C runner's runtime.
 *
 * The runner is an ordinary executable built with gcc -fsanitize=address,undefined
 * -fno-sanitize-recover=all. It reads one case per line from the file named by argv[1]
 * ("fid cid token..."), and runs every case in a forked child so that a sanitizer report,
 * a crash or a hang ends that case only. It prints, on stdout:
 *   R cid {json}    the case ran: {"ok":1,"ret":..,"args":{..}} or {"exit":code}
 *   O cid k off     AddressSanitizer reported an access `off` elements into buffer k
 *                   (parameter index k): the buffer was too small for this input
 *   X cid status    the child ended without a result (exit status, or 1000 + signal)
 * The generated part (c2safe_dispatch, one case function per function under test) is
 * linked with this file. */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sanitizer/asan_interface.h>

#include "c2safe_proto.h"

jmp_buf c2safe_dt_jmp;
static int exit_code;
static long long cur_cid = -1;

typedef struct {
  int param;
  unsigned char *p;
  size_t bytes;
  size_t elem;
} reg_t;
static reg_t regs[64];
static int nregs;

__attribute__((noreturn)) void __wrap_exit(int code) {
  exit_code = code;
  longjmp(c2safe_dt_jmp, 1);
}
__attribute__((noreturn)) void __wrap_abort(void) {
  exit_code = 134;
  longjmp(c2safe_dt_jmp, 1);
}
int c2safe_dt_exit_code(void) { return exit_code; }

static void put_raw(const char *s) {
  size_t n = strlen(s);
  while (n) {
    ssize_t w = write(1, s, n);
    if (w <= 0) return;
    s += w;
    n -= (size_t)w;
  }
}

/* Called by AddressSanitizer before it reports: name the buffer the access fell after. */
void __asan_on_error(void) {
  unsigned char *a = __asan_get_report_address();
  int best = -1;
  for (int i = 0; i < nregs; i++) {
    if (a >= regs[i].p && (best < 0 || regs[i].p > regs[best].p)) best = i;
  }
  if (best < 0 || a < regs[best].p + regs[best].bytes) return;
  char line[96];
  size_t off = (size_t)(a - regs[best].p) / (regs[best].elem ? regs[best].elem : 1);
  snprintf(line, sizeof line, "O %lld %d %zu\n", cur_cid, regs[best].param, off);
  put_raw(line);
}

void c2safe_fail(const char *why) {
  fprintf(stderr, "c2safe runner: %s\n", why);
  _exit(3);
}

const char *c2safe_tok(c2safe_rd *r) {
  while (*r->s == ' ') r->s++;
  if (!*r->s || *r->s == '\n') c2safe_fail("short case line");
  const char *t = r->s;
  while (*r->s && *r->s != ' ' && *r->s != '\n') r->s++;
  return t;
}

unsigned long long c2safe_u(c2safe_rd *r) {
  const char *t = c2safe_tok(r);
  return strtoull(t, NULL, 10);
}

long long c2safe_i(c2safe_rd *r) {
  const char *t = c2safe_tok(r);
  return strtoll(t, NULL, 10);
}

static int hexv(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  c2safe_fail("bad hex");
  return 0;
}

/* Bytes of a hex token into `dst` (exactly `n` bytes are expected). */
void c2safe_hex_into(c2safe_rd *r, void *dst, size_t n) {
  const char *t = c2safe_tok(r);
  size_t len = (size_t)(r->s - t);
  if (len == 1 && t[0] == '.') len = 0;
  if (len != 2 * n) c2safe_fail("hex token of the wrong length");
  unsigned char *d = dst;
  for (size_t i = 0; i < n; i++) d[i] = (unsigned char)(hexv(t[2 * i]) << 4 | hexv(t[2 * i + 1]));
}

void *c2safe_alloc(int param, size_t bytes, size_t elem) {
  unsigned char *p = malloc(bytes ? bytes : 1);
  if (!p) c2safe_fail("out of memory");
  if (!bytes) {
    free(p);
    p = malloc(0); /* a zero-sized block: any access is reported */
  }
  if (nregs < 64) regs[nregs++] = (reg_t){param, p, bytes, elem};
  return p;
}

/* A hex token into a new exact-size buffer for parameter `param`. */
void *c2safe_buf(c2safe_rd *r, int param, size_t elem, size_t *count) {
  const char *t = c2safe_tok(r);
  size_t len = (size_t)(r->s - t);
  if (len == 1 && t[0] == '.') len = 0;
  size_t bytes = len / 2;
  unsigned char *p = c2safe_alloc(param, bytes, elem);
  for (size_t i = 0; i < bytes; i++) p[i] = (unsigned char)(hexv(t[2 * i]) << 4 | hexv(t[2 * i + 1]));
  *count = elem ? bytes / elem : 0;
  return p;
}

void c2safe_out(const char *s) { fputs(s, stdout); }
void c2safe_out_u(unsigned long long v) { printf("%llu", v); }
void c2safe_out_i(long long v) { printf("%lld", v); }
void c2safe_out_hex(const void *p, size_t n) {
  const unsigned char *b = p;
  putchar('"');
  for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
  putchar('"');
}

static void run_child(const char *line) {
  c2safe_rd r = {line};
  int fid = (int)c2safe_i(&r);
  cur_cid = c2safe_i(&r);
  alarm(C2SAFE_CASE_SECONDS);
  printf("R %lld ", cur_cid);
  c2safe_dispatch(fid, &r);
  putchar('\n');
  fflush(stdout);
  _exit(0);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  FILE *f = fopen(argv[1], "r");
  if (!f) return 2;
  char *line = NULL;
  size_t cap = 0;
  setvbuf(stdout, NULL, _IOFBF, 1 << 16);
  while (getline(&line, &cap, f) > 0) {
    c2safe_rd r = {line};
    (void)c2safe_i(&r);
    long long cid = c2safe_i(&r);
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return 2;
    if (pid == 0) run_child(line);
    int st = 0;
    waitpid(pid, &st, 0);
    if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
      printf("X %lld %d\n", cid, WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st));
  }
  fflush(stdout);
  free(line);
  fclose(f);
  return 0;
}
