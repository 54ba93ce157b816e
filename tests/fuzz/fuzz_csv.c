/* fuzz_csv: writes arbitrary fields and JSON items as CSV with csv_field and csv_items (src/util/csv.c) and reads them back with a small RFC 4180 reader, checking every field round-trips and no cell starts a formula. */
#include "fuzz.h"

#include <math.h>

#include "util/csv.h"

#define FIELDS_MAX 16

/* Reads one RFC 4180 record from *p (CRLF-terminated); fields are written NUL-terminated into cells. Returns the count, -1 if malformed. */
static int read_record(const char **p, char *cells[], int max, char *store)
{
	const char *s = *p;
	int n = 0;

	for (;;) {
		char *o = store;

		if (n == max)
			return -1;
		cells[n++] = store;
		if (*s == '"') {
			for (s++;; s++) {
				if (!*s)
					return -1;
				if (*s == '"') {
					if (s[1] != '"')
						break;
					s++;
				}
				*o++ = *s;
			}
			s++;
		} else {
			for (; *s && *s != ',' && *s != '\r' && *s != '\n' && *s != '"'; s++)
				*o++ = *s;
		}
		*o++ = '\0';
		store = o;
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] == '\r' && s[1] == '\n') {
			*p = s + 2;
			return n;
		}
		return -1;
	}
}

/* What a cell must read back as: a field a spreadsheet would run as a formula gets a leading quote. */
static void check_cell(const char *cell, const char *written, int col)
{
	bool formula = written[0] && strchr("=+-@\t\r", written[0]);

	FUZZ_ASSERT(!strchr("=+-@\t\r", cell[0]) || !cell[0], "column %d starts a formula: %s", col, cell);
	if (formula)
		FUZZ_ASSERT(cell[0] == '\'' && strcmp(cell + 1, written) == 0, "column %d: '%s' read back as '%s'", col, written, cell);
	else
		FUZZ_ASSERT(strcmp(cell, written) == 0, "column %d: '%s' read back as '%s'", col, written, cell);
}

/*
 * Input: a byte giving the number of columns (1-4), 8 bytes of a real, then
 * NUL-separated fields, written as rows of that many columns with csv_field, and as
 * string members of items with csv_items (the real is added as one more column).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cols[] = {"a", "b", "c", "d", "real"};
	char *fields[FIELDS_MAX], *copy, *cells[8], *store;
	size_t n, ncols;
	double real;
	struct buf out;
	const char *p;
	json_t *items;

	if (size < 9 || size > 16 * 1024)
		return 0;
	ncols = (data[0] & 3) + 1;
	memcpy(&real, data + 1, sizeof real);
	n = fuzz_split(data + 9, size - 9, '\0', fields, FIELDS_MAX, &copy);
	n -= n % ncols;
	store = malloc(2 * size + 1024); /* a cell of the real is up to 312 characters */
	if (!store)
		abort();

	/* Fields written one by one. */
	buf_init(&out, 0);
	for (size_t i = 0; i < n; i++)
		csv_field(&out, fields[i], (i + 1) % ncols == 0);
	p = out.data;
	for (size_t r = 0; r < n / ncols; r++) {
		FUZZ_ASSERT(read_record(&p, cells, 8, store) == (int)ncols, "row %zu does not read back", r);
		for (size_t c = 0; c < ncols; c++)
			check_cell(cells[c], fields[r * ncols + c], (int)c);
	}
	FUZZ_ASSERT(*p == '\0', "bytes after the last row");
	buf_release(&out);

	/* The same fields as items, with the real as one more column. */
	items = json_array();
	for (size_t r = 0; r < n / ncols; r++) {
		json_t *o = json_object();

		for (size_t c = 0; c < ncols; c++)
			json_object_set_new(o, cols[c], json_string(fields[r * ncols + c]));
		if (isfinite(real))
			json_object_set_new(o, "real", json_real(real));
		json_array_append_new(items, o);
	}
	{
		const char *header[5];

		for (size_t c = 0; c < ncols; c++)
			header[c] = cols[c];
		header[ncols] = "real";
		buf_init(&out, 0);
		csv_items(&out, items, header, ncols + 1);
		p = out.data;
		FUZZ_ASSERT(read_record(&p, cells, 8, store) == (int)ncols + 1, "the header does not read back");
		for (size_t r = 0; r < n / ncols; r++) {
			json_t *o = json_array_get(items, r);

			FUZZ_ASSERT(read_record(&p, cells, 8, store) == (int)ncols + 1, "item %zu does not read back", r);
			for (size_t c = 0; c < ncols; c++) {
				const char *s = json_string_value(json_object_get(o, cols[c]));

				/* A field that is not UTF-8 is no JSON string: its cell is empty. */
				check_cell(cells[c], s ? s : "", (int)c);
			}
			if (isfinite(real)) {
				char want[512];

				snprintf(want, sizeof want, "%.1f", real);
				check_cell(cells[ncols], want, (int)ncols);
			} else {
				FUZZ_ASSERT(cells[ncols][0] == '\0', "a cell for no value");
			}
		}
		FUZZ_ASSERT(*p == '\0', "bytes after the last item");
		buf_release(&out);
	}
	json_decref(items);
	free(store);
	free(copy);
	return 0;
}
