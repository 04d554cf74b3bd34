"""c2safe translator: C sources -> typed C IR -> safe Rust crate."""

__version__ = "0.1.0"
