/* c2safe libc: stdarg (written for c2safe). va_arg's type becomes a sizeof the
   lowering reads back; variadic definitions are refused with a code. */
#ifndef C2SAFE_STDARG_H
#define C2SAFE_STDARG_H
typedef struct c2safe_va_list_s *va_list;
typedef va_list __builtin_va_list;
typedef va_list __gnuc_va_list;
void c2safe_va_start(va_list ap);
void *c2safe_va_arg(va_list ap);
void c2safe_va_end(va_list ap);
void c2safe_va_copy(va_list dst, va_list src);
#define va_start(ap, last) c2safe_va_start(ap)
#define va_arg(ap, T) (*(T *)c2safe_va_arg(ap))
#define va_end(ap) c2safe_va_end(ap)
#define va_copy(d, s) c2safe_va_copy(d, s)
#endif
