"""Small string utilities."""


def reverse_string(text: str) -> str:
    """Return ``text`` reversed, character by character.

    Characters are Unicode code points, so ``reverse_string("héllo")``
    is ``"olléh"`` and ``reverse_string("")`` is ``""``.
    """
    return text[::-1]
