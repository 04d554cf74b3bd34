/* Data-driven mutability facts: each `expect-mut` line lists the pointer parameters
   the analysis must find written (directly, through aliases, or through callees). */
#include <stdint.h>
#include <string.h>

typedef struct st_s { uint32_t *words; uint64_t n; } st;

/* expect-mut: write_direct: out */
void write_direct(uint32_t *out, uint32_t *in) { out[0] = in[0]; }

/* expect-mut: via_alias: a */
void via_alias(uint32_t *a, uint32_t *b) { uint32_t *a1 = a + 4U; a1[1] = b[2]; }

/* expect-mut: via_callee: x */
void via_callee(uint32_t *x, uint32_t *y) { write_direct(x, y); }

/* expect-mut: via_memcpy: dst */
void via_memcpy(uint8_t *dst, uint8_t *src) { memcpy(dst + 1U, src, 3U); }

/* expect-mut: via_field: s */
void via_field(st *s) { st t = *s; uint32_t *w = t.words; w[0] = 1U; }

/* expect-mut: read_only: */
uint32_t read_only(uint32_t *p, st *s) { return p[1] + s->words[0]; }

/* expect-mut: rec_a: p */
void rec_b(uint32_t *q, uint32_t n);
void rec_a(uint32_t *p, uint32_t n) { if (n > 0U) rec_b(p, n - 1U); }
/* expect-mut: rec_b: q */
void rec_b(uint32_t *q, uint32_t n) { if (n == 0U) { q[0] = 7U; } else { rec_a(q, n - 1U); } }

/* expect-mut: deref_store: p */
void deref_store(uint64_t *p) { *p = *p + 1U; }

/* karamel #671: assignment into a field of an indexed struct */
typedef struct cell_s { uint32_t v; uint32_t w; } cell;
/* expect-mut: indexed_field: cells */
void indexed_field(cell *cells, uint32_t i) { cells[i].v = 3U; }

/* karamel #606: store through a plain dereferenced alias */
/* expect-mut: deref_alias: p */
void deref_alias(uint32_t *p) { uint32_t *q = p + 2U; *q = 9U; }

/* a read through a struct's pointer field does not make the struct parameter mutable */
/* expect-mut: field_read: */
uint32_t field_read(st *s) { return s->words[3U]; }
