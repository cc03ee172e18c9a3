#ifndef STRUTIL_H
#define STRUTIL_H

#include <stddef.h>

/*
 * Returns a newly allocated copy of the NUL-terminated string `s` with the
 * ASCII letters a-z turned into A-Z; every other byte (digits, punctuation,
 * UTF-8 sequences) is copied unchanged. The caller frees the result with
 * free(). Returns NULL if memory cannot be allocated.
 */
char *dup_upper(const char *s);

/* Counts the ASCII upper-case letters A-Z in `s`. */
size_t count_upper(const char *s);

#endif
