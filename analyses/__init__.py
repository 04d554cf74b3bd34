"""c2safe analyses package."""
