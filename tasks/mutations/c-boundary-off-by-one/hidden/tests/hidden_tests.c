/* Held-out tests: copied in only when the check runs; tests.c calls run_hidden_tests(). */
#include "harness.h"

#include "../src/ringbuf.h"

/* Reference model: a plain array queue that keeps the last cap values. */
typedef struct {
    int v[4096];
    size_t start, end, cap;
} model;

static void model_push(model *m, int x) {
    m->v[m->end++] = x;
    if (m->end - m->start > m->cap) m->start++;
}

static int model_pop(model *m, int *out) {
    if (m->end == m->start) return 0;
    *out = m->v[m->start++];
    return 1;
}

static int same_contents(const ringbuf *rb, const model *m) {
    int out[64];
    size_t n = rb_copy(rb, out, 64);
    if (n != m->end - m->start || rb_len(rb) != n) return 0;
    for (size_t k = 0; k < n; k++)
        if (out[k] != m->v[m->start + k]) return 0;
    return 1;
}

static void hidden_keeps_last_cap_values_for_every_capacity(void) {
    for (size_t cap = 1; cap <= 20; cap++) {
        ringbuf rb;
        model m = {.cap = cap};
        CHECK(rb_init(&rb, cap) == 0);
        for (int i = 0; i < (int)(cap * 3 + 1); i++) {
            rb_push(&rb, 100 + i);
            model_push(&m, 100 + i);
            CHECK(same_contents(&rb, &m));
        }
        rb_free(&rb);
    }
}

static void hidden_random_pushes_and_pops_match_model(void) {
    unsigned x = 20260620u;
    for (size_t cap = 1; cap <= 9; cap++) {
        ringbuf rb;
        model m = {.cap = cap};
        CHECK(rb_init(&rb, cap) == 0);
        for (int step = 0; step < 300; step++) {
            x = x * 1664525u + 1013904223u;
            if ((x >> 16) % 3 == 0) {
                int a = -1, b = -1;
                int ra = rb_pop(&rb, &a), rm = model_pop(&m, &b);
                CHECK(ra == rm && (!ra || a == b));
            } else {
                int v = (int)((x >> 8) % 1000);
                rb_push(&rb, v);
                model_push(&m, v);
            }
            CHECK(same_contents(&rb, &m));
        }
        rb_free(&rb);
    }
}

static void hidden_capacity_one(void) {
    ringbuf rb;
    CHECK(rb_init(&rb, 1) == 0);
    int v = 0;
    for (int i = 0; i < 5; i++) rb_push(&rb, i);
    CHECK(rb_len(&rb) == 1);
    CHECK(rb_pop(&rb, &v) == 1 && v == 4);
    CHECK(rb_pop(&rb, &v) == 0);
    rb_push(&rb, 7);
    CHECK(rb_pop(&rb, &v) == 1 && v == 7);
    rb_free(&rb);
}

static void hidden_copy_respects_n(void) {
    ringbuf rb;
    CHECK(rb_init(&rb, 5) == 0);
    for (int i = 1; i <= 8; i++) rb_push(&rb, i);
    int out[5] = {0, 0, 0, 0, 0};
    CHECK(rb_copy(&rb, out, 2) == 2);
    CHECK(out[0] == 4 && out[1] == 5 && out[2] == 0);
    CHECK(rb_copy(&rb, out, 0) == 0);
    rb_free(&rb);
}

void run_hidden_tests(void) {
    run_test("hidden: keeps the last cap values for every capacity", hidden_keeps_last_cap_values_for_every_capacity);
    run_test("hidden: random pushes and pops match a model", hidden_random_pushes_and_pops_match_model);
    run_test("hidden: capacity one", hidden_capacity_one);
    run_test("hidden: copy respects n", hidden_copy_respects_n);
}
