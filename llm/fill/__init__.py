"""c2safe llm.fill: fill the functions the translation rules stubbed, with an LLM whose
candidates are screened, compiled and tested before they are accepted.

Modules: ``retrieval`` (type-based example retrieval + the examples store), ``prompt``
(prompt assembly and crate context), ``rustlex`` (a Rust tokenizer), ``screen`` (the safety
screen for untrusted candidates), ``splice`` (replace one function's text), ``verify`` (cargo
test and the differential-test hook), ``loop`` (the verify loop), ``local_model`` (the
bundled SmolLM2 served by llama-cpp-python) and ``cli`` (``--llm`` for ``c2safe translate``).
See ``llm/fill/README.md``.
"""
