"""The core pipeline: load, check and locate problems; build the graph for analyses."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from ofsted_trace import cache, checks, loader, results, yamlio
from ofsted_trace.dataset import Dataset
from ofsted_trace.paths import Resolver
from ofsted_trace.problems import Location, Problem, Severity, TraceError, error

# Problems about a key itself, rather than its value, point at the key.
_KEY_CODES = frozenset({"unknown-key"})


@dataclass(frozen=True)
class Checked:
    """A loaded dataset and every problem found in it, located and sorted."""

    dataset: Dataset
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Only the problems that are errors."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Only the problems that are warnings."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def check(root: Path, progress: loader.Progress | None = None,
          store: cache.Cache | None = None, read: cache.Contents | None = None) -> Checked:
    """Load and check the dataset at root; raise TraceError when there is no dataset at all.

    A dataset that loads cleanly and whose every input is unchanged since a previous run is
    answered from the cache (see cache.py); anything else is checked in full.
    """
    if not root.is_dir():
        raise TraceError([error("no-dataset", "dataset directory not found; pass --data DIR "
                                "or set OFSTED_TRACE_DATA", str(root))])
    store = cache.Cache.beside(root) if store is None else store
    read = {} if read is None else read
    ds, reader = loader.load(root, store, progress, read)
    texts = _text_digests(ds, read)
    name = None if reader.problems else cache.key("checked", _fingerprint(ds, reader, texts))
    located = _recall(store, name)
    if located is None:
        local = _local_keys(ds, reader, texts)
        ds.settled = _settled(store, root, local)
        problems = [*reader.problems, *checks.run_all(ds)]
        _settle(store, root, local, problems)
        located = sorted(_locate(root, problems, reader.texts), key=Problem.sort_key)
        if name is not None:
            store.put(name, json.dumps([_dump(p) for p in located]).encode())
    shown = (replace(p, location=replace(p.location, file=_shown(root, p.location.file)))
             for p in located)
    return Checked(ds, tuple(shown))


def _text_digests(ds: Dataset, read: cache.Contents) -> dict[str, str]:
    """The content hash of config.yaml and of each document's text, by document id."""
    out = {}
    paths = Resolver(ds.root)
    nowhere = Path("/nonexistent-outside-dataset")
    for doc_id, path in [("config.yaml", ds.root / "config.yaml"),
                         *((doc.id, paths.under(doc.path) or nowhere)
                           for doc in ds.documents.values())]:
        known = read.get(str(path))
        try:
            digest = known[1] if known is not None else cache.digest(path.read_bytes())
            out[doc_id] = f"{path}={digest}"
        except OSError:
            out[doc_id] = f"{path}=unreadable"
    return out


def _fingerprint(ds: Dataset, reader: loader.Reader, texts: dict[str, str]) -> str:
    """Every input of the checks: the dataset's place, its files' hashes and its texts'."""
    parts = [str(ds.root.resolve()), *sorted(f"{k}={v}" for k, v in reader.digests.items()),
             *texts.values()]
    return cache.digest("\n".join(parts).encode())


def _local_keys(ds: Dataset, reader: loader.Reader, texts: dict[str, str]) -> dict[str, str]:
    """For each evidence file, a key of everything its excerpts' own checks depend on.

    Those checks (quotes, Ofsted's voice, personal data) read only the file, its document's
    record and text, the config and the code. Nothing is keyed when any file failed to load:
    then an excerpt may be left out as a duplicate and never checked, so its file's silence
    would prove nothing.
    """
    if reader.problems:
        return {}
    document: dict[str, str] = {}
    for ex_id, doc_id in ds.excerpt_document.items():
        document.setdefault(ds.origins[ex_id].file, doc_id)
    config = texts.get("config.yaml", "")
    return {rel: cache.key("local", results.source(), reader.digests[rel], texts[doc], config,
                           ds.documents[doc].model_dump_json())
            for rel, doc in document.items()
            if rel in reader.digests and doc in texts and doc in ds.documents
            and not texts[doc].endswith("=unreadable")}


def _settled(store: cache.Cache, root: Path, local: dict[str, str]) -> set[str]:
    """The evidence files whose current key was recorded clean by an earlier run."""
    payload = store.get(cache.key("settled", str(root.resolve()))) if local else None
    clean = set(payload.decode("ascii", "replace").split()) if payload else set()
    return {rel for rel, name in local.items() if name in clean}


def _settle(store: cache.Cache, root: Path, local: dict[str, str],
            problems: list[Problem]) -> None:
    """Record the key of every evidence file that no problem points at."""
    if not local:
        return
    flagged = {p.location.file for p in problems}
    clean = sorted(name for rel, name in local.items() if rel not in flagged)
    store.put(cache.key("settled", str(root.resolve())), " ".join(clean).encode("ascii"))


def _dump(p: Problem) -> list[object]:
    loc = p.location
    return [p.code, p.severity.value, p.message, loc.file, loc.line, loc.col, p.subject,
            list(p.pointer)]


def _recall(store: cache.Cache, name: str | None) -> list[Problem] | None:
    """Problems cached under name, or None when absent or not of the expected shape."""
    payload = store.get(name) if name is not None else None
    if payload is None:
        return None
    try:
        return [Problem(code, Severity(sev), message, Location(file, line, col), subject,
                        tuple(pointer))
                for code, sev, message, file, line, col, subject, pointer in json.loads(payload)]
    except (ValueError, TypeError):
        return None


def _locate(root: Path, problems: list[Problem], texts: dict[str, str]) -> list[Problem]:
    """Give each problem its line and column, composing each file at most once.

    A file answered from the cache was not read, so it is read now, only to locate problems.
    """
    locators: dict[str, yamlio.Locator | None] = {}
    out = []
    for problem in problems:
        rel = problem.location.file
        line, col = problem.location.line, problem.location.col
        if not line and rel not in locators:
            locators[rel] = _locator(root, rel, texts)
        locator = locators.get(rel)
        if not line and locator is not None:
            line, col = locator.find(problem.pointer, key=problem.code in _KEY_CODES)
        out.append(replace(problem, location=Location(rel, line, col)))
    return out


def _locator(root: Path, rel: str, texts: dict[str, str]) -> yamlio.Locator | None:
    if rel in texts:
        return yamlio.Locator(texts[rel])
    if not rel.endswith(".yaml") or Path(rel).is_absolute():
        return None
    if not (root / rel).resolve().is_relative_to(root.resolve()):
        return None  # never read a file outside the dataset, even just for a line number
    try:
        return yamlio.Locator(yamlio.read_text(root / rel))
    except (OSError, yamlio.YamlFault):
        return None


def _shown(root: Path, rel: str) -> str:
    """The path as the user would type it: under the dataset directory they named."""
    return (root / rel).as_posix() if not Path(rel).is_absolute() else rel
