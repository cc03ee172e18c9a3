#ifndef RINGBUF_H
#define RINGBUF_H

#include <stddef.h>

/* A fixed-capacity FIFO of ints that overwrites its oldest value when full
 * (e.g. "keep the last N samples"). */
typedef struct {
    int *data;
    size_t cap;   /* number of slots in data */
    size_t head;  /* index of the oldest value */
    size_t tail;  /* index where the next value goes */
    size_t len;   /* number of values held, 0..cap */
} ringbuf;

/* Allocates cap slots. Returns 0 on success, -1 if cap is 0 or allocation fails. */
int rb_init(ringbuf *rb, size_t cap);
void rb_free(ringbuf *rb);
/* Appends v; when the buffer is full the oldest value is dropped. */
void rb_push(ringbuf *rb, int v);
/* Removes the oldest value into *out. Returns 1, or 0 if the buffer is empty. */
int rb_pop(ringbuf *rb, int *out);
size_t rb_len(const ringbuf *rb);
/* Copies up to n values, oldest first, into out. Returns how many were copied. */
size_t rb_copy(const ringbuf *rb, int *out, size_t n);

#endif
