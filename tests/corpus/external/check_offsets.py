#!/usr/bin/env python3
"""Check the offsets of the external corpus against the text each file names.

Run from anywhere: python3 tests/corpus/external/check_offsets.py
For every span that carries its covered text, the span is cut out of the
document text as code points, as UTF-16 code units and as UTF-8 bytes, and
each reading is compared with the covered text. Prints one line per file.
Standard library only; written for the corpus notes, not used by cargo.
"""
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cut(text, start, end, unit):
    if unit == "cp":
        return text[start:end]
    if unit == "utf16":
        b = text.encode("utf-16-le")
        return b[2 * start:2 * end].decode("utf-16-le", "replace")
    b = text.encode("utf-8")
    return b[start:end].decode("utf-8", "replace")


UNITS = ("cp", "utf16", "byte")


class Tally:
    def __init__(self):
        self.n = 0
        self.ok = {u: 0 for u in UNITS}
        self.ws_only = 0  # matches only once whitespace runs are collapsed
        self.bad = []
        self.spans = []

    def check(self, text, frags, covered, label=""):
        self.n += 1
        self.spans.append((label.split(":")[0] if ":" in label else "", frags))
        hits = []
        for u in UNITS:
            got = " ".join(cut(text, s, e, u) for s, e in frags)
            if got == covered:
                self.ok[u] += 1
                hits.append(u)
        if not hits:
            got = " ".join(text[s:e] for s, e in frags)
            if re.sub(r"\s+", " ", got) == re.sub(r"\s+", " ", covered):
                self.ws_only += 1
            else:
                self.bad.append((label, frags, covered, got))

    def line(self, name, extra=""):
        ok = " ".join(f"{u}={self.ok[u]}" for u in UNITS)
        s = f"{name}: {self.n} spans with covered text; match {ok}"
        if self.ws_only:
            s += f"; {self.ws_only} match only with whitespace collapsed"
        if self.bad:
            s += f"; {len(self.bad)} match in no unit"
        zero = sum(1 for _, fr in self.spans for a, b in fr if a == b)
        flat = sorted((a, b, doc) for doc, fr in self.spans for a, b in fr)
        over = sum(1 for x, y in zip(flat, flat[1:]) if x[2] == y[2] and y[0] < x[1])
        if zero:
            s += f"; {zero} zero-length"
        if over:
            s += f"; {over} overlapping pairs (neighbours in offset order)"
        if extra:
            s += f"; {extra}"
        print(s)
        for label, frags, covered, got in self.bad[:5]:
            print(f"    {label} {frags} says {covered!r}, text has {got!r}")


def brat(ann):
    raw = ann.with_suffix(".txt").read_bytes()
    text = raw.decode("utf-8")
    t = Tally()
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        ident, mid, covered = line.split("\t")
        _type, spans = mid.split(" ", 1)
        frags = [tuple(map(int, f.split())) for f in spans.split(";")]
        t.check(text, frags, covered, ident)
    extra = "CRLF in text" if b"\r\n" in raw else "LF only"
    if not raw.endswith(b"\n"):
        extra += ", text has no final newline"
    t.line(ann.relative_to(HERE).as_posix(), extra)


def jsonl(path):
    data = path.read_text(encoding="utf-8")
    try:
        return [json.loads(l) for l in data.splitlines() if l.strip()]
    except json.JSONDecodeError:
        return [json.loads(data)]  # doccano's pretty-printed "jsonl"


def prodigy(path):
    t, tok = Tally(), Tally()
    no_text = off_bounds = 0
    for i, rec in enumerate(jsonl(path)):
        toks = rec.get("tokens", [])
        for k in toks:
            tok.check(rec["text"], [(k["start"], k["end"])], k["text"], f"line {i + 1}:")
        for sp in rec.get("spans", []):
            if "text" in sp:
                t.check(rec["text"], [(sp["start"], sp["end"])], sp["text"], f"line {i + 1}:")
                continue
            no_text += 1
            a, b = sp.get("token_start"), sp.get("token_end")
            if toks and a is not None and (toks[a]["start"], toks[b]["end"]) != (sp["start"], sp["end"]):
                off_bounds += 1
    extra = f"{no_text} spans without covered text"
    if no_text:
        extra += f" ({off_bounds} disagree with their token_start/token_end)"
    t.line(path.relative_to(HERE).as_posix(), extra)
    if tok.n:
        tok.line(path.relative_to(HERE).as_posix() + " [tokens]")


def label_studio(path):
    t = Tally()
    data = json.loads(path.read_text(encoding="utf-8"))
    tasks = data if isinstance(data, list) else [data]
    for task in tasks:
        text = task["data"].get("text", "")
        for key in ("annotations", "completions", "predictions"):
            for ann in task.get(key, []):
                for r in ann.get("result", []):
                    v = r.get("value", {})
                    if isinstance(v.get("start"), int) and "text" in v:
                        t.check(text, [(v["start"], v["end"])], v["text"], r.get("id", ""))
    t.line(path.relative_to(HERE).as_posix())


class ContentText(HTMLParser):
    """textContent of #content, skipping .not-annotatable elements."""

    VOID = {"br", "img", "hr", "meta", "link", "input", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.skip, self.out = [], 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if not self.stack and a.get("id") != "content":
            return
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if self.skip or "not-annotatable" in (a.get("class") or "").split():
            self.skip += 1

    def handle_endtag(self, tag):
        if self.stack and tag not in self.VOID:
            self.stack.pop()
            if self.skip:
                self.skip -= 1

    def handle_data(self, d):
        if self.stack and not self.skip:
            self.out.append(d)


class AllText(HTMLParser):
    """textContent of a whole fragment, or of <body> only."""

    def __init__(self, body_only):
        super().__init__(convert_charrefs=True)
        self.body_only, self.inside, self.out = body_only, not body_only, []

    def handle_starttag(self, tag, attrs):
        if tag == "body" and self.body_only:
            self.inside = True

    def handle_endtag(self, tag):
        if tag == "body" and self.body_only:
            self.inside = False

    def handle_data(self, d):
        if self.inside:
            self.out.append(d)


def html_text(html, how):
    p = ContentText() if how == "content" else AllText(how == "body")
    p.feed(html.read_text(encoding="utf-8"))
    return "".join(p.out)


def w3c_check(path, html, how):
    """TextPositionSelector checked against the TextQuoteSelector beside it."""
    text = html_text(html, how)
    data = json.loads(path.read_text(encoding="utf-8"))
    annos = data["rows"] if isinstance(data, dict) else data  # Hypothesis API search result
    t = Tally()
    stale = []
    for a in annos:
        targets = a["target"] if isinstance(a["target"], list) else [a["target"]]
        for g in targets:
            sels = g.get("selector", [])
            q = [s for s in sels if s["type"] == "TextQuoteSelector"]
            pos = [s for s in sels if s["type"] == "TextPositionSelector"]
            if q and pos:
                before = len(t.bad)
                t.check(text, [(pos[0]["start"], pos[0]["end"])], q[0]["exact"], a["id"])
                if len(t.bad) > before:
                    ctx = q[0].get("prefix", "") + q[0]["exact"] + q[0].get("suffix", "")
                    at = [m.start() + len(q[0].get("prefix", "")) for m in re.finditer(re.escape(ctx), text)]
                    if at:
                        stale.append(f"{a['id']}: quote with prefix/suffix found at {at}, position says {pos[0]['start']}")
    t.line(path.relative_to(HERE).as_posix(), f"text = {how} text of {html.name}, {len(text)} code points")
    for s in stale:
        print("    " + s)


def main():
    for ann in sorted((HERE / "brat").glob("*.ann")):
        brat(ann)
    for p in sorted((HERE / "prodigy").glob("*.jsonl")):
        prodigy(p)
    for p in sorted((HERE / "label-studio").glob("*.json")):
        label_studio(p)
    w3c = HERE / "w3c"
    w3c_check(w3c / "recogito-js-annotations.w3c.json", w3c / "recogito-js-gh-pages-index.html", "content")
    w3c_check(w3c / "recogito-js-gh-pages-annotations.w3c.json", w3c / "recogito-js-gh-pages-index.html", "content")
    w3c_check(w3c / "text-annotator-annotations.w3c.json", w3c / "text-annotator-index.html", "content")
    w3c_check(w3c / "hypothesis-client-minimal.json", w3c / "hypothesis-client-minimal.html", "all")
    w3c_check(w3c / "hypothesis-client-wikipedia-regression-testing.json",
        w3c / "hypothesis-client-wikipedia-regression-testing.html", "body")
    for p in sorted((HERE / "doccano").glob("*.jsonl")):
        n = 0
        for rec in jsonl(p):
            text = rec.get("text")
            for s, e, *_ in rec.get("label", rec.get("labels", [])):
                n += 1
                assert text is None or 0 <= s <= e <= len(text), (p, s, e)
            for ent in rec.get("entities", []) + rec.get("annotations", []):
                n += 1
                assert 0 <= ent["start_offset"] <= ent["end_offset"] <= len(text), (p, ent)
        print(f"{p.relative_to(HERE).as_posix()}: {n} spans, no covered text; all within the text")


if __name__ == "__main__":
    sys.exit(main())
