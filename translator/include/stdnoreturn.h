#ifndef C2SAFE_STDNORETURN_H
#define C2SAFE_STDNORETURN_H
#define noreturn _Noreturn
#endif
