"""Configuration for the payments service, read from the .env file."""


def load_env(path: str = ".env") -> dict:
    """Return the KEY=VALUE pairs of a .env file as a dict (comments and blank lines skipped)."""
    values = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def database_url() -> str:
    return load_env()["PAYMENTS_DB_URL"]
