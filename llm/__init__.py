"""c2safe llm package: the parts of c2safe that call a language model.

`client` (the chat client behind the `ChatClient` protocol, with budget and cache layers),
`cache` (the sqlite reply cache) and `fstar` (F* synthesis from types, with its own checker).
"""
