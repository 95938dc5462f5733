"""C++ sources as the Python tests read them: string literals outside comments."""
import re

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def string_literals(source):
    """(line, text) of every ordinary string literal outside comments and character literals."""
    out = []
    i, line, n = 0, 1, len(source)
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += source.count("\n", i, j)
            i = j
        elif c == "R" and source.startswith('R"', i) and (i == 0 or not (source[i - 1].isalnum() or source[i - 1] == "_")):
            open_paren = source.find("(", i + 2)
            delim = ")" + source[i + 2:open_paren] + '"'
            j = source.find(delim, open_paren)
            j = n if j < 0 else j + len(delim)
            line += source.count("\n", i, j)
            i = j
        elif c == "'":
            m = re.compile(r"'(?:[^'\\\n]|\\.)*'").match(source, i)
            i = m.end() if m else i + 1
        elif c == '"':
            m = LITERAL.match(source, i)
            if not m:
                i += 1
                continue
            out.append((line, m.group(1)))
            i = m.end()
        else:
            i += 1
    return out


def strip_comments(source, literals=False):
    """`source` with every comment blanked (spaces, newlines kept): lines and offsets stay.
    With `literals`, the insides of string and character literals are blanked too."""
    out = list(source)
    i, n = 0, len(source)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(i, j)
            i = j
        elif c == "R" and source.startswith('R"', i) and (i == 0 or not (source[i - 1].isalnum() or source[i - 1] == "_")):
            open_paren = source.find("(", i + 2)
            delim = ")" + source[i + 2:open_paren] + '"'
            j = source.find(delim, open_paren)
            j = n if j < 0 else j + len(delim)
            if literals:
                blank(open_paren + 1, j - len(delim))
            i = j
        elif c == "'":
            m = re.compile(r"'(?:[^'\\\n]|\\.)*'").match(source, i)
            if m and literals:
                blank(i + 1, m.end() - 1)
            i = m.end() if m else i + 1
        elif c == '"':
            m = LITERAL.match(source, i)
            if m and literals:
                blank(i + 1, m.end() - 1)
            i = m.end() if m else i + 1
        else:
            i += 1
    return "".join(out)
