#!/usr/bin/env python3
"""Writes the hostile texts in this directory (they hold raw control bytes,
which are awkward to type and easy to lose in an editor):

- hostile.md: the article of the hostile briefing (hostile.toml);
- hostile-controls.txt: a plain text, no annotations, with NUL bytes and
  every C0 control;
- hostile.toml: its annotations, loading without errors, with controls,
  bidi overrides, separators and zero-width characters in every free-text
  field (written as TOML escapes, so the file itself is plain);
- broken-entity.toml: annotations with errors whose diagnostics quote
  hostile strings (an unknown entity id with an OSC sequence and a bidi
  override, an unknown key made of escapes);
- separators.txt: a plain text whose unsafe characters that Unicode also
  calls whitespace (U+2028, U+2029, NEL, VT, FF) sit between words, where
  a line may wrap, next to an ESC and a bidi override;
- broken-syntax.toml: an annotation file that is not TOML, whose bad line
  holds raw ESC, BEL, C1 and bidi controls (TOML parsers quote it).

Run from anywhere: python3 tests/hostile/make.py. The outputs are committed;
tests read them, they never run this.
"""

import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

ESC = "\x1b"
BEL = "\x07"
OSC_TITLE = ESC + "]0;pwned" + BEL  # set the window title
OSC_TITLE_ST = ESC + "]2;pwned" + ESC + "\\"  # the same, ended by ST
OSC_CLIPBOARD = ESC + "]52;c;cHduZWQ=" + BEL  # write "pwned" to the clipboard
OSC_CLIPBOARD_READ = ESC + "]52;c;?" + BEL  # ask for the clipboard
LEAVE_ALT = ESC + "[?1049l"  # back to the main screen
CLEAR = ESC + "[2J"  # erase the screen
DCS = ESC + "P+q544e" + ESC + "\\"  # XTGETTCAP request
C1_CSI = "\u009b31m"  # CSI as a C1 control
C1_OSC = "\u009d0;pwned\u009c"  # OSC ... ST as C1 controls
NEL = "\u0085"
RLO, PDF, LRO = "\u202e", "\u202c", "\u202d"
RLI, PDI = "\u2067", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
LSEP, PSEP = "\u2028", "\u2029"
ZWSP, ZWNJ, ZWJ, WJ, BOM = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"

# A letter with 2,000 combining acute accents (one grapheme cluster).
ZALGO = "a" + "\u0301" * 2000

FAMILY = "\U0001F469" + ZWJ + "\U0001F469" + ZWJ + "\U0001F467" + ZWJ + "\U0001F466"
RAINBOW = "\U0001F3F3\ufe0f" + ZWJ + "\U0001F308"
FLAGS = "\U0001F1FA\U0001F1E6\U0001F1F7\U0001F1FA\U0001F1EF\U0001F1F5"
THUMB = "\U0001F44D\U0001F3FD"


def long_line():
    """About 100 KB of words on one line, ending in a findable word."""
    words = []
    size = 0
    n = 0
    while size < 100_000:
        word = f"filler{n:05d}"
        words.append(word)
        size += len(word) + 1
        n += 1
    return " ".join(words) + " longlineend"


def hostile_md():
    lines = [
        f"# Hostile {OSC_TITLE}briefing {CLEAR}heading",
        "",
        f"*A caption with a bell{BEL} and a bidi override {RLO}desrever{PDF}.*",
        "",
        "## Bottom line up front",
        "",
        f"- The Evil{CLEAR} Corp tried {OSC_TITLE} to set the title.",
        f"- The clipboard{OSC_CLIPBOARD} was written and read{OSC_CLIPBOARD_READ}.",
        f"- Leaving the alternate screen{LEAVE_ALT} must not happen.",
        "",
        "## Controls",
        "",
        f"Seven-bit escapes: title{OSC_TITLE_ST} request{DCS} "
        f"lone escape {ESC} and DEL \x7f and backspace \x08 here.",
        "",
        f"Eight-bit C1 controls: csi{C1_CSI} osc{C1_OSC} next line{NEL}after "
        "and \u0080\u0090\u009f at the edges.",
        "",
        f"Bidi: {RLO}evil override{PDF} {LRO}forced{PDF} {RLI}isolate{PDI} "
        f"marks {LRM}{RLM}{ALM} done.",
        "",
        f"Separators: line{LSEP}separator and paragraph{PSEP}separator.",
        "",
        f"Invisible: zero{ZWSP}width non{ZWNJ}joiner word{WJ}joiner bom{BOM}here.",
        "",
        "Tabs:\tone\ttwo\t\tthree.",
        "",
        "A lone carriage return\rstarts a new line in this paragraph.",
        "",
        "## Scripts",
        "",
        "CJK: 東京都庁で会議が開かれた。北京市人民政府。서울특별시청.",
        "",
        f"Emoji: family {FAMILY} rainbow {RAINBOW} flags {FLAGS} thumb {THUMB}.",
        "",
        f"Combining: {ZALGO} after the zalgo letter.",
        "",
        "Arabic: قال المتحدث إن الهجوم وقع مساء الجمعة.",
        "",
        "Hebrew: הדובר אמר שהתקיפה התרחשה ביום שישי.",
        "",
        "Mixed: the word Zanzibar is the search target, and עברית with English.",
        "",
        "```",
        f"code block {OSC_TITLE} {CLEAR}{BEL} tab\there {C1_CSI} {RLO}x{PDF}",
        "```",
        "",
        f"> quoted {OSC_CLIPBOARD} {LSEP} text",
        "",
        f"<div>raw html {OSC_TITLE}</div>",
        "",
        "## Long line",
        "",
        long_line(),
        "",
        "The end.",
        "",
    ]
    return "\n".join(lines)


def hostile_controls_txt():
    c0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n\r")
    return (
        "Plain text with every C0 control.\n"
        "\n"
        f"NUL here:\x00 and two:\x00\x00 done.\n"
        "\n"
        f"All C0: [{c0}] and DEL [\x7f].\n"
        "\n"
        f"Escapes: {OSC_TITLE} {OSC_CLIPBOARD} {LEAVE_ALT} {CLEAR} {BEL}\n"
        "\n"
        "CRLF line\r\nand CR line\rand the end.\n"
    )


def separators_txt():
    return (
        "Markers at places where lines wrap: alpha"
        f"{PSEP}bravo charlie{LSEP}delta echo{NEL}foxtrot golf\x0bhotel india"
        f"\x0cjuliet kilo{ESC}lima mike{RLO}november{PDF} oscar papa.\n"
    )


def broken_syntax_toml():
    return (
        "format = 1\n"
        "\n"
        "[briefing]\n"
        'text = "hostile.md"\n'
        f'title = "raw {OSC_TITLE} {CLEAR} {BEL} {C1_CSI} {RLO}x{PDF} here"\n'
    )


def toml_string(text):
    """A TOML basic string; controls, format characters, separators and
    combining marks as escapes."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Mn"):
            out.append(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def table(name, fields):
    lines = [name]
    for key, value in fields:
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, str):
            lines.append(f"{key} = {toml_string(value)}")
        elif isinstance(value, list):
            lines.append(f"{key} = [" + ", ".join(toml_string(v) for v in value) + "]")
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


HOSTILE = f"{OSC_TITLE}{OSC_CLIPBOARD}{LEAVE_ALT}{CLEAR}{BEL}{C1_CSI}{NEL}{RLO}{LSEP}{ZWSP}"


def hostile_toml():
    parts = [
        "# The hostile briefing's annotations. Written by make.py: edit there.\n",
        "format = 1\n",
        table(
            "[briefing]",
            [
                ("text", "hostile.md"),
                ("title", f"Hostile briefing{OSC_TITLE} {CLEAR}{RLO}eltit{PDF}{LSEP}end"),
                ("source", f"Scraped{OSC_CLIPBOARD} page{NEL}{BEL}"),
                ("published", f"2024-03-26{LEAVE_ALT}"),
                ("classification", f"UNCLASSIFIED{OSC_TITLE}{BEL}{RLO}"),
                ("summary", f"A summary{LEAVE_ALT} with{CLEAR} every{HOSTILE} trick{PSEP}."),
            ],
        ),
        table("[kinds.vehicle]", [("label", f"Vehicle{OSC_TITLE}{RLO}")]),
        table(
            "[[entity]]",
            [
                ("id", "evil-corp"),
                ("name", f"Evil{CLEAR} Corp"),
                ("kind", "organization"),
                ("aliases", [f"The Evil{CLEAR} Corp"]),
                ("summary", f"Sets the title{OSC_TITLE}, the clipboard{OSC_CLIPBOARD} and leaves{LEAVE_ALT}{BEL}."),
                ("tags", [f"tag{OSC_TITLE}", f"{RLO}gat"]),
            ],
        ),
        table(
            "[[entity]]",
            [
                ("id", "override"),
                ("name", f"{RLO}evil override{PDF}"),
                ("kind", "vehicle"),
                ("summary", f"Bidi{RLO} override{LRO} and{RLI} isolate{LRM}{RLM}{ALM}; line{LSEP}break{NEL}next."),
            ],
        ),
        table(
            "[[entity]]",
            [
                ("id", "zanzibar"),
                ("name", "Zanzibar"),
                ("kind", "place"),
                ("aliases", [f"zero{ZWSP}width"]),
                ("summary", f"Invisible{ZWSP}{ZWNJ}{WJ}{BOM} characters and a 2000-mark letter {ZALGO}."),
            ],
        ),
        table(
            "[[entity]]",
            [
                ("id", "tokyo"),
                ("name", "東京都庁"),
                ("kind", "facility"),
                ("auto", False),
                ("summary", f"CJK 東京都庁 with{C1_OSC} C1 controls."),
            ],
        ),
        table(
            "[[entity]]",
            [
                ("id", "spokesman"),
                ("name", "المتحدث"),
                ("kind", "person"),
                ("aliases", ["הדובר"]),
                ("summary", f"RTL: قال المتحدث {RLO}و{PDF} הדובר אמר."),
            ],
        ),
        table(
            "[[entity]]",
            [
                ("id", "family"),
                ("name", f"family {FAMILY}"),
                ("kind", "group"),
                ("summary", f"Emoji {FAMILY} {RAINBOW} {FLAGS} {THUMB}{OSC_TITLE}."),
            ],
        ),
        table(
            "[[entity]]",
            [
                ("id", "zalgo"),
                ("name", f"zalgo{BEL}"),
                ("kind", "other"),
                ("auto", False),
                ("summary", f"A letter{DCS} with 2,000 combining marks."),
            ],
        ),
        table(
            "[[mention]]",
            [("entity", "tokyo"), ("quote", "東京都庁"), ("kind", f"cjk{OSC_TITLE}")],
        ),
        table(
            "[[mention]]",
            [("entity", "zalgo"), ("quote", ZALGO), ("kind", f"marks{RLO}")],
        ),
        table(
            "[[mention]]",
            [("entity", "evil-corp"), ("quote", f"title{OSC_TITLE_ST} request"), ("kind", f"osc{BEL}")],
        ),
        table(
            "[[relation]]",
            [
                ("from", "evil-corp"),
                ("to", "override"),
                ("kind", f"controls{OSC_TITLE}{RLO}"),
                ("note", f"Relation note{OSC_CLIPBOARD}{LSEP}{NEL}."),
                ("quote", f"Leaving the alternate screen{LEAVE_ALT} must not happen."),
            ],
        ),
        table(
            "[[relation]]",
            [("from", "family"), ("to", "family"), ("kind", f"self{BEL}")],
        ),
        table(
            "[[event]]",
            [
                ("id", "title-set"),
                ("date", "2024-03-22"),
                ("label", f"22 March{OSC_TITLE}"),
                ("title", f"The title{OSC_TITLE} is set{CLEAR}{RLO}"),
                ("entities", ["evil-corp"]),
                ("note", f"Event note{LEAVE_ALT}{BEL}{LSEP}."),
                ("quote", f"tried {OSC_TITLE} to set the title"),
            ],
        ),
        table(
            "[[event]]",
            [
                ("id", "far-future"),
                ("date", "2099-12-31?"),
                ("title", f"{RLO}Future{PDF} {FAMILY}"),
                ("entities", ["family", "zanzibar"]),
            ],
        ),
        table(
            "[[note]]",
            [
                ("kind", "disputed"),
                ("quote", f"csi{C1_CSI} osc{C1_OSC}"),
                ("text", f"C1 note{C1_CSI}{C1_OSC}{NEL}{OSC_TITLE}{BEL}."),
                ("entities", ["evil-corp"]),
            ],
        ),
        table(
            "[[note]]",
            [
                ("kind", "comment"),
                ("quote", "A lone carriage return\rstarts a new line"),
                ("text", f"Tabs\tand{OSC_CLIPBOARD} CR\r note {RLO}."),
            ],
        ),
        table(
            "[[note]]",
            [
                ("kind", "unverified"),
                ("quote", "longlineend"),
                ("text", f"At the end of the 100 KB line{LEAVE_ALT}."),
            ],
        ),
    ]
    return "\n".join(parts)


def broken_entity_toml():
    parts = [
        "# Errors whose messages quote hostile strings. Written by make.py.\n",
        f"format = 1\n{toml_string(OSC_TITLE + RLO)} = 1\n",
        table("[briefing]", [("text", "hostile.md"), ("title", f"Broken{OSC_TITLE}")]),
        table(
            "[[entity]]",
            [("id", "evil-corp"), ("name", f"Evil{CLEAR} Corp"), ("kind", "organization")],
        ),
        table(
            "[[mention]]",
            [("entity", f"evil-corp{OSC_TITLE}{RLO}"), ("quote", "Zanzibar")],
        ),
        table(
            "[[relation]]",
            [("from", "evil-corp"), ("to", f"{RLO}{OSC_CLIPBOARD}{LEAVE_ALT}"), ("kind", "x")],
        ),
        table(
            "[[note]]",
            [("kind", f"gap{BEL}{C1_CSI}"), ("quote", "Zanzibar"), ("text", "bad kind")],
        ),
        table(
            "[[mention]]",
            [("entity", "evil-corp"), ("quote", f"not in the text{OSC_TITLE}{RLO}{LSEP}")],
        ),
        table(
            "[[event]]",
            [("id", "bad-date"), ("date", f"2024{CLEAR}{RLO}"), ("title", "x")],
        ),
    ]
    return "\n".join(parts)


def write(name, text):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(text.encode("utf-8"))


if __name__ == "__main__":
    write("hostile.md", hostile_md())
    write("hostile.toml", hostile_toml())
    write("broken-entity.toml", broken_entity_toml())
    write("hostile-controls.txt", hostile_controls_txt())
    write("separators.txt", separators_txt())
    write("broken-syntax.toml", broken_syntax_toml())
