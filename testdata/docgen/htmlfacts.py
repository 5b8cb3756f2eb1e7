# SPDX-License-Identifier: MIT
# Prints what an HTML memo says, for the docgen tests: one line per start tag
# ("tag NAME"), link ("href URL") and text run ("text TEXT", entities decoded,
# white space folded). Exits 1 when an end tag does not match its start tag.
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Facts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []

    def handle_starttag(self, tag, attrs):
        print("tag", tag)
        for name, value in attrs:
            if name == "href":
                print("href", value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unexpected </%s> at line %d" % (tag, self.getpos()[0]))
            return
        self.stack.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            print("text", text)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        p = Facts()
        p.feed(f.read())
        p.close()
    if p.stack:
        p.errors.append("unclosed: " + " ".join(p.stack))
    for e in p.errors:
        print("htmlfacts:", e, file=sys.stderr)
    return 1 if p.errors else 0


if __name__ == "__main__":
    sys.exit(main())
