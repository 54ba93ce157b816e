/* csv: writing RFC 4180 CSV fields that spreadsheets open safely. */
#ifndef ACCORD_CSV_H
#define ACCORD_CSV_H

#include <stdbool.h>

#include <jansson.h>
#include <stddef.h>

#include "buf.h"

/*
 * Appends one field, quoted when it holds a comma, quote or line break, then a comma or
 * (last) CRLF. A field that a spreadsheet would run as a formula (starting with = + - @,
 * tab or CR) is prefixed with a single quote. Writing CSV is a few lines; no library is
 * needed for it.
 */
void csv_field(struct buf *out, const char *s, bool last);

/*
 * Writes a header line of the column names, then one line per object of items with
 * those members: strings as they are, integers, reals to one decimal, booleans as
 * yes/no, anything else (null, absent) empty.
 */
void csv_items(struct buf *out, json_t *items, const char *const *cols, size_t ncols);

#endif
