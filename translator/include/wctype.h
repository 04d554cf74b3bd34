#ifndef C2SAFE_WCTYPE_H
#define C2SAFE_WCTYPE_H
#include <c2safe_types.h>
int iswalpha(wint_t c);
int iswdigit(wint_t c);
int iswspace(wint_t c);
int iswupper(wint_t c);
int iswlower(wint_t c);
int iswalnum(wint_t c);
wint_t towlower(wint_t c);
wint_t towupper(wint_t c);
#endif
