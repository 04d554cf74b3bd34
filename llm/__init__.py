"""c2safe llm package."""
