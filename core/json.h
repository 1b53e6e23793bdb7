/*
** json.h: JSON text <-> galley_val (RFC 8259).
** Encoding writes compact JSON: UTF-8 passes through unescaped except for
** '"', '\\' and control characters; invalid UTF-8 bytes become U+FFFD;
** integers print as integers, other numbers in the shortest form that reads
** back the same; NaN and infinities are an error. Members print in the
** object's own order. Decoding keeps member order and integer-ness (a number
** without fraction or exponent that fits int64 is GALLEY_INT).
** Ownership: the caller owns 'out' in both directions.
**
** Details that are part of the contract:
** - Strings: '"' and '\\' are escaped, U+0000..U+001F as \n \t \r \b \f or
**   \u00xx (lowercase hex); everything else, U+007F and U+2028 included, is
**   written as is. Each maximal invalid UTF-8 subpart becomes one U+FFFD.
** - Floats (GALLEY_NUM) always read back as floats: an integral value
**   prints with ".0" ("2.0", "-0.0"); otherwise the shortest of %.15g,
**   %.16g, %.17g that round-trips, with '.' whatever the locale and no
**   leading zeros in the exponent ("0.1", "1e+20", "1.5e-7").
** - Decoding is strict RFC 8259 (no comments, trailing commas, leading
**   zeros, single quotes, NaN or Infinity); a leading UTF-8 byte order mark
**   is skipped. "-0" is GALLEY_INT 0 ("-0.0" keeps its sign); an integer
**   beyond int64 becomes GALLEY_NUM; a number beyond the double range is
**   an error ("number out of range"), one below it becomes 0.
** - \uXXXX escapes decode to UTF-8; surrogate pairs combine; a lone
**   surrogate becomes U+FFFD; \u0000 gives a NUL byte (strings carry their
**   length). Invalid UTF-8 inside strings becomes U+FFFD; an unescaped
**   control character is an error.
** - Duplicate member names are all kept, in order (galley_val_get finds
**   the first).
** - Errors: 'line' and 'col' are 1-based, 'col' counts bytes. Messages:
**   "unexpected character 'x'", "unexpected byte 0xXX", "unexpected end of
**   input", "unterminated string" (at its opening quote), "unescaped control
**   character 0xXX in string", "invalid escape '\x' in string",
**   "invalid \u escape (expected 4 hex digits)", "invalid literal 'word'",
**   "leading zeros are not allowed", "expected a digit after '-'" (or '.'),
**   "expected a digit in the exponent", "number out of range",
**   "expected a string as object key", "expected ':' after object key",
**   "expected ',' or '}' after an object member", "expected ',' or ']'
**   after an array item", "trailing comma before ']'" (or '}'),
**   "trailing characters after the value", "nesting deeper than 200 levels".
*/
#ifndef GALLEY_JSON_H
#define GALLEY_JSON_H

#include "buf.h"
#include "value.h"

/* Nesting limit for decoding and encoding. */
#if !defined(GALLEY_JSON_MAXDEPTH)
#define GALLEY_JSON_MAXDEPTH 200
#endif

typedef struct galley_json_error {
    size_t line, col;       /* 1-based position of the error */
    size_t offset;          /* 0-based byte offset */
    char msg[128];          /* "expected ',' or '}' after an object member" */
} galley_json_error;

/* Append the JSON text of 'v' to 'out'. Returns 0, GALLEY_ENOMEM, or
** GALLEY_EINVAL (NaN/infinity, or nesting over the limit). */
int galley_json_encode(const galley_val *v, galley_buf *out);

/* Like galley_json_encode, but one member or item a line, 'indent' spaces
** a level (clamped to 0..16; 0 gives compact output), ": " after keys and
** "[]"/"{}" for empty containers, as JavaScript's JSON.stringify does. No
** newline at the end. */
int galley_json_encode_pretty(const galley_val *v, galley_buf *out,
                              int indent);

/* Append 's' ('len' bytes) as a quoted, escaped JSON string. */
int galley_json_string(galley_buf *out, const char *s, size_t len);

/* Append number 'n' as JSON (shortest round-trip form); GALLEY_EINVAL for
** NaN/infinity. */
int galley_json_number(galley_buf *out, double n);

/* Append integer 'i' in decimal. */
int galley_json_integer(galley_buf *out, int64_t i);

/* Parse exactly one JSON value from 's' (surrounding whitespace allowed).
** Returns 0; or GALLEY_EINVAL with 'err' filled (and 'out' null);
** or GALLEY_ENOMEM. */
int galley_json_decode(const char *s, size_t len, galley_val *out,
                       galley_json_error *err);

#endif
