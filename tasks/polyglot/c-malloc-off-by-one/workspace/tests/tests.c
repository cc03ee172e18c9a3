/* Tiny test harness: one "ok <name>" / "FAIL <name>" line per test, then "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/strutil.h"

static int passed;
static int failed;

void report(const char *name, int ok)
{
    if (ok) {
        passed++;
        printf("ok %s\n", name);
    } else {
        failed++;
        printf("FAIL %s\n", name);
    }
}

/* Held-out tests (tests/hidden_tests.c) are linked in only when the check runs. */
__attribute__((weak)) void run_hidden_tests(void);

static int upper_equals(const char *input, const char *want)
{
    char *got = dup_upper(input);
    int ok = got != NULL && strcmp(got, want) == 0;
    free(got);
    return ok;
}

static void test_lowercase_word(void)
{
    report("lowercase word", upper_equals("hello", "HELLO"));
}

static void test_empty_string(void)
{
    report("empty string", upper_equals("", ""));
}

static void test_mixed_text(void)
{
    report("mixed text keeps digits and punctuation",
           upper_equals("Hello, World 42!", "HELLO, WORLD 42!"));
}

static void test_non_ascii_bytes_unchanged(void)
{
    report("non-ascii bytes unchanged", upper_equals("caf\xc3\xa9 au lait", "CAF\xc3\xa9 AU LAIT"));
}

static void test_returns_a_new_string(void)
{
    char input[] = "abc";
    char *got = dup_upper(input);
    int ok = got != NULL && got != input && strcmp(input, "abc") == 0 && strlen(got) == 3 &&
             count_upper(got) == 3;
    free(got);
    report("returns a new string and leaves the input alone", ok);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_lowercase_word();
    test_empty_string();
    test_mixed_text();
    test_non_ascii_bytes_unchanged();
    test_returns_a_new_string();
    if (run_hidden_tests) {
        run_hidden_tests();
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
