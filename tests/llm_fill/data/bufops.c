/* Small buffer utilities, in the style of a protocol library.
 * Some functions are in the translator's subset, some are not (goto cleanup,
 * string literals, pointer reassignment in loops). */
#include <stdint.h>
#include <stddef.h>

typedef struct stats_s {
  uint32_t count;
  uint32_t total;
} stats_t;

/* In the subset: a plain checksum over a buffer. */
uint32_t sum_bytes(const uint8_t *buf, uint32_t len)
{
  uint32_t acc = 0U;
  for (uint32_t i = 0U; i < len; i++) {
    acc = acc + (uint32_t)buf[i];
  }
  return acc;
}

/* In the subset: count non-zero bytes. */
uint32_t count_nonzero(const uint8_t *buf, uint32_t len)
{
  uint32_t n = 0U;
  for (uint32_t i = 0U; i < len; i++) {
    if (buf[i] != 0U) {
      n = n + 1U;
    }
  }
  return n;
}

/* In the subset: fill a buffer with one value. */
void fill_bytes(uint8_t *dst, uint32_t len, uint8_t value)
{
  for (uint32_t i = 0U; i < len; i++) {
    dst[i] = value;
  }
}

/* Not in the subset: goto for cleanup. Validates a header, returns 0 or an error. */
int32_t check_header(const uint8_t *hdr, uint32_t len, stats_t *st)
{
  int32_t rc = 0;
  if (len < 4U) {
    rc = -1;
    goto done;
  }
  if (hdr[0] != 0x7fU) {
    rc = -2;
    goto done;
  }
  st->count = st->count + 1U;
  st->total = st->total + len;
done:
  return rc;
}

/* Not in the subset: a string literal. Clears the output, then writes the tag. */
uint32_t write_tag(uint8_t *out, uint32_t len)
{
  const char *tag = "c2s!";
  if (len < 4U) {
    return 0U;
  }
  fill_bytes(out, len, 0U);
  for (uint32_t i = 0U; i < 4U; i++) {
    out[i] = (uint8_t)tag[i];
  }
  return 4U;
}

/* Not in the subset: pointer reassignment in a loop. XORs 16-byte blocks into acc. */
void xor_blocks(uint8_t *acc, const uint8_t *data, uint32_t nblocks)
{
  const uint8_t *p = data;
  for (uint32_t b = 0U; b < nblocks; b++) {
    for (uint32_t i = 0U; i < 16U; i++) {
      acc[i] = acc[i] ^ p[i];
    }
    p += 16;
  }
}
