#include "strutil.h"

#include <stdlib.h>
#include <string.h>

static char ascii_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

char *dup_upper(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n);
    if (out == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        out[i] = ascii_upper(s[i]);
    }
    out[n] = '\0';
    return out;
}

size_t count_upper(const char *s)
{
    size_t count = 0;
    for (; *s != '\0'; s++) {
        if (*s >= 'A' && *s <= 'Z') {
            count++;
        }
    }
    return count;
}
