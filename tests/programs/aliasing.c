/* Aliasing shapes of verified crypto C: in-place field arithmetic (the same buffer
   read and written), disjoint sub-buffers of one base (split at the call), offsets
   taken out of order, and reads of the base after sub-buffers were taken. */
#include <stdint.h>
#include <string.h>

/* out = a * b mod 2^64 limb-wise, reading all of a and b before writing (in-place safe) */
static void fmul4(uint64_t *out, uint64_t *a, uint64_t *b) {
  uint64_t t[4U] = { 0U };
  for (uint32_t i = 0U; i < 4U; i++) {
    t[i] = a[i] * b[3U - i] + a[(i + 1U) % 4U];
  }
  memcpy(out, t, 4U * sizeof (uint64_t));
}

static void fadd4(uint64_t *out, uint64_t *a, uint64_t *b) {
  for (uint32_t i = 0U; i < 4U; i++) {
    out[i] = a[i] + b[i];
  }
}

static void swap_halves(uint64_t *lo, uint64_t *hi) {
  for (uint32_t i = 0U; i < 4U; i++) {
    uint64_t x = lo[i];
    lo[i] = hi[i];
    hi[i] = x;
  }
}

void c2safe_test(uint64_t *out) {
  uint64_t buf[16U] = { 0U };
  for (uint32_t i = 0U; i < 16U; i++) {
    buf[i] = (uint64_t)i * 0x9e3779b97f4a7c15ULL + 1U;
  }
  uint64_t *x0 = buf;
  uint64_t *x2 = buf + 8U;   /* taken out of order */
  uint64_t *x1 = buf + 4U;
  uint64_t *x3 = buf + 12U;
  fmul4(x0, x0, x1);        /* in place: out aliases a */
  fadd4(x2, x2, x2);        /* out aliases both inputs */
  fmul4(x3, x1, x0);        /* three disjoint sub-buffers of one base */
  swap_halves(x1, x3);      /* two written sub-buffers of one base */
  fadd4(x0, x3, x2);
  for (uint32_t i = 0U; i < 16U; i++) {
    out[i] = buf[i];        /* the base, read after the sub-buffers */
  }
}
