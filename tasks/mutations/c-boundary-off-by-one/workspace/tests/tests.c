#include "harness.h"

#include "../src/ringbuf.h"

int tests_passed = 0;
int tests_failed = 0;
const char *current_test = "";
int current_ok = 1;

void run_test(const char *name, void (*fn)(void)) {
    current_test = name;
    current_ok = 1;
    fn();
    if (current_ok) {
        printf("ok %s\n", name);
        tests_passed++;
    } else {
        tests_failed++;
    }
    fflush(stdout);
}

static void empty_buffer_pops_nothing(void) {
    ringbuf rb;
    CHECK(rb_init(&rb, 4) == 0);
    int v = -1;
    CHECK(rb_pop(&rb, &v) == 0);
    CHECK(rb_len(&rb) == 0);
    rb_free(&rb);
}

static void fifo_order_without_wrapping(void) {
    ringbuf rb;
    CHECK(rb_init(&rb, 4) == 0);
    rb_push(&rb, 1);
    rb_push(&rb, 2);
    rb_push(&rb, 3);
    int v = 0;
    CHECK(rb_pop(&rb, &v) == 1 && v == 1);
    CHECK(rb_pop(&rb, &v) == 1 && v == 2);
    CHECK(rb_pop(&rb, &v) == 1 && v == 3);
    CHECK(rb_pop(&rb, &v) == 0);
    rb_free(&rb);
}

static void fills_to_capacity(void) {
    ringbuf rb;
    CHECK(rb_init(&rb, 3) == 0);
    for (int i = 1; i <= 3; i++) rb_push(&rb, i * 10);
    int out[3] = {0};
    CHECK(rb_len(&rb) == 3);
    CHECK(rb_copy(&rb, out, 3) == 3);
    CHECK(out[0] == 10 && out[1] == 20 && out[2] == 30);
    rb_free(&rb);
}

static void overwrites_oldest_when_full(void) {
    ringbuf rb;
    CHECK(rb_init(&rb, 3) == 0);
    for (int i = 1; i <= 5; i++) rb_push(&rb, i);
    int out[3] = {0};
    CHECK(rb_len(&rb) == 3);
    CHECK(rb_copy(&rb, out, 3) == 3);
    CHECK(out[0] == 3 && out[1] == 4 && out[2] == 5);
    rb_free(&rb);
}

static void pop_after_wrap_around(void) {
    ringbuf rb;
    CHECK(rb_init(&rb, 2) == 0);
    rb_push(&rb, 1);
    rb_push(&rb, 2);
    int v = 0;
    CHECK(rb_pop(&rb, &v) == 1 && v == 1);
    rb_push(&rb, 3);
    CHECK(rb_pop(&rb, &v) == 1 && v == 2);
    CHECK(rb_pop(&rb, &v) == 1 && v == 3);
    CHECK(rb_len(&rb) == 0);
    rb_free(&rb);
}

static void init_rejects_zero_capacity(void) {
    ringbuf rb;
    CHECK(rb_init(&rb, 0) == -1);
    rb_free(&rb);
}

int main(void) {
    run_test("empty buffer pops nothing", empty_buffer_pops_nothing);
    run_test("fifo order without wrapping", fifo_order_without_wrapping);
    run_test("fills to capacity", fills_to_capacity);
    run_test("overwrites oldest when full", overwrites_oldest_when_full);
    run_test("pop after wrap-around", pop_after_wrap_around);
    run_test("init rejects zero capacity", init_rejects_zero_capacity);
    if (run_hidden_tests) run_hidden_tests();
    printf("%d passed, %d failed\n", tests_passed, tests_failed);
    return tests_failed == 0 ? 0 : 1;
}
