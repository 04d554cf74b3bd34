"""Passes over RIR, one module each (KaRaMeL's ``OptimizeMiniRust`` cleanups). Each pass is
a function ``Module -> Module`` whose docstring says what holds afterwards; the driver
runs them as a recipe (``driver.rust_recipe``)."""
