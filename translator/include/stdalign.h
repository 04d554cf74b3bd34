#ifndef C2SAFE_STDALIGN_H
#define C2SAFE_STDALIGN_H
#define alignas _Alignas
#define alignof _Alignof
#endif
