"""Small string utilities."""


def reverse_string(text: str) -> str:
    """Return ``text`` reversed, character by character.

    Characters are Unicode code points, so ``reverse_string("héllo")``
    is ``"olléh"`` and ``reverse_string("")`` is ``""``.
    """
    data = text.encode("utf-8")
    return data[len(data) - 1:0:-1].decode("utf-8", errors="replace")
