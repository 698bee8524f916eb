"""Namespaces and the ``w:p`` → ``{namespace}p`` shorthand."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NSMAP = {"w": W_NS, "r": R_NS}

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def qn(tag: str) -> str:
    """``w:p`` → ``{namespace}p``."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"
