"""Generated blocks of a Markdown file: the text between
    <!-- generated: NAME ... -->
and the next
    <!-- end generated -->
is replaced; everything outside the blocks is left as it was."""

import re

START = re.compile(r"^<!-- generated: ([\w-]+)[^>]*-->\s*$")
END = "<!-- end generated -->"


def names(text):
    return [m.group(1) for line in text.splitlines() if (m := START.match(line))]


def replace(text, blocks):
    """Returns text with each named block's body replaced by blocks[name] (blocks not in
    `blocks` are left alone). Raises ValueError on an unclosed block or a name in `blocks`
    that the text does not have."""
    out, current, seen = [], None, set()
    for line in text.splitlines(keepends=True):
        m = START.match(line.rstrip("\n"))
        if current is None:
            out.append(line)
            if m:
                current = m.group(1)
                if current in seen:
                    raise ValueError(f"generated block '{current}' appears twice")
                seen.add(current)
                if current in blocks:
                    out.append(blocks[current].rstrip("\n") + "\n")
        elif line.strip() == END:
            out.append(line)
            current = None
        elif m:
            raise ValueError(f"generated block '{current}' is not closed before '{m.group(1)}'")
        elif current not in blocks:
            out.append(line)
    if current is not None:
        raise ValueError(f"generated block '{current}' is not closed")
    missing = set(blocks) - seen
    if missing:
        raise ValueError("no generated block named " + ", ".join(sorted(missing)))
    return "".join(out)
