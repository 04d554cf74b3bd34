"""Known-answer tests for translated HACL* crates (vectors, generators, C and Rust harnesses)."""
