"""Private apt: Debian source-package indexes without touching the system's apt state.

Guarantees:

* The archive URI is read from the machine's own apt configuration (deb822
  ``*.sources`` files and one-line ``sources.list`` / ``*.list`` files); no host name is
  written in this module. The main Debian archive is chosen, never a ``-security`` one,
  never a third-party repository.
* ``PrivateApt`` runs ``apt-get`` / ``apt-cache`` with every state and cache directory
  redirected into a directory it owns (``-o Dir::Etc::SourceList=/dev/null`` and
  friends): the system's sources, lists and caches are read-only to it.
* apt's exit status is recorded but never trusted as a success signal (a mirror can
  404 on files the index lists); callers judge success by what the index reports.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from corpora.errors import CorpusError

# Debian suite names (codenames and aliases); names, not hosts. Used to tell the
# Debian archive apart from third-party repositories that reuse "main".
DEBIAN_SUITES = frozenset(
    {
        "buzz", "rex", "bo", "hamm", "slink", "potato", "woody", "sarge", "etch", "lenny",
        "squeeze", "wheezy", "jessie", "stretch", "buster", "bullseye", "bookworm", "trixie",
        "forky", "duke", "sid", "stable", "oldstable", "oldoldstable", "testing", "unstable",
        "experimental",
    }
)  # fmt: skip

KEYRING_HINT = "debian-archive-keyring"


@dataclass(frozen=True)
class SourceEntry:
    """One apt source: a deb822 paragraph or a one-line ``deb`` / ``deb-src`` line."""

    types: tuple[str, ...]
    uris: tuple[str, ...]
    suites: tuple[str, ...]
    components: tuple[str, ...]
    signed_by: str | None
    origin: str  # "file:line", for messages
    enabled: bool = True


@dataclass(frozen=True)
class ArchiveChoice:
    """The Debian archive picked from the apt configuration."""

    uri: str
    signed_by: str | None
    origin: str


# --------------------------------------------------------------------------- parsing


def parse_deb822(text: str, origin: str) -> list[SourceEntry]:
    """Parse a deb822 ``.sources`` file. Comment lines (``#``) are skipped."""
    entries: list[SourceEntry] = []
    fields: dict[str, list[str]] = {}
    start = 0
    last: str | None = None

    def flush() -> None:
        if fields:
            entries.append(_entry_from_fields(fields, f"{origin}:{start}"))
        fields.clear()

    for lineno, raw in enumerate(text.splitlines(), 1):
        if raw.startswith("#"):
            continue
        if not raw.strip():
            flush()
            last = None
            continue
        if raw[0] in " \t":
            if last is not None:
                fields[last].append(raw)
            continue
        key, sep, value = raw.partition(":")
        if not sep:
            continue  # malformed line: apt would reject the file; ignore it here
        if not fields:
            start = lineno
        last = key.strip().lower()
        fields[last] = [value.strip()]
    flush()
    return entries


def _entry_from_fields(fields: dict[str, list[str]], origin: str) -> SourceEntry:
    def words(key: str) -> tuple[str, ...]:
        return tuple(" ".join(fields.get(key, [])).split())

    signed = fields.get("signed-by")
    signed_by = "\n".join(signed).rstrip() if signed else None
    enabled = " ".join(fields.get("enabled", ["yes"])).strip().lower() not in {"no", "false"}
    return SourceEntry(
        types=words("types"),
        uris=words("uris"),
        suites=words("suites"),
        components=words("components"),
        signed_by=signed_by or None,
        origin=origin,
        enabled=enabled,
    )


def parse_one_line(text: str, origin: str) -> list[SourceEntry]:
    """Parse one-line-style ``deb [opts] uri suite [component...]`` lines."""
    entries: list[SourceEntry] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        tokens = line.split()
        kind = tokens.pop(0)
        if kind not in {"deb", "deb-src"}:
            continue
        options: dict[str, str] = {}
        if tokens and tokens[0].startswith("["):
            opt_tokens: list[str] = []
            while tokens:
                tok = tokens.pop(0)
                opt_tokens.append(tok)
                if tok.endswith("]"):
                    break
            for opt in " ".join(opt_tokens).strip("[] ").split():
                key, _, value = opt.partition("=")
                options[key.rstrip("+-").lower()] = value
        if len(tokens) < 2:
            continue
        entries.append(
            SourceEntry(
                types=(kind,),
                uris=(tokens[0],),
                suites=(tokens[1],),
                components=tuple(tokens[2:]),
                signed_by=options.get("signed-by") or None,
                origin=f"{origin}:{lineno}",
            )
        )
    return entries


def read_apt_sources(etc_apt: Path = Path("/etc/apt")) -> list[SourceEntry]:
    """Every source entry apt would read under ``etc_apt``, in apt's file order."""
    entries: list[SourceEntry] = []
    main_list = etc_apt / "sources.list"
    if main_list.is_file():
        entries += parse_one_line(_read(main_list), str(main_list))
    parts = etc_apt / "sources.list.d"
    if parts.is_dir():
        for path in sorted(parts.iterdir()):
            if not path.is_file():
                continue
            if path.suffix == ".list":
                entries += parse_one_line(_read(path), str(path))
            elif path.suffix == ".sources":
                entries += parse_deb822(_read(path), str(path))
    return entries


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CorpusError(f"cannot read apt configuration: {exc}", subject=str(path)) from exc


# --------------------------------------------------------------------------- choosing


def _is_security(uri: str, suites: Iterable[str]) -> bool:
    path_parts = [p for p in urlsplit(uri).path.split("/") if p]
    if any("security" in p for p in path_parts):
        return True
    return any(s.endswith("-security") or s.endswith("/updates") for s in suites)


def _debian_suites(suites: Iterable[str]) -> list[str]:
    return [s for s in suites if s.split("/")[0].split("-")[0] in DEBIAN_SUITES]


def pick_debian_archive(entries: Iterable[SourceEntry]) -> ArchiveChoice:
    """The main Debian archive among ``entries``.

    A candidate is enabled, of type ``deb`` or ``deb-src``, not a security archive, lists
    component ``main`` and a Debian suite name, and is signed by the Debian archive keyring
    or has a URI path segment ``debian``. Preference: keyring, then a URI whose last path
    segment is ``debian``, then configuration order.
    """
    best: tuple[tuple[int, int, int], ArchiveChoice] | None = None
    rank = 0
    seen: list[str] = []
    for entry in entries:
        if not entry.enabled or not {"deb", "deb-src"} & set(entry.types):
            continue
        for uri in entry.uris:
            seen.append(f"{uri} ({entry.origin})")
            rank += 1
            if _is_security(uri, entry.suites) or "main" not in entry.components:
                continue
            if not _debian_suites(entry.suites):
                continue
            segments = [p for p in urlsplit(uri).path.split("/") if p]
            keyring = KEYRING_HINT in (entry.signed_by or "")
            if not keyring and "debian" not in segments:
                continue
            score = (int(keyring), int(bool(segments) and segments[-1] == "debian"), -rank)
            choice = ArchiveChoice(uri.rstrip("/"), entry.signed_by, entry.origin)
            if best is None or score > best[0]:
                best = (score, choice)
    if best is None:
        listed = "; ".join(seen) if seen else "no enabled entries"
        raise CorpusError(
            "no Debian archive found in the apt configuration (need an entry with component "
            f"'main' and a Debian suite, not -security); entries seen: {listed}. "
            "Use --from DIR with sources you already have.",
            subject="apt sources",
        )
    return best[1]


def deb_src_stanza(choice: ArchiveChoice, suite: str, components: Iterable[str]) -> str:
    """A deb822 paragraph for the ``deb-src`` twin of ``choice``."""
    lines = [
        "Types: deb-src",
        f"URIs: {choice.uri}",
        f"Suites: {suite}",
        f"Components: {' '.join(components)}",
    ]
    if choice.signed_by:
        first, *rest = choice.signed_by.split("\n")
        lines.append(f"Signed-By: {first}".rstrip())
        lines += [r if r[:1] in (" ", "\t") else f" {r}" for r in rest]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- running apt


@dataclass(frozen=True)
class AptRun:
    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def tail(self, n: int = 8) -> str:
        lines = (self.stderr.strip() or self.stdout.strip()).splitlines()
        return " | ".join(lines[-n:]) if lines else "(no output)"


@dataclass(frozen=True)
class UriLine:
    """One line of ``apt-get source --print-uris``."""

    uri: str
    filename: str
    size: int
    hash_kind: str  # e.g. "SHA256"
    hash_value: str


_URI_LINE = re.compile(r"^'(?P<uri>[^']+)'\s+(?P<fn>\S+)\s+(?P<size>\d+)\s+(?P<hash>\S+)\s*$")


def parse_print_uris(stdout: str) -> list[UriLine]:
    out: list[UriLine] = []
    for line in stdout.splitlines():
        m = _URI_LINE.match(line.strip())
        if not m:
            continue
        kind, _, value = m["hash"].partition(":")
        if not value:  # very old apt printed a bare MD5
            kind, value = "MD5", kind
        out.append(UriLine(m["uri"], m["fn"], int(m["size"]), kind.upper(), value.lower()))
    return out


def parse_showsrc_sha256(stdout: str) -> dict[str, str]:
    """``filename -> sha256`` from the ``Checksums-Sha256`` fields of ``apt-cache showsrc``."""
    result: dict[str, str] = {}
    in_field = False
    for line in stdout.splitlines():
        if line[:1] in (" ", "\t"):
            if in_field:
                parts = line.split()
                if len(parts) == 3:
                    result[parts[2]] = parts[0].lower()
            continue
        in_field = line.lower().startswith("checksums-sha256:")
    return result


class PrivateApt:
    """apt-get / apt-cache confined to ``state_dir`` with one generated sources file."""

    def __init__(self, state_dir: Path, stanza: str, timeout: float = 900.0) -> None:
        self.state_dir = state_dir
        self.stanza = stanza
        self.timeout = timeout
        self.parts = state_dir / "sources.list.d"
        self.lists = state_dir / "lists"
        self.cache = state_dir / "cache"

    @staticmethod
    def tool(name: str) -> str:
        path = shutil.which(name)
        if path is None:
            raise CorpusError(
                f"{name} not found on PATH: the Debian corpora are fetched with apt; "
                "on a machine without apt use --from DIR",
                code="C2S008",
                subject=name,
            )
        return path

    def options(self) -> list[str]:
        return [
            "-o", "Dir::Etc::SourceList=/dev/null",
            "-o", f"Dir::Etc::SourceParts={self.parts}",
            "-o", f"Dir::State::Lists={self.lists}",
            "-o", f"Dir::Cache={self.cache}",
            "-o", f"Dir::Cache::Archives={self.cache / 'archives'}",
            "-o", "APT::Get::Only-Source=true",
        ]  # fmt: skip

    def prepare(self) -> None:
        for d in (self.parts, self.lists / "partial", self.cache / "archives" / "partial"):
            d.mkdir(parents=True, exist_ok=True)
        target = self.parts / "c2safe-deb-src.sources"
        if not target.is_file() or target.read_text() != self.stanza:
            tmp = target.with_suffix(".tmp")
            tmp.write_text(self.stanza)
            os.replace(tmp, target)

    def run(self, tool: str, *args: str) -> AptRun:
        argv = (self.tool(tool), *self.options(), *args)
        env = dict(os.environ, LC_ALL="C", LANG="C", DEBIAN_FRONTEND="noninteractive")
        try:
            proc = subprocess.run(
                argv, capture_output=True, text=True, env=env, timeout=self.timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise CorpusError(
                f"timed out after {self.timeout:.0f} s (network?)",
                subject=" ".join(argv[:1] + args),
            ) from exc
        except OSError as exc:
            raise CorpusError(f"cannot run: {exc}", code="C2S008", subject=tool) from exc
        return AptRun(tuple(argv), proc.returncode, proc.stdout, proc.stderr)

    @property
    def archive_uri(self) -> str:
        return next(
            (
                ln.split(":", 1)[1].strip()
                for ln in self.stanza.splitlines()
                if ln.startswith("URIs:")
            ),
            "",
        )

    def has_sources_index(self) -> bool:
        """True if the lists directory holds a downloaded ``Sources`` index."""
        return self.lists.is_dir() and any("_Sources" in p.name for p in self.lists.iterdir())

    def update(self) -> AptRun:
        self.prepare()
        return self.run("apt-get", "update")

    def print_uris(self, package: str) -> tuple[list[UriLine], AptRun]:
        run = self.run("apt-get", "source", "--print-uris", package)
        return parse_print_uris(run.stdout), run

    def showsrc_sha256(self, package: str) -> tuple[dict[str, str], AptRun]:
        run = self.run("apt-cache", "showsrc", package)
        return parse_showsrc_sha256(run.stdout), run
