"""Known-answer tests for the translated NSS HACL* crate (vectors, generator, harnesses)."""
