"""The mark for interface strings written in Python: extracted by Babel, translated later."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the name Babel's extractor looks for
    """Mark a string for extraction; it is translated where used, into that page's language.

    Babel finds `N_("...")` calls by name in every module (theme/babel.cfg), so each module
    imports this one definition and calls it as `N_`.
    """
    return message
