"""Phone-number helpers for the contacts importer."""


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
    raise NotImplementedError("normalize_phone is not implemented yet")
