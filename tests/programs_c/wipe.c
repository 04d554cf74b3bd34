/* A byte-level wipe over any object, used by a small keyed MAC context. */
#include <stdint.h>
#include <string.h>

typedef struct {
  uint64_t state[4];
  uint8_t key[16];
  uint32_t counter;
} mac_ctx;

void crypto_wipe(void *secret, size_t size) {
  volatile uint8_t *v = (volatile uint8_t *)secret;
  for (size_t i = 0; i < size; i++) {
    v[i] = 0;
  }
}

static uint64_t rotl(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

void mac_init(mac_ctx *ctx, const uint8_t key[16]) {
  memcpy(ctx->key, key, 16);
  for (int i = 0; i < 4; i++) {
    uint64_t k = 0;
    for (int j = 0; j < 4; j++) {
      k = (k << 8) | key[4 * i + j];
    }
    ctx->state[i] = k ^ 0x736f6d6570736575ULL;
  }
  ctx->counter = 0;
}

void mac_update(mac_ctx *ctx, const uint8_t *msg, size_t len) {
  for (size_t i = 0; i < len; i++) {
    uint64_t *s = ctx->state;
    s[ctx->counter % 4] ^= msg[i];
    s[0] += s[1];
    s[1] = rotl(s[1], 13) ^ s[0];
    s[2] += s[3];
    s[3] = rotl(s[3], 16) ^ s[2];
    ctx->counter++;
  }
}

uint64_t mac_final(mac_ctx *ctx) {
  uint64_t r = ctx->state[0] ^ ctx->state[1] ^ ctx->state[2] ^ ctx->state[3];
  crypto_wipe(ctx, sizeof(mac_ctx));
  return r;
}

static int all_zero(const void *p, size_t n) {
  const uint8_t *b = p;
  uint8_t acc = 0;
  for (size_t i = 0; i < n; i++) {
    acc |= b[i];
  }
  return acc == 0;
}

void c2safe_test(uint64_t *out) {
  uint8_t key[16];
  for (int i = 0; i < 16; i++) {
    key[i] = (uint8_t)(i * 7 + 1);
  }
  mac_ctx ctx;
  mac_init(&ctx, key);
  uint8_t msg[40];
  for (int i = 0; i < 40; i++) {
    msg[i] = (uint8_t)(i ^ 0x5a);
  }
  mac_update(&ctx, msg, 40);
  out[0] = ctx.counter;
  out[1] = all_zero(&ctx, sizeof ctx);
  out[2] = mac_final(&ctx);
  out[3] = all_zero(&ctx, sizeof ctx);
  uint32_t words[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  crypto_wipe(words + 2, 3 * sizeof(uint32_t));
  for (int i = 0; i < 8; i++) {
    out[4 + i] = words[i];
  }
  crypto_wipe(key, sizeof key);
  out[12] = all_zero(key, 16);
}
