"""C++ sources as the Python tests read them: comments, string and character literals."""
import re

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
CHAR = re.compile(r"'(?:[^'\\\n]|\\.)*'")


def tokens(source):
    """(kind, start, end, inner_start, inner_end) of every comment ("comment"), raw string ("raw"),
    character literal ("char") and ordinary string literal ("string"), in order; `inner` is the
    text between the delimiters."""
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            yield "comment", i, j, i, j
            i = j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            yield "comment", i, j, i, j
            i = j
        elif c == "R" and source.startswith('R"', i) and (i == 0 or not (source[i - 1].isalnum() or source[i - 1] == "_")):
            open_paren = source.find("(", i + 2)
            delim = ")" + source[i + 2:open_paren] + '"'
            j = source.find(delim, open_paren)
            j = n if j < 0 else j + len(delim)
            yield "raw", i, j, open_paren + 1, max(open_paren + 1, j - len(delim))
            i = j
        elif c in "'\"":
            m = (CHAR if c == "'" else LITERAL).match(source, i)
            if not m:
                i += 1
                continue
            yield ("char" if c == "'" else "string"), i, m.end(), i + 1, m.end() - 1
            i = m.end()
        else:
            i += 1


def string_literals(source):
    """(line, text) of every ordinary string literal outside comments and character literals."""
    out, line, at = [], 1, 0
    for kind, start, _, inner_start, inner_end in tokens(source):
        if kind == "string":
            line += source.count("\n", at, start)
            at = start
            out.append((line, source[inner_start:inner_end]))
    return out


def strip_comments(source, literals=False):
    """`source` with every comment blanked (spaces, newlines kept): lines and offsets stay.
    With `literals`, the insides of string and character literals are blanked too."""
    out = list(source)
    for kind, start, end, inner_start, inner_end in tokens(source):
        a, b = (start, end) if kind == "comment" else (inner_start, inner_end) if literals else (0, 0)
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "
    return "".join(out)
