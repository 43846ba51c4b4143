"""The report invariant, as a function the tests share."""

from cleaner.document import LINE_BREAK


def delete_spans(text: str, removals) -> str:
    pieces, position = [], 0
    for removal in sorted(removals, key=lambda r: r.start):
        assert removal.start >= position, "reported spans overlap"
        pieces.append(text[position:removal.start])
        position = removal.end
    pieces.append(text[position:])
    return "".join(pieces)


def normalised_lines(text: str) -> list[str]:
    """Strip each line and drop the empty ones."""
    return [line.strip() for line in LINE_BREAK.split(text) if line.strip()]
