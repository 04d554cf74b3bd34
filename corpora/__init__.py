"""c2safe corpora package."""
