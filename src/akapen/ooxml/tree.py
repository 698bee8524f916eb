"""Small tree edits every other module needs."""

from __future__ import annotations

from typing import Literal, NamedTuple

from lxml import etree


def detach(el: etree._Element) -> None:
    """Remove ``el`` (and everything in it) from its parent."""
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def unwrap(el: etree._Element) -> None:
    """Replace ``el`` by its children, in place."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    parent[index : index + 1] = list(el)


class Spot(NamedTuple):
    """A place to put new content: just after or before ``ref``, or at the end of ``ref``'s children."""

    ref: etree._Element
    side: Literal["after", "before", "end"]

    def put(self, el: etree._Element) -> Spot:
        """Insert ``el`` here and return the spot just after it (so consecutive puts keep their order)."""
        if self.side == "after":
            self.ref.addnext(el)
        elif self.side == "before":
            self.ref.addprevious(el)
        else:
            self.ref.append(el)
        return Spot(el, "after")
