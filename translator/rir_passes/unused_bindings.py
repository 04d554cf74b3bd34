"""No unused bindings and no initial values that are overwritten before they are read.

After this pass, in every function:

* a ``for`` variable the body never reads is ``_``;
* a ``let x = init;`` whose ``x`` is never mentioned again is gone when ``init`` is
  call-free, and is ``let _ = init;`` otherwise (the call still runs);
* ``let x = x;`` that only re-binds a parameter without ``mut`` is gone;
* a parameter the body never mentions is named ``_x`` (the C name, marked unused), except
  in a stub (it allows ``unused_variables``: a later fill writes its body against the names);
* ``let mut x: T = <literal>;`` directly followed (source markers aside) by ``x = e;`` is
  ``let mut x: T = e;``; directly followed by an ``if``/``else`` chain each of whose
  branches ends by assigning ``x`` (and mentions it nowhere else) it is
  ``let mut x: T = if c { ..; e1 } else { ..; e2 };`` -- the overwritten literal is gone
  (``infer_mut`` then decides ``mut``); when every path after it assigns ``x`` before
  reading it (``if``/``else`` and ``match`` branches included) it is ``let x: T;``, ``mut``
  only if ``x`` is assigned more often than at those initialising assignments.

Run before ``infer_mut``, and once more after it (a parameter re-bound ``mut`` that
``infer_mut`` found immutable leaves ``let x = x;``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import partial

from translator import rust_ir as R
from translator.rir_passes.common import is_pure, map_fns, mentions
from translator.rir_visit import nodes, rewrite


def _same(new: list[R.Stmt], old: tuple[R.Stmt, ...]) -> bool:
    return len(new) == len(old) and all(x is y for x, y in zip(new, old, strict=True))


def _literal(e: R.Expr | None) -> bool:
    return isinstance(e, R.Int | R.Float | R.Bool)


def _valued(b: R.Block, name: str) -> R.Block | None:
    """``{ ..; name = v; }`` (no other mention of ``name``) as ``{ ..; v }``, else None."""
    stmts = list(b.stmts)
    while stmts and isinstance(stmts[-1], R.SourcePos):
        stmts.pop()
    if b.value is not None or b.label is not None or not stmts:
        return None
    last = stmts[-1]
    if not (isinstance(last, R.Assign) and last.op is None and last.place == R.Path(name)):
        return None
    if mentions(last.value, name) or any(mentions(s, name) for s in stmts[:-1]):
        return None
    return R.Block(tuple(stmts[:-1]), last.value)


def _as_value(s: R.Stmt, name: str) -> R.IfExpr | None:
    """An ``if``/``else`` chain each of whose branches ends by assigning ``name`` (and
    mentions it nowhere else), as the value it assigns."""
    if not isinstance(s, R.If) or s.other is None or mentions(s.cond, name):
        return None
    then = _valued(s.then, name)
    if then is None:
        return None
    if isinstance(s.other, R.If):
        rest = _as_value(s.other, name)
        other = None if rest is None else R.Block((), rest)
    else:
        other = _valued(s.other, name)
    return None if other is None else R.IfExpr(s.cond, then, other)


def _init_sites(s: R.Stmt | R.Block, name: str) -> list[R.Assign] | None:
    """The assignments that initialise ``name`` when every path through ``s`` assigns it
    before reading it (None when some path may read it first or never assign it)."""
    match s:
        case R.Block(stmts=stmts, value=v, label=None):
            for x in stmts:
                if isinstance(x, R.SourcePos) or not mentions(x, name):
                    continue
                return _init_sites(x, name)
            return None if v is None or mentions(v, name) else None
        case R.Assign(place=R.Path(name=n), value=v, op=None) if n == name:
            return None if mentions(v, name) else [s]
        case R.If(cond=c, then=t, other=o) if o is not None and not mentions(c, name):
            a, b = _init_sites(t, name), _init_sites(o, name)
            return None if a is None or b is None else a + b
        case R.Match(scrut=e, arms=arms) if not mentions(e, name):
            sites: list[R.Assign] = []
            for arm in arms:
                one = _init_sites(arm.body, name)
                if one is None:
                    return None
                sites += one
            return sites
        case _:
            return None


def _block(b: R.Block, assigns: Counter[str]) -> R.Block:
    stmts = list(b.stmts)
    out: list[R.Stmt] = []
    i = 0
    while i < len(stmts):
        s = stmts[i]
        if isinstance(s, R.Let) and len(s.names) == 1 and s.mut and _literal(s.init):
            name = s.names[0]
            j = i + 1
            while j < len(stmts) and isinstance(stmts[j], R.SourcePos):
                j += 1
            nxt = stmts[j] if j < len(stmts) else None
            if (
                isinstance(nxt, R.Assign)
                and nxt.op is None
                and nxt.place == R.Path(name)
                and not mentions(nxt.value, name)
            ):
                out.append(replace(s, init=nxt.value))
                out.extend(stmts[i + 1 : j])
                i = j + 1
                continue
            value = None if nxt is None else _as_value(nxt, name)
            if value is not None:
                out.append(replace(s, init=value))
                out.extend(stmts[i + 1 : j])
                i = j + 1
                continue
            sites = _init_sites(R.Block(tuple(stmts[i + 1 :]), b.value), name)
            if sites is not None:
                # declared without a value; ``mut`` only if assigned beyond its initialisation
                out.append(replace(s, init=None, mut=assigns[name] > len(sites)))
                i += 1
                continue
        out.append(s)
        i += 1
    return b if _same(out, b.stmts) else replace(b, stmts=tuple(out))


def _fn(f: R.Fn) -> R.Fn:
    assigns: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for n in nodes(f.body):
        if isinstance(n, R.Path):
            uses[n.name] += 1
        elif isinstance(n, R.Assign) and isinstance(n.place, R.Path):
            assigns[n.place.name] += 1
    body = rewrite(f.body, lambda n: _block(n, assigns) if isinstance(n, R.Block) else n)
    params = {p.name for p in f.params}
    # dropping a binding can leave the one it was copied from unused: the counts are kept
    # up to date as bindings go, statements are visited last to first, and a second round
    # catches a binding whose last use was in a block visited before it
    for _ in range(2):
        before = body
        body = rewrite(body, partial(_drop, uses=uses, params=params))
        if body is before:
            break
    if "unused_variables" in f.allow:
        return replace(f, body=body)  # a stub: its parameter names are kept
    new_params = tuple(
        p
        if uses[p.name] or p.name.startswith("_")
        else replace(p, name="_" + p.name.removeprefix("r#"))
        for p in f.params
    )
    return replace(f, body=body, params=new_params)


def _drop(n: object, uses: Counter[str], params: set[str]) -> object:
    if isinstance(n, R.For) and n.var != "_" and uses[n.var] == 0:
        return replace(n, var="_")
    if not isinstance(n, R.Block):
        return n
    kept: list[R.Stmt] = []
    for s in reversed(n.stmts):
        if isinstance(s, R.Let) and len(s.names) == 1 and s.names[0] != "_":
            name = s.names[0]
            if s.init == R.Path(name) and not s.mut and name in params:
                uses[name] -= 1
                continue  # ``let x = x;``
            if uses[name] == 0 and s.init is not None:
                if not is_pure(s.init):
                    kept.append(replace(s, names=("_",), mut=False, ty=None))
                    continue
                for x in nodes(s.init):
                    if isinstance(x, R.Path):
                        uses[x.name] -= 1
                continue
        kept.append(s)
    kept.reverse()
    return n if _same(kept, n.stmts) else replace(n, stmts=tuple(kept))


def run(m: R.Module) -> R.Module:
    return map_fns(m, _fn)
