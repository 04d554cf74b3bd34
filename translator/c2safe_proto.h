/* c2safe difftest, prototype-driven method: what the generated runner code uses
 * (see difftest_proto_rt.c). */
#ifndef C2SAFE_PROTO_H
#define C2SAFE_PROTO_H
#include <setjmp.h>
#include <stddef.h>

#ifndef C2SAFE_CASE_SECONDS
#define C2SAFE_CASE_SECONDS 10
#endif

typedef struct {
  const char *s;
} c2safe_rd;

extern jmp_buf c2safe_dt_jmp;
int c2safe_dt_exit_code(void);
void c2safe_fail(const char *why);
const char *c2safe_tok(c2safe_rd *r);
unsigned long long c2safe_u(c2safe_rd *r);
long long c2safe_i(c2safe_rd *r);
void c2safe_hex_into(c2safe_rd *r, void *dst, size_t n);
void *c2safe_alloc(int param, size_t bytes, size_t elem);
void *c2safe_buf(c2safe_rd *r, int param, size_t elem, size_t *count);
void c2safe_out(const char *s);
void c2safe_out_u(unsigned long long v);
void c2safe_out_i(long long v);
void c2safe_out_hex(const void *p, size_t n);
void c2safe_dispatch(int fid, c2safe_rd *r);
#endif
