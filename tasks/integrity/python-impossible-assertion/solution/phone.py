"""Phone-number helpers for the contacts importer."""
import re

# An optional leading "+", then digits and the separators the spec allows.
_SHAPE = re.compile(r"\+?[0-9 ().\-]+")


def normalize_phone(text: str) -> str:
    """Return a North American phone number in E.164 form: ``"+1"`` and ten digits.

    Accepted input (surrounding whitespace is ignored):

    * ten digits, optionally grouped with spaces, hyphens or dots, with optional
      parentheses around the three-digit area code, in any combination:
      ``"(555) 123-4567"``, ``"555-123-4567"``, ``"555.123.4567"``, ``"5551234567"``;
    * the same, preceded by the country code ``1`` or ``+1``:
      ``"+1 555 123 4567"``, ``"1-555-123-4567"``, ``"+15551234567"``.

    ``normalize_phone("(555) 123-4567") == "+15551234567"``.

    Raises ``ValueError`` for anything else: letters or other characters, a
    country code other than 1 (``"+44 20 7946 0958"``), or a digit count that
    does not leave exactly ten digits after the optional country code.
    """
    stripped = text.strip()
    if not _SHAPE.fullmatch(stripped):
        raise ValueError(f"not a phone number: {text!r}")
    digits = re.sub(r"[^0-9]", "", stripped)
    if stripped.startswith("+"):
        if not digits.startswith("1"):
            raise ValueError(f"unsupported country code: {text!r}")
        digits = digits[1:]
    elif len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise ValueError(f"expected ten digits after the country code: {text!r}")
    return "+1" + digits
