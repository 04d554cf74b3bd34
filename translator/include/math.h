/* c2safe libc: math (written for c2safe). long double is double for c2safe. */
#ifndef C2SAFE_MATH_H
#define C2SAFE_MATH_H
#define HUGE_VAL (1.0 / 0.0)
#define HUGE_VALF (1.0f / 0.0f)
#define INFINITY (1.0f / 0.0f)
#define NAN (0.0f / 0.0f)
#define M_E 2.7182818284590452354
#define M_LOG2E 1.4426950408889634074
#define M_LOG10E 0.43429448190325182765
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_1_PI 0.31830988618379067154
#define M_2_PI 0.63661977236758134308
#define M_SQRT2 1.41421356237309504880
#define M_SQRT1_2 0.70710678118654752440
#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4
#define C2SAFE_MATH1(f) double f(double x); float f##f(float x);
#define C2SAFE_MATH2(f) double f(double x, double y); float f##f(float x, float y);
C2SAFE_MATH1(sqrt) C2SAFE_MATH1(cbrt) C2SAFE_MATH1(fabs) C2SAFE_MATH1(floor)
C2SAFE_MATH1(ceil) C2SAFE_MATH1(round) C2SAFE_MATH1(trunc) C2SAFE_MATH1(rint)
C2SAFE_MATH1(nearbyint) C2SAFE_MATH1(exp) C2SAFE_MATH1(exp2) C2SAFE_MATH1(expm1)
C2SAFE_MATH1(log) C2SAFE_MATH1(log2) C2SAFE_MATH1(log10) C2SAFE_MATH1(log1p)
C2SAFE_MATH1(sin) C2SAFE_MATH1(cos) C2SAFE_MATH1(tan) C2SAFE_MATH1(asin)
C2SAFE_MATH1(acos) C2SAFE_MATH1(atan) C2SAFE_MATH1(sinh) C2SAFE_MATH1(cosh)
C2SAFE_MATH1(tanh) C2SAFE_MATH1(asinh) C2SAFE_MATH1(acosh) C2SAFE_MATH1(atanh)
C2SAFE_MATH1(erf) C2SAFE_MATH1(erfc) C2SAFE_MATH1(tgamma) C2SAFE_MATH1(lgamma)
C2SAFE_MATH1(logb)
C2SAFE_MATH2(pow) C2SAFE_MATH2(atan2) C2SAFE_MATH2(fmod) C2SAFE_MATH2(hypot)
C2SAFE_MATH2(fmin) C2SAFE_MATH2(fmax) C2SAFE_MATH2(fdim) C2SAFE_MATH2(copysign)
C2SAFE_MATH2(remainder) C2SAFE_MATH2(nextafter)
#undef C2SAFE_MATH1
#undef C2SAFE_MATH2
double fma(double x, double y, double z);
double ldexp(double x, int e);
double frexp(double x, int *e);
double modf(double x, double *ip);
double scalbn(double x, int e);
long lround(double x);
long long llround(double x);
long lrint(double x);
int ilogb(double x);
double nan(const char *tag);
int isnan(double x);
int isinf(double x);
int isfinite(double x);
int isnormal(double x);
int signbit(double x);
int fpclassify(double x);
#endif
