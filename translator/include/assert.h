#ifndef C2SAFE_ASSERT_H
#define C2SAFE_ASSERT_H
void abort(void);
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : abort())
#endif
#define static_assert _Static_assert
#endif
