/* c2safe: SIMD intrinsics have no safe-Rust translation. */
#error "c2safe-simd: SIMD intrinsics are not supported (intrin.h)"
