#ifndef C2SAFE_ASSERT_H
#define C2SAFE_ASSERT_H
void abort(void);
#define assert(e) ((e) ? (void)0 : abort())
#endif
