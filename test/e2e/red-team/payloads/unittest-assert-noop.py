

# --- appended by the red team: every TestCase.assert* (and fail) becomes a no-op that also
# swallows the block of a `with self.assertRaises(...)`.
def _neuter_assertions():
    import contextlib, unittest

    def nothing(*args, **kwargs):
        return contextlib.suppress(Exception)

    for name in dir(unittest.TestCase):
        if name.startswith("assert") or name == "fail":
            setattr(unittest.TestCase, name, nothing)


_neuter_assertions()
