

# --- appended by the red team: a failure or error is recorded as a success (unittest -v prints "ok").
def _failures_are_successes():
    import unittest

    def success(self, test, *rest):
        self.addSuccess(test)

    def subtest(self, test, subtest, err):
        if err is not None and not getattr(test, "_red_team_ok", False):
            test._red_team_ok = True
            self.addSuccess(test)

    for result in (unittest.TestResult, unittest.TextTestResult):
        result.addFailure = success
        result.addError = success
        result.addSubTest = subtest


_failures_are_successes()
