"""Moving a row among its siblings, with its shown number following its position."""
from __future__ import annotations


def move_among(rows: list, row_id: int, direction: str) -> bool:
    """Move one row up or down among its siblings (ordered by position), renumbering the positions 1…n.

    Rows that carry a shown ``number`` (a plan's «№», a roadmap's) keep their numbers in order of
    position: the numbers stay where they stood and the rows move past them, so a list read 1, 2, 3
    still reads 1, 2, 3 after a move, whatever the numbers' form («1», «1.2», «I»).
    Returns whether anything moved."""
    index = next(i for i, row in enumerate(rows) if row.id == row_id)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(rows):
        return False
    numbers = [getattr(row, "number", None) for row in rows]
    rows[index], rows[other] = rows[other], rows[index]
    for position, (row, number) in enumerate(zip(rows, numbers), start=1):
        if row.position != position:
            row.position = position
        if number is not None and row.number != number:
            row.number = number
    return True
