#ifndef C2SAFE_WCHAR_H
#define C2SAFE_WCHAR_H
#include <c2safe_types.h>
#include <stdio.h>
#define WEOF ((wint_t)-1)
size_t wcslen(const wchar_t *s);
int wcscmp(const wchar_t *a, const wchar_t *b);
wchar_t *wcscpy(wchar_t *d, const wchar_t *s);
size_t mbrtowc(wchar_t *pwc, const char *s, size_t n, mbstate_t *ps);
size_t wcrtomb(char *s, wchar_t wc, mbstate_t *ps);
int wprintf(const wchar_t *fmt, ...);
#endif
