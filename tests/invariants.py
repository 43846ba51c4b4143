"""The report invariant, as a function the tests share."""

import unicodedata

from cleaner.document import LINE_BREAK


def visible(line: str) -> str:
    """What a reader sees of a line: no white space and no invisible format
    characters (zero-width space, byte-order mark, soft hyphen) at its edges."""
    def edge(char: str) -> bool:
        return char.isspace() or unicodedata.category(char) == "Cf"

    start, end = 0, len(line)
    while start < end and edge(line[start]):
        start += 1
    while end > start and edge(line[end - 1]):
        end -= 1
    return line[start:end]


def delete_spans(text: str, removals) -> str:
    pieces, position = [], 0
    for removal in sorted(removals, key=lambda r: r.start):
        assert removal.start >= position, "reported spans overlap"
        pieces.append(text[position:removal.start])
        position = removal.end
    pieces.append(text[position:])
    return "".join(pieces)


def normalised_lines(text: str) -> list[str]:
    """Strip each line of what a reader does not see, and drop the empty ones."""
    lines = (visible(line) for line in LINE_BREAK.split(text))
    return [line for line in lines if line]
