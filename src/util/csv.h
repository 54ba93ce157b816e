/* csv: writing RFC 4180 CSV fields that spreadsheets open safely. */
#ifndef ACCORD_CSV_H
#define ACCORD_CSV_H

#include <stdbool.h>

#include "buf.h"

/*
 * Appends one field, quoted when it holds a comma, quote or line break, then a comma or
 * (last) CRLF. A field that a spreadsheet would run as a formula (starting with = + - @,
 * tab or CR) is prefixed with a single quote. Writing CSV is a few lines; no library is
 * needed for it.
 */
void csv_field(struct buf *out, const char *s, bool last);

#endif
