/* A tiny test harness: run_test prints "ok <name>" or "FAIL <name>: ..." per test. */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>

extern int tests_passed;
extern int tests_failed;
extern const char *current_test;
extern int current_ok;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            if (current_ok)                                                              \
                printf("FAIL %s: %s:%d: %s\n", current_test, __FILE__, __LINE__, #cond); \
            current_ok = 0;                                                              \
        }                                                                                \
    } while (0)

void run_test(const char *name, void (*fn)(void));

/* Defined by an optional extra test file; the runner calls it when it is linked in. */
void run_hidden_tests(void) __attribute__((weak));

#endif
