#!/usr/bin/env python3
"""Writes the seed corpus in fuzz/corpus/<target>/: hostile fixtures in each
target's input format (see the doc comment at the top of each target).

Run from anywhere: python3 fuzz/make_corpus.py. It rewrites the seed
directories from scratch, so only seeds live there. Inputs libFuzzer finds
go to a scratch directory instead (see README.md)."""

import os
import re
import shutil

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
SEP = b"\n@@TEXT@@\n"  # annotation_load: annotations, then text
FIELD = b"\xff"  # selectors: field separator


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def without_text_path(toml):
    """Drops `text = ...` from the [briefing] table: the targets serve the
    text as t.md / t.txt, which the loader finds by default."""
    out, table = [], None
    for line in toml.split(b"\n"):
        header = re.match(rb"^\s*\[+([^\]]*)\]+", line)
        if header:
            table = header.group(1).strip()
        if table == b"briefing" and re.match(rb"^\s*text\s*=", line):
            continue
        out.append(line)
    return b"\n".join(out)


# --- Hostile texts ------------------------------------------------------------

TEXTS = {
    "escapes": (
        "Title \x1b]0;pwned\x07 and \x1b]2;title\x1b\\ clipboard \x1b]52;c;aGVsbG8=\x07\n"
        "clear \x1b[2J\x1b[H alt \x1b[?1049h mouse \x1b[?1000h paste \x1b[?2004h\n"
        "DCS \x1bP+q544e\x1b\\ APC \x1b_x\x1b\\ CSI8 \x9b31m C1 \x85\x9d\x90 bell \x07 del \x7f\n"
        "lone ESC \x1b at end\x1b"
    ).encode(),
    "bidi": (
        "invoice\u202egnp.exe \u2066isolate\u2069 \u2067rtl\u2069 \u202aLRE\u202c \u202bRLE\u202c\n"
        "\u200emarks\u200f \u061c ALM; Hebrew \u05e9\u05dc\u05d5\u05dd and Arabic \u0645\u0631\u062d\u0628\u0627 mixed 123\n"
        "zero width \u200b\u200c\u200d\u2060\ufeff soft\u00adhyphen tags \U000e0041\U000e0042"
    ).encode(),
    "cjk-emoji": (
        "\u6f22\u5b57\u304b\u306a\u30ab\u30ca\ud55c\uad6d\uc5b4 \uff10\uff11\uff12 wide\u3000space\n"
        "\U0001f469\u200d\U0001f692 firefighter \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 family "
        "\U0001f1fa\U0001f1e6\U0001f1eb\U0001f1f7 flags \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f "
        "\U0001f44d\U0001f3fd skin \u2764\ufe0f heart\n" + "\u6f22" * 300
    ).encode(),
    "combining": (
        "Rene\u0301e Okafor, NFD cafe\u0301, Zalgo: "
        + "Z" + "\u0351\u0307\u0314\u0300\u0336\u034c" * 50
        + " and one letter under many marks: e" + "\u0301" * 4000 + " end\n"
        + "Hangul jamo \u1100\u1161\u11a8 Devanagari \u0915\u094d\u0937\u093f"
    ).encode(),
    "crlf-cr": b"first line\r\nsecond line\rthird line\n\r\nfourth\r\r\n\tTabbed\tcolumns\t\there\r\n\x0b\x0cvertical tab and form feed\r",
    "separators": "para one\u2028same para\u2029next\x85after NEL\u2028\u2028\u2029".encode(),
    "invalid-utf8": b"valid start \xff\xfe bad \xc0\x80 overlong \xed\xa0\x80 surrogate \xf4\x90\x80\x80 too big \xe2\x82 truncated",
    "nul": b"a\x00b\x00\x00c\n\x00\x00\x00\n# heading\x00\n",
    "empty": b"",
    "long-line": b"word " * 20480,
    "markdown": (
        "# Heading \x1b[31mred\x1b[0m\n\n"
        + "> " * 200 + "deep quote\n\n"
        + "".join("  " * i + "- item\n" for i in range(60))
        + "\n```\ncode \x1b]0;x\x07 block\n```\n\n"
        "[link \u202e](http://example.com/\x1b) ![img](x.png) *em **strong** ~~strike~~ `code`*\n\n"
        "| a | b |\n|---|---|\n| \u6f22 | \U0001f469\u200d\U0001f692 |\n\n"
        "<script>alert(1)</script> &amp; &#27; &#x1b; &#x202e;\n\n"
        "Setext\n===\n\n---\n\n1. one\n1. two\n\n" + "#" * 7 + " not a heading\n"
    ).encode(),
    "rtl": "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1\u05e8\u05d9\u05ea (parentheses) [brackets] 1-2-3 \u202b\u0627\u0644\u202c\n".encode() * 20,
}

def lorem(n):
    """n bytes of words that do not repeat in a period (a linear congruential
    generator picks them)."""
    words = [b"alpha", b"bravo", b"charlie", b"delta", b"echo", b"foxtrot", b"golf", b"hotel",
             b"india", b"juliet", b"kilo", b"lima", b"mike", b"november", b"oscar", b"papa"]
    x, out = 7, []
    while sum(len(w) + 1 for w in out) < n:
        x = (x * 1103515245 + 12345) % (1 << 31)
        out.append(words[(x >> 16) % len(words)])
    return b" ".join(out)


LOREM = lorem(20000)

# --- annotation_load -----------------------------------------------------------


def annotation_seeds():
    seeds = {}
    def pair(name, flags, toml, text):
        seeds[name] = bytes([flags]) + toml + SEP + text

    pair("crocus", 0b101, without_text_path(read("briefings/crocus-city-hall.toml")),
         read("briefings/crocus-city-hall.md"))
    pair("beslan", 0b100, without_text_path(read("briefings/beslan-1-september.toml")),
         read("briefings/beslan-1-september.txt"))
    for name in sorted(os.listdir(os.path.join(ROOT, "tests/corpus/good"))):
        toml = read("tests/corpus/good/" + name)
        md = b"article.md" in toml
        text = read("tests/corpus/article.md" if md else "tests/corpus/article.txt")
        pair("good-" + name[:-5], 0b100 | int(md), without_text_path(toml), text)
    for name in sorted(os.listdir(os.path.join(ROOT, "tests/corpus/broken"))):
        toml = read("tests/corpus/broken/" + name)
        md = b"article.txt" not in toml
        text = read("tests/corpus/article.md" if md else "tests/corpus/article.txt")
        pair("broken-" + name[:-5], int(md), without_text_path(toml), text)

    entity = b'format = 1\n\n[[entity]]\nid = "x"\nname = "%s"\nkind = "other"\n'
    pair("escapes-in-strings", 0b101,
         b'format = 1\n[briefing]\ntitle = "\\u001b]0;pwned\\u0007 title"\nsummary = "\\u202egnp.exe \\u009b2J"\n'
         b'classification = "\\u001b[5mSECRET"\n\n[[entity]]\nid = "x"\nname = "Name\\u001b[2J"\nkind = "other"\n'
         b'aliases = ["\\u2028alias", "\\u0085nel"]\nsummary = "\\u0007bell"\ntags = ["\\u001bP"]\n\n'
         b'[[note]]\nkind = "comment"\ntext = "note \\u001b]52;c;eA==\\u0007"\nquote = "Name"\n',
         b"# Name\n\nName appears here. Name again.\n")
    pair("raw-controls-in-toml", 0b001,
         b'format = 1\n[briefing]\ntitle = "raw \x1b]0;pwned\x07 here"\n', b"text\n")
    pair("raw-bidi-in-toml", 0b101,
         'format = 1\n[briefing]\ntitle = "raw \u202e bidi"\n[[entity]]\nid = "\u202ex"\nname = "y"\nkind = "other"\n'.encode(),
         b"y\n")
    pair("deep-array", 0b000, b"format = 1\nx = " + b"[" * 3000 + b"]" * 3000 + b"\n", b"t")
    pair("deep-inline-table", 0b000, b"format = 1\nx = " + b"{a=" * 2000 + b"1" + b"}" * 2000 + b"\n", b"t")
    pair("deep-dotted", 0b000, b"format = 1\n" + b".".join([b"a"] * 3000) + b" = 1\n", b"t")
    pair("deep-unclosed", 0b000, b"format = 1\nx = " + b"[" * 5000, b"t")
    many = b"format = 1\n" + b"".join(
        b'[[entity]]\nid = "e%d"\nname = "n%d"\nkind = "other"\n' % (i, i) for i in range(1500))
    pair("many-entities", 0b000, many, b" ".join(b"n%d" % i for i in range(1500)))
    pair("relations-cycle", 0b100,
         b"format = 1\n"
         b'[[entity]]\nid = "a"\nname = "Alpha"\nkind = "person"\n'
         b'[[entity]]\nid = "b"\nname = "Beta"\nkind = "person"\n'
         b'[[relation]]\nfrom = "a"\nto = "b"\nkind = "knows"\n'
         b'[[relation]]\nfrom = "b"\nto = "a"\nkind = "knows"\n'
         b'[[relation]]\nfrom = "a"\nto = "a"\nkind = "is"\nquote = "Alpha"\n',
         b"Alpha met Beta. Beta met Alpha.")
    pair("absurd-dates", 0b100,
         b'format = 1\n[briefing]\npublished = "99999-99-99"\n'
         b'[[entity]]\nid = "a"\nname = "Alpha"\nkind = "person"\n'
         + b"".join(b'[[event]]\nid = "e%d"\ndate = "%s"\ntitle = "t"\nentities = ["a"]\n' % (i, d)
                    for i, d in enumerate([b"2024-02-30", b"-99999", b"Y-17000000000", b"2024-13",
                                           b"2024~/..", b"../..", b"2024-03-22T25:61:61Z", b"0000",
                                           b"9999-12-31", b"1985-04-12/..", b"2004-06?-11%"])),
         b"Alpha.")
    # A long quote that is not periodic. (A periodic one, "ab ab ab ...",
    # is quadratic to load and lives in regressions/, not here.)
    pair("big-quote", 0b000,
         b'format = 1\n[[entity]]\nid = "a"\nname = "b"\nkind = "other"\n[[mention]]\nentity = "a"\nquote = "'
         + LOREM + b'"\n', b"Before. " + LOREM + b" After.")
    pair("offsets-huge", 0b000,
         b'format = 1\n[[entity]]\nid = "a"\nname = "b"\nkind = "other"\n'
         b'[[mention]]\nentity = "a"\nstart = 9223372036854775807\nend = -9223372036854775808\n'
         b'[[mention]]\nentity = "a"\nstart = -1\nend = 3\noccurrence = -5\n',
         b"abc")
    pair("no-text-file", 0b010, b"format = 1\n", b"")
    pair("escapes-text", 0b100, b'format = 1\n[[entity]]\nid = "p"\nname = "pwned"\nkind = "other"\n',
         TEXTS["escapes"] + b" pwned")
    for name in ["bidi", "cjk-emoji", "combining", "crlf-cr", "separators", "invalid-utf8", "nul",
                 "markdown", "rtl"]:
        pair("text-" + name, 0b101, entity % b"e", TEXTS[name])
    pair("invalid-utf8-toml", 0b001, b'format = 1\n[briefing]\ntitle = "\xff\xfe"\n', b"x")
    pair("nul-toml", 0b001, b'format = 1\x00\n[briefing]\ntitle = "a\x00b"\n', b"x")
    pair("empty", 0, b"", b"")
    hostile = os.path.join(ROOT, "tests/hostile")
    if os.path.exists(os.path.join(hostile, "hostile.toml")):
        pair("tests-hostile", 0b101, without_text_path(read("tests/hostile/hostile.toml")),
             read("tests/hostile/hostile.md"))
    return seeds


# --- render_text -----------------------------------------------------------------


def render_seeds():
    seeds = {}
    sizes = [(80, 24, 120, 40), (0, 0, 199, 59), (1, 1, 3, 10), (2, 59, 199, 1), (199, 59, 0, 0),
             (3, 5, 4, 6), (40, 10, 39, 10), (120, 40, 80, 24)]
    keys = [b"", b"\x07\x07\x07", b"\x25", b"\x21\x22\x23", b"\x00\x00\x0b\x06"]
    for i, (name, text) in enumerate(sorted(TEXTS.items())):
        w1, h1, w2, h2 = sizes[i % len(sizes)]
        key = keys[i % len(keys)]
        for md in (0, 1):
            flags = md | (2 if i % 2 else 0)
            seeds["%s-%s" % (name, "md" if md else "txt")] = (
                bytes([flags, w1, h1, w2, h2, len(key)]) + key + TEXTS[name])
    seeds["crocus-md"] = bytes([1, 100, 30, 60, 20, 2, 7, 0]) + read("briefings/crocus-city-hall.md")
    seeds["beslan-txt"] = bytes([2, 80, 24, 20, 50, 0]) + read("briefings/beslan-1-september.txt")
    seeds["article-md"] = bytes([3, 150, 50, 2, 2, 1, 37]) + read("tests/corpus/article.md")
    seeds["article-txt"] = bytes([0, 30, 10, 31, 11, 0]) + read("tests/corpus/article.txt")
    for name in ["hostile-controls.txt", "separators.txt"]:
        path = "tests/hostile/" + name
        if os.path.exists(os.path.join(ROOT, path)):
            seeds["tests-" + name.split(".")[0]] = bytes([0, 80, 24, 5, 5, 0]) + read(path)
    return seeds


# --- selectors ---------------------------------------------------------------------

QUOTE, PREFIX, SUFFIX, OCCURRENCE, START, END = (1 << i for i in range(6))
MENTION, NOTE, RELATION, EVENT, SUPPRESS = (i << 1 for i in range(5))


def selector(table, md, text, quote=None, prefix=None, suffix=None, occurrence=None,
             start=None, end=None):
    present = 0
    fields = [text]
    for bit, value in [(QUOTE, quote), (PREFIX, prefix), (SUFFIX, suffix), (OCCURRENCE, occurrence),
                       (START, start), (END, end)]:
        if value is not None:
            present |= bit
        fields.append(b"" if value is None else (value if isinstance(value, bytes) else str(value).encode()))
    return bytes([table | md, present]) + FIELD.join(fields)


def selector_seeds():
    article = read("tests/corpus/article.md")
    plain = read("tests/corpus/article.txt")
    combining = "Rene\u0301e Okafor and cafe\u0301 and e\u0301\u0301\u0301".encode()
    emoji = "The \U0001f469\u200d\U0001f692 arrived; \U0001f1fa\U0001f1e6 flag; \u6f22\u5b57.".encode()
    s = {
        "article-suffix": selector(MENTION, 1, article, quote=b"the bridge", suffix=b"is safe"),
        "article-occurrence": selector(MENTION, 1, article, quote=b"the bridge", occurrence=2),
        "article-prefix-ws": selector(MENTION, 1, article, quote=b"the  bridge", prefix=b"which owns"),
        "article-offsets": selector(NOTE, 1, article, start=571, end=574),
        "article-offsets-quote": selector(MENTION, 1, article, start=483, end=496,
                                          quote="Rene\u0301e Okafor".encode()),
        "article-relation": selector(RELATION, 1, article, quote=b"runs the weir"),
        "article-event": selector(EVENT, 1, article, quote=b"The bridge moved."),
        "article-suppress": selector(SUPPRESS, 1, article, quote=b"the Aske valley"),
        "plain-crlf": selector(MENTION, 0, plain, quote=b"Harlow Crossing"),
        "crlf-quote": selector(MENTION, 0, b"a\r\nb\rc  d\n\ne", quote=b"a b c d e"),
        "inside-combining": selector(MENTION, 0, combining, quote=b"e"),
        "combining-offsets": selector(MENTION, 0, combining, start=3, end=5),
        "combining-prefix": selector(MENTION, 0, combining, quote=b"Okafor", prefix="\u0301".encode()),
        "inside-zwj": selector(MENTION, 0, emoji, start=5, end=6),
        "zwj-quote": selector(NOTE, 0, emoji, quote="\u200d".encode()),
        "flag-half": selector(MENTION, 0, emoji, quote="\U0001f1e6".encode()),
        "cjk-offsets": selector(MENTION, 0, emoji, start=30, end=32),
        "markdown-quote": selector(MENTION, 1, b"Some *emphasised* and `code` [link](x) text",
                                   quote=b"emphasised and code link"),
        "markdown-syntax-quote": selector(MENTION, 1, b"Some *emphasised* text", quote=b"*emphasised*"),
        "empty-quote": selector(MENTION, 0, b"abc", quote=b""),
        "whitespace-quote": selector(MENTION, 0, b"a   b", quote=b"   \n\t "),
        "huge-occurrence": selector(MENTION, 0, b"aaaa", quote=b"a", occurrence=9223372036854775807),
        "negative": selector(MENTION, 0, b"abc", start=-1, end=-9223372036854775808),
        "reversed": selector(NOTE, 0, b"abcdef", start=4, end=2),
        "end-past": selector(MENTION, 0, b"abc", start=0, end=4),
        "start-only": selector(MENTION, 0, b"abc", start=1),
        "all-fields": selector(MENTION, 0, b"x a b a b x", quote=b"a b", prefix=b"x", suffix=b"x",
                               occurrence=1, start=2, end=5),
        "overlapping-matches": selector(MENTION, 0, b"aaaaaaaa", quote=b"aaa", occurrence=3),
        "escapes": selector(NOTE, 0, TEXTS["escapes"], quote=b"\x1b]0;pwned\x07"),
        "bidi": selector(MENTION, 0, TEXTS["bidi"], quote="gnp.exe".encode(), prefix="\u202e".encode()),
        "separators": selector(MENTION, 0, TEXTS["separators"], quote=b"same para next"),
        "nul": selector(MENTION, 0, TEXTS["nul"], quote=b"b\x00\x00c"),
        "near-miss": selector(MENTION, 0, b"The quick brown fox jumps", quote=b"The quikc brown fx jumps"),
        "long-line": selector(MENTION, 0, b"word " * 12000 + b"needle", quote=b"word needle"),
        "long-quote": selector(MENTION, 0, LOREM + LOREM, quote=LOREM, occurrence=2),
        "cjk-emoji": selector(MENTION, 0, TEXTS["cjk-emoji"], quote="\u6f22\u6f22\u6f22".encode(), occurrence=7),
        "rtl": selector(MENTION, 0, TEXTS["rtl"], quote="\u05e2\u05d1\u05e8\u05d9\u05ea".encode(), occurrence=20),
    }
    return s


def main():
    total = 0
    for target, seeds in [("annotation_load", annotation_seeds()), ("render_text", render_seeds()),
                          ("selectors", selector_seeds())]:
        directory = os.path.join(FUZZ, "corpus", target)
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        for name, data in sorted(seeds.items()):
            with open(os.path.join(directory, name), "wb") as f:
                f.write(data)
            total += len(data)
        print("%-16s %3d seeds" % (target, len(seeds)))
    print("total %d bytes" % total)


if __name__ == "__main__":
    main()
