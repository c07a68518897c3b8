#!/usr/bin/env python3
"""Measure the structure of the Rust code of medborgarbudget (app/src and server/src).

Why this exists: issue #14 is a structural clean-up, and this script gives its before/after
numbers so the change can be judged by measurement rather than impression:

  1. import circles between modules (strongly connected components of the module graph of
     app/src/{ssr,pages,model,components,api} and server/src), plus "wrong-way" arrows
     (ssr -> pages/components, model -> ssr/pages/components/api);
  2. files over 400 lines;
  3. functions over 60 lines;
  4. hand-built URLs (`format!("/...` and literals such as "/rounds...") outside the route
     table (app/src/routes.rs, paths.rs, paths/);
  5. copies of redirect calls (`leptos_axum::redirect(` and `redirect(` generally).

Standard library only; it reads the sources and never builds them. It is a measuring tool, so
it always exits 0. `--summary` prints only the summary block.

Limits: the Rust "parser" is a small lexer (comments, strings, raw strings, char literals are
blanked) plus brace matching. Code inside `#[cfg(test)] mod ... { }` is ignored for every
measure except the plain file line counts. Paths that reach a module only through a name
imported earlier (`use super::{mail}; ... mail::x()`) are counted once, at the `use`.
"""

import argparse
import os
import re
import sys
from collections import defaultdict

FILE_LIMIT = 400
FN_LIMIT = 60

GRAPH_DIRS = [
    "app/src/ssr",
    "app/src/pages",
    "app/src/model",
    "app/src/components",
    "app/src/api",
    "server/src",
]
CRATES = [("app/src", "crate"), ("server/src", "server")]

URL_PREFIXES = (
    "/rounds", "/staff", "/politics", "/partner", "/admin", "/kiosk", "/login", "/projects",
    "/unsubscribe", "/subscribe", "/updates", "/proposals", "/en/", "/ar/",
)


# --------------------------------------------------------------------------------------------
# Lexing: blank out comments and literals so that braces and paths can be found safely.
# --------------------------------------------------------------------------------------------

def _ident_char(c):
    return c.isalnum() or c == "_"


def lex(text):
    """Return (code, literals).

    code: text with comments and string/char literals replaced by spaces (newlines kept, so
    offsets and line numbers are unchanged). literals: list of (start, end, content) of string
    literals (normal, byte, raw)."""
    out = list(text)
    lits = []
    n = len(text)
    i = 0

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
            continue
        if c == "/" and nxt == "*":
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
            continue
        # raw strings: r"..", r#".."#, br#".."#, cr".."
        if c in "rbc" and (i == 0 or not _ident_char(text[i - 1])):
            m = re.match(r'(?:br|cr|r)(#*)"', text[i:i + 260])
            if m:
                hashes = m.group(1)
                start_content = i + m.end()
                close = '"' + hashes
                j = text.find(close, start_content)
                j = n if j < 0 else j
                end = min(n, j + len(close))
                lits.append((i, end, text[start_content:j]))
                blank(i, end)
                i = end
                continue
            if c in "bc" and nxt == '"':
                i += 1  # fall through to the normal string at i
                c = '"'
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            end = min(n, j + 1)
            lits.append((i, end, text[i + 1:j]))
            blank(i, end)
            i = end
            continue
        if c == "'":
            # char literal or lifetime/label
            if nxt == "\\":
                j = text.find("'", i + 2)
                if text.startswith("\\'", i + 1):
                    j = text.find("'", i + 3)
                if j > 0 and j - i <= 12:
                    blank(i, j + 1)
                    i = j + 1
                    continue
            elif i + 2 < n and text[i + 2] == "'" and nxt != "\n":
                blank(i, i + 3)
                i += 3
                continue
            i += 1
            continue
        i += 1
    return "".join(out), lits


def brace_pairs(code):
    """Map offset of every '{' to the offset of its matching '}' (code must be lexed)."""
    pairs, stack = {}, []
    for i, c in enumerate(code):
        if c == "{":
            stack.append(i)
        elif c == "}" and stack:
            pairs[stack.pop()] = i
    return pairs


class Source:
    def __init__(self, root, rel):
        self.rel = rel
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as fh:
            self.text = fh.read()
        self.lines = len(self.text.splitlines())
        self.raw_code, lits = lex(self.text)
        self.pairs = brace_pairs(self.raw_code)
        self.line_starts = [0]
        for i, c in enumerate(self.text):
            if c == "\n":
                self.line_starts.append(i + 1)
        # #[cfg(test)] mod x { ... } regions
        self.test_regions = []
        for m in re.finditer(r"#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{",
                             self.raw_code):
            o = m.end() - 1
            self.test_regions.append((m.start(), self.pairs.get(o, len(self.raw_code))))
        code = list(self.raw_code)
        for a, b in self.test_regions:
            for k in range(a, b + 1):
                if code[k] != "\n":
                    code[k] = " "
        self.code = "".join(code)
        self.literals = [l for l in lits if not self.in_test(l[0])]

    def in_test(self, off):
        return any(a <= off <= b for a, b in self.test_regions)

    def line_of(self, off):
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= off:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1


# --------------------------------------------------------------------------------------------
# Module graph
# --------------------------------------------------------------------------------------------

def module_of(rel):
    """(crate_root, module path tuple) of a source file, or None."""
    for base, root in CRATES:
        if rel.startswith(base + "/"):
            parts = rel[len(base) + 1:][:-3].split("/")
            if parts[-1] == "mod":
                parts = parts[:-1]
            if parts == ["lib"]:
                parts = []
            return root, tuple([root] + parts)
    return None


def under(rel, dirs):
    return any(rel == d or rel.startswith(d + "/") for d in dirs)


USE_RE = re.compile(r"(?<![\w:.])use\s+")
TOKEN_RE = re.compile(r"::|[{},*;]|\w+|\S")
PATH_RE = re.compile(r"(?<![\w:.])((?:r#)?[A-Za-z_]\w*)((?:\s*::\s*\w+)+)")


def parse_use(code, start):
    """Parse a use tree starting at `start`. Returns (list of (segments, offset), end)."""
    end = code.find(";", start)
    end = len(code) if end < 0 else end
    toks = [(m.group(), m.start() + start) for m in TOKEN_RE.finditer(code[start:end])]
    out = []
    pos = 0

    def tree(prefix):
        nonlocal pos
        segs = list(prefix)
        last_off = toks[pos][1] if pos < len(toks) else start
        if pos < len(toks) and toks[pos][0] == "::":  # leading :: = extern path
            pos += 1
            segs = ["::"]
        while pos < len(toks):
            t, off = toks[pos]
            if t == "{":
                pos += 1
                while pos < len(toks) and toks[pos][0] != "}":
                    if toks[pos][0] == ",":
                        pos += 1
                        continue
                    before = pos
                    tree(segs)
                    if pos == before:
                        pos += 1
                pos += 1  # '}'
                return
            if t == "*":
                out.append((segs, off))
                pos += 1
                return
            if t == "::":
                pos += 1
                continue
            if re.match(r"\w+$", t):
                if t == "self" and segs and prefix == segs and len(segs) > 0 and \
                        pos > 0 and toks[pos - 1][0] in ("{", ","):
                    out.append((list(segs), off))
                    pos += 1
                    break
                segs = segs + [t]
                last_off = off
                pos += 1
                if pos < len(toks) and toks[pos][0] == "::":
                    continue
                out.append((segs, last_off))
                break
            pos += 1
            break
        # optional `as name`
        if pos < len(toks) and toks[pos][0] == "as":
            pos += 2

    while pos < len(toks):
        before = pos
        tree([])
        if pos < len(toks) and toks[pos][0] == ",":
            pos += 1
        if pos == before:
            pos += 1
    return out, end


class Graph:
    def __init__(self, root, sources):
        self.sources = sources
        self.modules = {}  # path tuple -> rel
        for rel in sources:
            mod = module_of(rel)
            if mod:
                self.modules[mod[1]] = rel
        self.nodes = {p: rel for p, rel in self.modules.items() if under(rel, GRAPH_DIRS)}
        self.edges = defaultdict(list)  # (src, dst) -> [(rel, line, kind)]
        self.parent_child = []  # counted parent -> own submodule references
        for rel, src in sources.items():
            if under(rel, GRAPH_DIRS):
                self._scan(rel, src)

    def _inline_mods(self, src, file_mod):
        """Inline `mod x { }` regions and declared children of every module in the file."""
        regions, children = [], defaultdict(set)
        for m in re.finditer(r"(?<![\w])mod\s+(\w+)\s*([;{])", src.code):
            name = m.group(1)
            regions_here = [r for r in regions if r[0] < m.start() <= r[1]]
            parent = tuple(file_mod) + tuple(r[2] for r in regions_here)
            children[parent].add(name)
            if m.group(2) == "{":
                o = m.end() - 1
                regions.append((o, src.pairs.get(o, len(src.code)), name))
        return regions, children

    def _resolve(self, segs, cur, root, children):
        segs = [s[2:] if s.startswith("r#") else s for s in segs]
        if not segs or segs[0] == "::":
            return None
        first = segs[0]
        if first == "crate":
            base, rest = [root], segs[1:]
        elif first == "self":
            base, rest = list(cur), segs[1:]
        elif first == "super":
            base, rest = list(cur), segs
            while rest and rest[0] == "super":
                if len(base) <= 1:
                    return None
                base.pop()
                rest = rest[1:]
        elif root == "server" and first == "server":
            base, rest = ["server"], segs[1:]
        elif first in children.get(tuple(cur), ()):
            base, rest = list(cur) + [first], segs[1:]
        else:
            return None
        full = base + rest
        for k in range(len(full), 0, -1):
            if tuple(full[:k]) in self.modules:
                return tuple(full[:k])
        return None

    def _scan(self, rel, src):
        root, file_mod = module_of(rel)
        regions, children = self._inline_mods(src, file_mod)
        is_mod_file = rel.endswith("/mod.rs") or rel.endswith("/lib.rs")

        def cur_at(off):
            return tuple(file_mod) + tuple(r[2] for r in regions if r[0] < off <= r[1])

        def add(target, off, kind, reexport=False):
            if target is None or target not in self.nodes or target == file_mod:
                return
            is_desc = target[:len(file_mod)] == file_mod
            if is_desc and reexport and is_mod_file:
                return  # `pub use child::X` in a mod.rs is a re-export, not an import
            line = src.line_of(off)
            if is_desc:
                self.parent_child.append((file_mod, target, rel, line))
            self.edges[(file_mod, target)].append((rel, line, kind))

        code = src.code
        use_spans = []
        for m in USE_RE.finditer(code):
            before = code[:m.start()].rstrip()
            if before and before[-1] not in ";{}])" and not before.endswith("pub"):
                continue
            reexport = bool(re.search(r"pub(\s*\([^)]*\))?$", before))
            paths, end = parse_use(code, m.end())
            use_spans.append((m.start(), end))
            cur = cur_at(m.start())
            for segs, off in paths:
                add(self._resolve(segs, cur, root, children), off, "use", reexport)

        def in_use(off):
            return any(a <= off <= b for a, b in use_spans)

        for m in PATH_RE.finditer(code):
            if in_use(m.start()):
                continue
            first = m.group(1)
            cur = cur_at(m.start())
            if first not in ("crate", "self", "super", "server") and \
                    first not in children.get(cur, ()):
                continue
            segs = [first] + [s.strip() for s in m.group(2).split("::") if s.strip()]
            add(self._resolve(segs, cur, root, children), m.start(), "path")


def tarjan(nodes, adj):
    index, low, on, stack, sccs = {}, {}, set(), [], []
    counter = [0]
    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(adj.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            sccs.append(comp)

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return [sorted(c) for c in sccs if len(c) > 1]


# --------------------------------------------------------------------------------------------
# Functions, URLs, redirects
# --------------------------------------------------------------------------------------------

FN_RE = re.compile(r"(?<![\w])fn\s+((?:r#)?\w+)")


def long_functions(src):
    found = []
    code = src.raw_code
    for m in FN_RE.finditer(code):
        depth, j = 0, m.end()
        while j < len(code):
            c = code[j]
            if c in "([<":
                depth += 1
            elif c in ")]>":
                if c == ">" and code[j - 1] == "-":
                    pass  # the `->` of a return type
                else:
                    depth -= 1
            elif c == ";" and depth <= 0:
                j = -1
                break
            elif c == "{" and depth <= 0:
                break
            j += 1
        if j < 0 or j >= len(code) or j not in src.pairs:
            continue
        start, end = src.line_of(m.start()), src.line_of(src.pairs[j])
        found.append((end - start + 1, src.rel, start, m.group(1), src.in_test(m.start())))
    return found


def url_excluded(rel):
    return rel == "app/src/routes.rs" or os.path.basename(rel) == "paths.rs" or \
        "/paths/" in "/" + rel


def hand_built_urls(src):
    fmt = lit = both = 0
    for start, _end, content in src.literals:
        before = src.code[max(0, start - 60):start].rstrip()
        is_fmt = before.endswith("(") and before[:-1].rstrip().endswith("format!") \
            and content.startswith("/")
        is_lit = content.startswith(URL_PREFIXES)
        fmt += is_fmt
        lit += is_lit
        both += is_fmt or is_lit
    return both, fmt, lit


REDIRECT_RE = re.compile(r"(?<![\w])redirect\s*\(")


def redirect_lines(src):
    lines_all, lines_leptos = set(), set()
    for m in REDIRECT_RE.finditer(src.code):
        if re.search(r"fn\s+$", src.code[max(0, m.start() - 10):m.start()]):
            continue
        line = src.line_of(m.start())
        lines_all.add(line)
        if re.search(r"leptos_axum\s*::\s*$", src.code[max(0, m.start() - 20):m.start()]):
            lines_leptos.add(line)
    return len(lines_all), len(lines_leptos)


# --------------------------------------------------------------------------------------------

def name(path):
    return "::".join(path)


def collect(root):
    sources = {}
    for base, _ in CRATES:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, base)):
            dirnames.sort()
            for f in sorted(filenames):
                if f.endswith(".rs"):
                    rel = os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")
                    sources[rel] = Source(root, rel)
    return sources


def run(root, summary_only):
    sources = collect(root)
    if not sources:
        print(f"architecture.py: warning: no .rs files under {root}/app/src or server/src",
              file=sys.stderr)
    graph = Graph(root, sources)
    adj = defaultdict(set)
    for (a, b) in graph.edges:
        adj[a].add(b)
    sccs = tarjan(graph.nodes, adj)
    in_cycles = sum(len(c) for c in sccs)

    def top(path, *names):
        return len(path) > 1 and path[0] == "crate" and path[1] in names

    wrong = []
    for (a, b), refs in sorted(graph.edges.items()):
        rel, line, _ = min(refs, key=lambda r: r[1])
        if top(a, "ssr") and top(b, "pages", "components"):
            wrong.append((a, b, rel, line, len(refs)))
        if top(a, "model") and top(b, "ssr", "pages", "components", "api"):
            wrong.append((a, b, rel, line, len(refs)))

    big_files = sorted(((s.lines, rel) for rel, s in sources.items() if s.lines > FILE_LIMIT),
                       reverse=True)

    fns = []
    for s in sources.values():
        fns.extend(long_functions(s))
    long_fns = sorted((f for f in fns if f[0] > FN_LIMIT and not f[4]),
                      key=lambda f: (-f[0], f[1], f[2]))
    long_test_fns = [f for f in fns if f[0] > FN_LIMIT and f[4]]

    urls = {}
    for rel, s in sources.items():
        if not url_excluded(rel):
            counts = hand_built_urls(s)
            if counts[0]:
                urls[rel] = counts
    url_total = sum(c[0] for c in urls.values())

    redirects = {rel: redirect_lines(s) for rel, s in sources.items()}
    redirects = {rel: c for rel, c in redirects.items() if c[0]}
    red_total = sum(c[0] for c in redirects.values())
    red_leptos = sum(c[1] for c in redirects.values())

    print("== architecture (app/src, server/src) ==")
    print(f"circles: {len(sccs)} (modules: {in_cycles}) | files>{FILE_LIMIT}: {len(big_files)}"
          f" | fns>{FN_LIMIT}: {len(long_fns)} | hand-built URLs: {url_total}"
          f" | redirect calls: {red_total}")
    print(f"graph: {len(graph.nodes)} modules, {len(graph.edges)} edges | wrong-way arrows: "
          f"{len(wrong)} | leptos_axum::redirect lines: {red_leptos}")
    if summary_only:
        return

    print(f"\n-- 1. import circles: {len(sccs)} SCCs, {in_cycles} modules --")
    for i, comp in enumerate(sorted(sccs, key=lambda c: (-len(c), c)), 1):
        members = set(comp)
        print(f"[{i}] {len(comp)} modules: " + ", ".join(name(m) for m in comp))
        for (a, b), refs in sorted(graph.edges.items()):
            if a in members and b in members:
                rel, line, kind = min(refs, key=lambda r: r[1])
                print(f"    {name(a)} -> {name(b)}  ({rel}:{line}, {len(refs)} ref{'s' * (len(refs) != 1)})")
    print(f"wrong-way arrows (ssr->pages/components, model->ssr/pages/components/api): {len(wrong)}")
    for a, b, rel, line, k in wrong:
        print(f"    {name(a)} -> {name(b)}  ({rel}:{line}, {k} refs)")
    if graph.parent_child:
        print(f"note: {len(graph.parent_child)} parent->own-submodule references counted as edges:")
        for a, b, rel, line in graph.parent_child:
            print(f"    {name(a)} -> {name(b)}  ({rel}:{line})")

    print(f"\n-- 2. files over {FILE_LIMIT} lines: {len(big_files)} --")
    for n, rel in big_files:
        print(f"  {n:5d}  {rel}")

    print(f"\n-- 3. functions over {FN_LIMIT} lines: {len(long_fns)} --")
    for n, rel, line, fname, _ in long_fns:
        print(f"  {n:4d}  {rel}:{line} {fname}")
    if long_test_fns:
        print(f"  (not counted: {len(long_test_fns)} in #[cfg(test)] modules)")

    print(f"\n-- 4. hand-built URLs: {url_total} (excl. routes.rs, paths.rs, paths/) --")
    for rel, (n, f, l) in sorted(urls.items(), key=lambda kv: (-kv[1][0], kv[0])):
        print(f"  {n:4d}  {rel}  (format!(\"/: {f}, \"/<prefix>: {l})")

    print(f"\n-- 5. redirect calls: {red_total} lines (leptos_axum::redirect: {red_leptos}) --")
    for rel, (n, l) in sorted(redirects.items(), key=lambda kv: (-kv[1][0], kv[0])):
        print(f"  {n:4d}  {rel}  (leptos_axum: {l})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="print only the summary block")
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        help="workspace root (default: parent of scripts/)")
    args = parser.parse_args()
    try:
        run(args.root, args.summary)
    except Exception as err:  # a measuring tool never fails the build
        print(f"architecture.py: error: {err!r}", file=sys.stderr)
    sys.exit(0)


if __name__ == "__main__":
    main()
