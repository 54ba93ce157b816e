/* statements: the names of every SQL statement accord runs (the SQL itself is in statements.def). */
#ifndef ACCORD_STATEMENTS_H
#define ACCORD_STATEMENTS_H

enum stmt {
#define STMT(name, sql) STMT_##name,
#include "statements.def"
#undef STMT
	STMT__MAX
};

#endif
