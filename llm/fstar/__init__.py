"""F* synthesis: definitions from their types, with type-based retrieval and the F* checker.

Modules: `dataset` (FStarDataSet records), `syntax`/`parse_type`/`print_type` (F* types),
`retrieval` (related examples and premises), `prompt`, `checker` (fstar.exe client),
`synth` (the verify loop), `evaluate` (pass@k), `cli` (`c2safe fstar ...`), `samples`
(the team's own sample set). See README.md in this directory.
"""
