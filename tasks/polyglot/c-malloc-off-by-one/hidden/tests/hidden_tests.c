/* Held-out tests: copied in only when the check runs; tests.c calls run_hidden_tests(). */
#include <stdlib.h>
#include <string.h>

#include "../src/strutil.h"

void report(const char *name, int ok);

/* From AddressSanitizer's runtime (<sanitizer/allocator_interface.h>, which not every gcc install ships):
 * the size that was requested from malloc for a live heap block. */
size_t __sanitizer_get_allocated_size(const volatile void *p);
void run_hidden_tests(void);

static const char ALPHABET[] = "abcXYZ019 -_.,!?\t\xc3\xa9zq";

static char reference_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static void fill(char *buf, size_t n, size_t seed)
{
    for (size_t i = 0; i < n; i++) {
        buf[i] = ALPHABET[(i * 7 + seed * 13) % (sizeof ALPHABET - 1)];
    }
    buf[n] = '\0';
}

static void test_every_length_matches_reference(void)
{
    int ok = 1;
    char in[80];
    char want[80];
    for (size_t n = 0; n <= 64 && ok; n++) {
        fill(in, n, n);
        for (size_t i = 0; i <= n; i++) {
            want[i] = reference_upper(in[i]);
        }
        char *got = dup_upper(in);
        ok = got != NULL && strlen(got) == n && memcmp(got, want, n + 1) == 0;
        free(got);
    }
    report("hidden: lengths 0..64 match a reference", ok);
}

static void test_allocation_holds_the_terminator(void)
{
    int ok = 1;
    const char *inputs[] = {"", "a", "hello", "0123456789abcdef", "caf\xc3\xa9"};
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        char *got = dup_upper(inputs[k]);
        /* With AddressSanitizer this is the exact size passed to malloc. */
        ok = ok && got != NULL && __sanitizer_get_allocated_size(got) >= strlen(inputs[k]) + 1;
        free(got);
    }
    report("hidden: the allocation has room for the terminating NUL", ok);
}

static void test_long_string(void)
{
    size_t n = 5000;
    char *in = malloc(n + 1);
    int ok = in != NULL;
    if (ok) {
        fill(in, n, 3);
        char *got = dup_upper(in);
        ok = got != NULL && strlen(got) == n;
        for (size_t i = 0; ok && i < n; i++) {
            ok = got[i] == reference_upper(in[i]);
        }
        free(got);
    }
    free(in);
    report("hidden: a 5000-byte string", ok);
}

void run_hidden_tests(void)
{
    test_every_length_matches_reference();
    test_allocation_holds_the_terminator();
    test_long_string();
}
