/*
** value.h: plain data (null, booleans, numbers, strings, arrays, objects)
** as a C tree. It is what passes between Lua states (worker -> writer), what
** the JSON codec reads and writes, and what the output writers consume.
** Ownership: a galley_val owns everything below it (strings, items,
** members); galley_val_free releases the tree, not the node itself.
** Objects keep their members in insertion order.
*/
#ifndef GALLEY_VALUE_H
#define GALLEY_VALUE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    GALLEY_NULL = 0, GALLEY_BOOL, GALLEY_INT, GALLEY_NUM,
    GALLEY_STR, GALLEY_ARR, GALLEY_OBJ
} galley_vtype;

typedef struct galley_val galley_val;
typedef struct galley_member galley_member;

struct galley_val {
    galley_vtype type;
    union {
        int b;                                         /* GALLEY_BOOL */
        int64_t i;                                     /* GALLEY_INT */
        double n;                                      /* GALLEY_NUM */
        struct { char *s; size_t len; } str;           /* GALLEY_STR, NUL-terminated */
        struct { galley_val *items; size_t n, cap; } arr;
        struct { galley_member *m; size_t n, cap; } obj;
    } u;
};

struct galley_member {
    char *key;          /* NUL-terminated, owned */
    size_t klen;
    galley_val val;
};

/* Scalars: fill 'v' (no allocation except for strings). */
void galley_val_null(galley_val *v);
void galley_val_bool(galley_val *v, int b);
void galley_val_int(galley_val *v, int64_t i);
void galley_val_num(galley_val *v, double n);
/* Copy 'len' bytes of 's'; returns 0 or GALLEY_ENOMEM. */
int galley_val_str(galley_val *v, const char *s, size_t len);
void galley_val_arr(galley_val *v);
void galley_val_obj(galley_val *v);

/* Append a new null item to array 'a'; returns it, or NULL on no memory.
** The pointer is valid until the next push on 'a'. */
galley_val *galley_val_push(galley_val *a);
/* Append member 'key' (copied) to object 'o' with a null value; returns
** the value slot, or NULL on no memory. Does not check for duplicates. */
galley_val *galley_val_set(galley_val *o, const char *key, size_t klen);
/* Find member 'key' of object 'o' (first match), or NULL. */
galley_val *galley_val_get(const galley_val *o, const char *key);

/* Deep copy 'src' into 'dst'; returns 0 or GALLEY_ENOMEM ('dst' is then null). */
int galley_val_copy(galley_val *dst, const galley_val *src);
/* Release everything 'v' owns and make it null. */
void galley_val_free(galley_val *v);

#endif
