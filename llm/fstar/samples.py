"""The team's own F* sample set: `data/samples/*.fst` -> FStarDataSet records (`samples.jsonl`).

Each goal in a sample module is a `val` plus its `let`, preceded by a marker comment
`(* @goal simply|dependent|proof [key=value ...] *)`; `key=value` pairs become the record's
`vconfig` (on top of F*'s defaults). Everything else in a module is context. A record's
`file_context` is the module text before its marker, markers removed, as in the dataset.

Guarantees: generation is deterministic, so `samples.jsonl` can be checked for staleness
(`python -m llm.fstar.samples --check`); every record has the fields `dataset.load_entries`
reads, including the answer fields, which the loader keeps out of model input.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from llm.fstar.parse_type import parse_signature
from llm.fstar.syntax import Comp

SAMPLES_DIR = Path(__file__).parent / "data" / "samples"
SAMPLES_JSONL = Path(__file__).parent / "data" / "samples.jsonl"

_MARKER = re.compile(r"^\(\* @goal (simply|dependent|proof)((?:\s+\w+=\S+)*)\s*\*\)\s*$")
_DEFAULT_VCONFIG: dict[str, Any] = {
    "initial_fuel": 2, "max_fuel": 8, "initial_ifuel": 1, "max_ifuel": 2, "z3rlimit": 5,
    "z3rlimit_factor": 1, "z3seed": 0, "z3cliopt": [], "z3smtopt": [], "z3refresh": False,
    "smtencoding_elim_box": False, "smtencoding_nl_arith_repr": "boxwrap",
    "smtencoding_l_arith_repr": "boxwrap", "smtencoding_valid_intro": True,
    "smtencoding_valid_elim": False, "retry": False, "tcnorm": True, "no_plugins": False,
    "no_smt": False, "no_tactics": False, "quake_lo": 1, "quake_hi": 1, "quake_keep": False,
    "reuse_hint_for": None, "trivial_pre_for_unannotated_effectful_fns": True,
}  # fmt: skip
_EFFECTS = {
    "Lemma": "FStar.Pervasives.Lemma",
    "ST": "FStar.ST.ST",
    "Stack": "FStar.HyperStack.ST.Stack",
}
_LIBRARY = frozenset({"length", "hd", "tl", "append_length", "sel", "addr_of"})


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _records_of_module(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text("utf-8").splitlines()
    module = lines[0].split()[1]
    opens = [ln.split()[1] for ln in lines if ln.startswith("open ")]
    records: list[dict[str, Any]] = []
    declared: list[str] = []
    for i, line in enumerate(lines):
        for m in re.finditer(r"^(?:val|let rec|let|type)\s+([A-Za-z_][\w']*)", line):
            declared.append(m.group(1))
        marker = _MARKER.match(line)
        if not marker:
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _MARKER.match(lines[j]):
            j += 1
        block = lines[i + 1 : j]
        let_at = next(k for k, ln in enumerate(block) if ln.startswith("let"))
        val_text = "\n".join(block[:let_at]).strip()
        definition = "\n".join(block[let_at:]).strip()
        sig = parse_signature(val_text)
        context_lines = [ln for ln in lines[:i] if not _MARKER.match(ln)]
        category = marker.group(1)
        options = dict(kv.split("=", 1) for kv in marker.group(2).split())
        vconfig = {**_DEFAULT_VCONFIG, **{k: _value(v) for k, v in options.items()}}
        comp = sig.type.result if hasattr(sig.type, "result") else sig.type
        effect_short = comp.effect_short if isinstance(comp, Comp) else "Tot"
        used = set(re.findall(r"[A-Za-z_][\w']*", definition.split("=", 1)[1]))
        premises = sorted(
            {f"{module}.{n}" for n in declared if n in used and n != sig.name}
            | {f"FStar.List.Tot.Base.{n}" for n in _LIBRARY & used}
        )
        header = definition.split("=", 1)[0] + "="
        records.append(
            {
                "name": f"{module}.{sig.name}",
                "file_name": path.name,
                "source": {
                    "project_name": "c2safe-samples",
                    "file_name": path.name,
                    "git_url": "",
                    "git_rev": "",
                },  # fmt: skip
                "source_range": {
                    "file_name": path.name,
                    "start_line": i + 2,
                    "start_col": 0,
                    "end_line": j,
                    "end_col": len(lines[j - 1]),
                },  # fmt: skip
                "source_type": val_text,
                "original_source_type": val_text,
                "source_definition": definition,
                "completed_definiton": val_text + "\n" + definition,
                "partial_definition": header,
                "ideal_premises": premises,
                "file_context": "\n".join(context_lines).rstrip() + "\n",
                "opens_and_abbrevs": [
                    {"abbrev": False, "short_module": None, "full_module": m}
                    for m in [*reversed(opens), "FStar.Pervasives", "Prims"]
                ],
                "dependencies": [
                    {
                        "source_file": path.name,
                        "checked_file": path.name + ".checked",
                        "interface_file": False,
                        "dependencies": [*opens, "FStar.Pervasives", "prims"],
                    }
                ],  # fmt: skip
                "vconfig": vconfig,
                "interleaved": False,
                "verbose_type": "",
                "effect": _EFFECTS.get(effect_short, f"Prims.{effect_short}"),
                "effect_flags": [],
                "mutual_with": [],
                "proof_features": ["recursion"] if definition.startswith("let rec") else [],
                "is_simple_lemma": category == "proof" and definition.rstrip().endswith("= ()"),
                "is_div": False,
                "is_proof": category == "proof",
                "is_simply_typed": category == "simply",
                "is_type": False,
                "isa_cross_project_example": False,
            }
        )
    return records


def build_records(directory: Path = SAMPLES_DIR) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.fst")):
        records.extend(_records_of_module(path))
    return records


def render_jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if samples.jsonl is stale")
    args = parser.parse_args(argv)
    text = render_jsonl(build_records())
    if args.check:
        current = SAMPLES_JSONL.read_text("utf-8") if SAMPLES_JSONL.is_file() else ""
        if current != text:
            print(f"{SAMPLES_JSONL} is stale: run python -m llm.fstar.samples", file=sys.stderr)
            return 1
        return 0
    SAMPLES_JSONL.write_text(text, "utf-8")
    print(f"wrote {SAMPLES_JSONL} ({text.count(chr(10))} records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
